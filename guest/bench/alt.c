// SPDX-License-Identifier: MIT
/*
 * pvbench, the trap-and-emulate alternatives: what a kernel without the
 * paravirtual op would do, timed in the same boot as the op (ops.c).
 *	time.clock_ns	the HPET main counter (an MMIO read the VMM emulates)
 *	apic.eoi	the local APIC's EOI register (x2APIC MSR or xAPIC MMIO)
 * (The cross-CPU ops' alternatives are in smp.c.)
 * Each case first checks that the device it times answers as it should.
 */
#include "bench.h"

#define HPET_BASE 0xfed00000ULL
#define HPET_CAP 0x000
#define HPET_CONF 0x010
#define HPET_COUNTER 0x0f0
#define HPET_MAX_PERIOD_FS 100000000ULL	/* 100 ns: the spec's bound */

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_X2APIC (1ULL << 10)
#define APIC_BASE_ENABLE (1ULL << 11)
#define X2APIC_EOI_MSR 0x80b
#define XAPIC_EOI 0xb0


static volatile u32 *hpet;
static volatile u32 *xapic;

/* Only an HVM-like guest has emulated devices to compare with. */
static const char *no_devices(void)
{
	return bootinfo.entry == PVOPS_ENTRY_XEN_PV ? "xen-pv-guest-has-no-emulated-devices" : NULL;
}

BENCH_LOOP(hpet_read, BENCH_USE(hpet[HPET_COUNTER / 4]))

static void clock_hpet(struct ktest *t)
{
	u64 cap, period;
	u32 c0, c1;
	struct bench_result r;
	const char *why = no_devices();

	if (!why && !hpet)
		hpet = map_mmio(HPET_BASE, PVOPS_PAGE_SIZE);
	if (!why && !hpet)
		why = "hpet-not-mappable";
	if (!why) {
		cap = hpet[HPET_CAP / 4] | ((u64)hpet[HPET_CAP / 4 + 1] << 32);
		period = cap >> 32;
		if (!period || period > HPET_MAX_PERIOD_FS || (u32)cap == 0xffffffffU)
			why = "no-hpet";
	}
	if (why) {
		bench_row_skip("time.clock_ns", "trap", why);
		ktest_skip(t, why);
		return;
	}
	if (!(hpet[HPET_CONF / 4] & 1))
		hpet[HPET_CONF / 4] |= 1;	/* start the main counter */
	c0 = hpet[HPET_COUNTER / 4];
	/* The main counter runs: it moves (polled, with the deadline). */
	KT_ASSERT(t, KT_WAIT_UNTIL(t, (c1 = hpet[HPET_COUNTER / 4]) != c0,
				   "the HPET main counter moving from %#x", c0));
	bench_time(hpet_read, &r);
	bench_row_op("time.clock_ns", "trap", &r, "site=hpet period_fs=%llu", period);
}

/* pvops-port: raw (the EOI through the MSR op, measured against apic.eoi) */
BENCH_LOOP(eoi_x2apic, pvops_cpu_write_msr(X2APIC_EOI_MSR, 0))
/* pvops-port: raw (the bare store, measured against the op) */
BENCH_LOOP(eoi_xapic, xapic[XAPIC_EOI / 4] = 0)

static void eoi_apic(struct ktest *t)
{
	struct bench_result r;
	const char *why = no_devices();
	bool x2;
	u64 base;

	if (!why && ktest_needs_apic())
		why = "no-local-apic";
	if (why) {
		bench_row_skip("apic.eoi", "trap", why);
		ktest_skip(t, why);
		return;
	}
	base = pvops_cpu_read_msr(MSR_APIC_BASE);
	KT_ASSERT(t, base & APIC_BASE_ENABLE);
	x2 = !!(base & APIC_BASE_X2APIC);
	if (!x2 && !xapic)
		xapic = map_mmio(base & 0xffffff000ULL, PVOPS_PAGE_SIZE);
	KT_ASSERT(t, x2 || xapic);
	/* No interrupt is in service: each EOI is a register write the APIC ignores. */
	bench_time(x2 ? eoi_x2apic : eoi_xapic, &r);
	bench_row_op("apic.eoi", "trap", &r, "site=%s", x2 ? "x2apic-msr" : "xapic-mmio");
	/* ...and the APIC still delivers, once: the writes disturbed nothing. */
	ktest_ipi_arm();
	pvops_apic_send_ipi(0xffffffffU, TEST_IPI_VECTOR);
	KT_EXPECT_EQ(t, ktest_ipi_wait(KTEST_DEADLINE_NS), 1);
}

static const struct ktest_case bench_alt_cases[] = {
	KTEST_CASE(clock_hpet),
	KTEST_CASE(eoi_apic),
	{}
};
KTEST_SUITE(pvbench_alt, bench_alt_cases);
