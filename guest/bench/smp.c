// SPDX-License-Identifier: MIT
/*
 * pvbench, the cross-CPU ops (tools/pvmatrix --bench boots 2 vCPUs): each
 * row is a round trip to another CPU, timed on this one, in the same boot
 * as its alternative.
 *	apic.send_ipi		patched: the op; trap: the local APIC's ICR
 *				written directly (x2APIC MSR or xAPIC MMIO).
 *				The target's handler answers, this CPU waits.
 *	apic.send_ipi_mask	patched: the op, to the set of the other CPUs.
 *	mmu.flush_tlb_multi	patched: the op (the backend's own flush, the
 *				kernel's shootdown for what it leaves); trap: an
 *				IPI by the ICR whose handler flushes, waited for.
 *				With one CPU only the trap form runs, as a
 *				self-IPI (the per-target cost).
 *	lock.kick		patched: the other CPU sleeps in lock.wait and
 *				this one kicks it; native: it spins (the native
 *				lock.wait is pause) and nobody kicks.
 * Every case checks that each round trip came back exactly once.
 */
#include "bench.h"

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_X2APIC (1ULL << 10)
#define APIC_BASE_ENABLE (1ULL << 11)
#define X2APIC_ICR_MSR 0x830
#define XAPIC_ICR_LO 0x300
#define XAPIC_ICR_HI 0x310

static volatile u32 *xapic;
static bool x2apic;
static volatile u32 answered;
static u32 target_id;	/* APIC id of the CPU the rows go to */
static struct pvops_cpu_set targets;
static u8 shoot_page[PVOPS_PAGE_SIZE] __attribute__((aligned(PVOPS_PAGE_SIZE)));

static void answer(struct trap_frame *f)
{
	(void)f;
	__atomic_add_fetch(&answered, 1, __ATOMIC_RELEASE);
	pvops_apic_eoi();
}

static void flush_and_answer(struct trap_frame *f)
{
	(void)f;
	pvops_mmu_flush_tlb_one((u64)(uptr)shoot_page);
	__atomic_add_fetch(&answered, 1, __ATOMIC_RELEASE);
	pvops_apic_eoi();
}

/*
 * Spin until answered moves from a, or KTEST_DEADLINE_NS after the first
 * 4096 spins (the clock is read only then, and every 4096 spins after:
 * the round trip is timed, not the clock). An answer that never comes is
 * the case's failure (its count is checked), not a hang.
 */
static inline void spin_for_answer(u32 a)
{
	u64 spins = 0, t0 = 0;

	while (__atomic_load_n(&answered, __ATOMIC_ACQUIRE) == a) {
		__asm__ volatile("pause");
		if (++spins & 4095)
			continue;
		if (!t0)
			t0 = pvops_time_clock_ns();
		else if (pvops_time_clock_ns() - t0 > KTEST_DEADLINE_NS)
			break;
	}
}

/* Wait for the answer to request a (this CPU's interrupts on for a self-IPI). */
static inline void await(u32 a)
{
	pvops_irq_enable();
	spin_for_answer(a);
	pvops_irq_disable();
}

/* The ICR, as a kernel without the op writes it: fixed, physical destination. */
static inline void icr_send(u32 dest, u32 vector)
{
	if (x2apic) {
		pvops_cpu_write_msr(X2APIC_ICR_MSR, ((u64)dest << 32) | vector);
	} else {
		xapic[XAPIC_ICR_HI / 4] = dest << 24;
		xapic[XAPIC_ICR_LO / 4] = vector;
	}
}

BENCH_LOOP(ipi_op, ({
	u32 a = answered;

	pvops_apic_send_ipi(target_id, TEST_IPI_VECTOR);
	await(a);
}))
BENCH_LOOP(ipi_mask_op, ({
	u32 a = answered;

	pvops_apic_send_ipi_mask(&targets, TEST_IPI_VECTOR);
	await(a);
}))
BENCH_LOOP(ipi_icr, ({
	u32 a = answered;

	icr_send(target_id, TEST_IPI_VECTOR);
	await(a);
}))
BENCH_LOOP(flush_multi_op, pvops_mmu_flush_tlb_multi(&targets, (u64)(uptr)shoot_page,
						     smp_shootdown))

/* Why the ICR cannot be written here, or NULL once it can (mapped if need be). */
static const char *icr_unusable(void)
{
	u64 base;

	if (bootinfo.entry == PVOPS_ENTRY_XEN_PV)
		return "xen-pv-guest-has-no-emulated-devices";
	if (ktest_needs_apic())
		return "no-local-apic";
	base = pvops_cpu_read_msr(MSR_APIC_BASE);
	if (!(base & APIC_BASE_ENABLE))
		return "local-apic-disabled";
	x2apic = !!(base & APIC_BASE_X2APIC);
	if (!x2apic && !xapic)
		xapic = map_mmio(base & 0xffffff000ULL, PVOPS_PAGE_SIZE);
	return x2apic || xapic ? NULL : "local-apic-not-mappable";
}

/* Time loop for iters round trips; false (and a failed case) unless each was answered once. */
static bool time_round_trips(struct ktest *t, bench_loop_t loop, u64 iters,
			     void (*handler)(struct trap_frame *), struct bench_result *r)
{
	pvops_irq_disable();
	answered = 0;
	set_irq_handler(TEST_IPI_VECTOR, handler);
	bench_time_n(loop, iters, r);
	set_irq_handler(TEST_IPI_VECTOR, NULL);
	pvops_irq_enable();
	/* The warm-up, then each run's loop (the empty loops send nothing). */
	KT_EXPECT_EQ(t, answered, 1 + (u64)r->runs * iters);
	return answered == 1 + (u64)r->runs * iters;
}

/* The quick form (make check): a few round trips, each of which may be slow on a loaded host. */
static u64 round_trips(void)
{
	return bench_full() ? 512 : 4;
}

/* Aim the rows at another CPU, or at this one when there is none. */
static struct cpu *aim(void)
{
	struct cpu *other = smp_other_cpu();

	target_id = other ? other->id : 0xffffffffU;
	if (other)
		smp_others(&targets);
	return other;
}

static void ipi_round_trip(struct ktest *t)
{
	struct bench_result r;
	const char *why;

	if (!aim()) {
		bench_row_skip("apic.send_ipi", "patched", "needs-a-second-cpu");
		bench_row_skip("apic.send_ipi_mask", "patched", "needs-a-second-cpu");
		bench_row_skip("apic.send_ipi", "trap", "needs-a-second-cpu");
		ktest_skip(t, KTEST_NEEDS_SECOND_CPU);
		return;
	}
	if (time_round_trips(t, ipi_op, round_trips(), answer, &r))
		bench_row_op("apic.send_ipi", "patched", &r, "site=round-trip-to-cpu-%u", target_id);
	if (time_round_trips(t, ipi_mask_op, round_trips(), answer, &r))
		bench_row_op("apic.send_ipi_mask", "patched", &r, "site=round-trip-to-%u-cpus",
			     smp_cpus_online() - 1);
	why = icr_unusable();
	if (why) {
		bench_row_skip("apic.send_ipi", "trap", why);
		return;
	}
	if (time_round_trips(t, ipi_icr, round_trips(), answer, &r))
		bench_row_op("apic.send_ipi", "trap", &r, "site=%s-icr-round-trip",
			     x2apic ? "x2apic-msr" : "xapic-mmio");
}

static void flush_round_trip(struct ktest *t)
{
	struct bench_result r;
	const char *why;
	bool other = aim();

	if (other) {
		/* The op returns once the other CPU cannot use the entry: no answer to count. */
		bench_time_n(flush_multi_op, round_trips(), &r);
		bench_row_op("mmu.flush_tlb_multi", "patched", &r, "site=%u-other-cpus",
			     smp_cpus_online() - 1);
	} else {
		bench_row_skip("mmu.flush_tlb_multi", "patched", "needs-a-second-cpu");
	}
	why = icr_unusable();
	if (why) {
		bench_row_skip("mmu.flush_tlb_multi", "trap", why);
		ktest_skip(t, why);
		return;
	}
	if (time_round_trips(t, ipi_icr, round_trips(), flush_and_answer, &r))
		bench_row_op("mmu.flush_tlb_multi", "trap", &r, "site=%s",
			     other ? "icr-ipi-to-other-cpu" : "icr-self-ipi");
}

/*
 * lock.kick round trips: the other CPU waits in lock.wait while its byte
 * is 0; this one sets it and kicks; the waiter clears it and answers.
 */
static volatile u8 wake_byte, waiter_stop;
static bool kick_on;

static void waiter(void *arg)
{
	(void)arg;
	while (!READ_ONCE(waiter_stop)) {
		if (READ_ONCE(wake_byte)) {
			WRITE_ONCE(wake_byte, 0);
			__atomic_add_fetch(&answered, 1, __ATOMIC_RELEASE);
			continue;
		}
		if (kick_on)
			pvops_lock_wait(&wake_byte, 0);
		else
			__asm__ volatile("pause");
	}
}

BENCH_LOOP(kick_trip, ({
	u32 a = answered;

	WRITE_ONCE(wake_byte, 1);
	if (kick_on)
		pvops_lock_kick(target_id);
	spin_for_answer(a);
}))

static void kick_round_trip(struct ktest *t)
{
	static const char *const form[2] = { "native", "patched" };
	struct cpu *other = aim();
	struct bench_result r;
	int k;

	if (!other) {
		bench_row_skip("lock.kick", "patched", "needs-a-second-cpu");
		bench_row_skip("lock.kick", "native", "needs-a-second-cpu");
		ktest_skip(t, KTEST_NEEDS_SECOND_CPU);
		return;
	}
	for (k = 0; k < 2; k++) {
		kick_on = k;
		answered = 0;
		wake_byte = 0;
		waiter_stop = 0;
		KT_ASSERT(t, !smp_call_async(other->index, waiter, NULL));
		bench_time_n(kick_trip, round_trips(), &r);
		WRITE_ONCE(waiter_stop, 1);
		WRITE_ONCE(wake_byte, 1);
		pvops_lock_kick(target_id);
		KT_ASSERT(t, !smp_call_wait(other->index));
		/* Each round trip answered once (the last wake may be answered or not). */
		KT_EXPECT(t, answered == 1 + (u64)r.runs * round_trips() ||
			     answered == 2 + (u64)r.runs * round_trips());
		bench_row_op("lock.kick", form[k], &r, "site=%s-wake-round-trip",
			     k ? "lock.wait-kick" : "spin");
	}
}

static const struct ktest_case bench_smp_cases[] = {
	KTEST_CASE(ipi_round_trip),
	KTEST_CASE(flush_round_trip),
	KTEST_CASE(kick_round_trip),
	{}
};
KTEST_SUITE(pvbench_smp, bench_smp_cases);
