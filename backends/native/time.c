// SPDX-License-Identifier: MIT
/*
 * Native time: the TSC, calibrated against the PIT (channel 2, median of
 * five 20 ms rounds),
 * with CPUID leaves 0x15/0x16 as fallbacks when there is no PIT.
 * clock_ns = (tsc - tsc0) * mult >> 32.
 */
#include "native.h"
#include "insn.h"

#define PIT_HZ 1193182ULL
#define PIT_CALIBRATE_MS 20
#define PIT_ROUNDS 5

static u64 tsc_hz;
static u64 tsc0;
static u64 mult;	/* ns per TSC tick, 32.32 fixed point */

/* TSC ticks during one PIT channel-2 countdown of ms milliseconds; 0 if no PIT. */
static u64 pit_round(u32 ms)
{
	u64 latch = PIT_HZ * ms / 1000;
	u64 t0, t1, spins = 0;
	u8 gate;

	gate = raw_inb(0x61);
	raw_outb(0x61, (u8)((gate & ~0x02) | 0x01));	/* gate on, speaker off */
	raw_outb(0x43, 0xb0);	/* channel 2, lo/hi byte, mode 0 */
	raw_outb(0x42, (u8)(latch & 0xff));
	raw_outb(0x42, (u8)(latch >> 8));
	t0 = raw_rdtsc();
	while (!(raw_inb(0x61) & 0x20)) {
		/* No PIT, or a stuck one: give up rather than hang. */
		if (++spins > 50000000ULL || raw_rdtsc() - t0 > 20000000000ULL)
			return 0;
	}
	t1 = raw_rdtsc();
	raw_outb(0x61, gate);
	if (spins < 2)	/* OUT was already high: not a real PIT */
		return 0;
	return (t1 - t0) * 1000 / ms;
}

/*
 * The median of five rounds: under a hypervisor the vCPU may be
 * descheduled in the middle of one, which then measures too many ticks.
 */
static u64 calibrate_pit(void)
{
	u64 hz[PIT_ROUNDS], x;
	u32 i, j;

	for (i = 0; i < PIT_ROUNDS; i++) {
		hz[i] = pit_round(PIT_CALIBRATE_MS);
		if (!hz[i])
			return 0;
		for (j = i; j > 0 && hz[j - 1] > hz[j]; j--) {
			x = hz[j];
			hz[j] = hz[j - 1];
			hz[j - 1] = x;
		}
	}
	return hz[PIT_ROUNDS / 2];
}

static u64 calibrate_cpuid(void)
{
	struct pvops_cpuid_regs r;

	native_cpuid(0, 0, &r);
	if (r.eax >= 0x15) {
		native_cpuid(0x15, 0, &r);
		if (r.eax && r.ebx && r.ecx)
			return (u64)r.ecx * r.ebx / r.eax;
	}
	native_cpuid(0, 0, &r);
	if (r.eax >= 0x16) {
		native_cpuid(0x16, 0, &r);
		if (r.eax & 0xffff)
			return (u64)(r.eax & 0xffff) * 1000000ULL;
	}
	return 0;
}

void native_time_init(void)
{
	tsc_hz = calibrate_pit();
	if (!tsc_hz) {
		tsc_hz = calibrate_cpuid();
		pvops_log("native: no PIT to calibrate the TSC; CPUID says %llu Hz\n", tsc_hz);
	}
	if (!tsc_hz) {
		tsc_hz = 1000000000ULL;
		pvops_log("native: TSC frequency unknown; assuming 1 GHz\n");
	}
	mult = (1000000000ULL << 32) / tsc_hz;
	tsc0 = raw_rdtsc();
}

u64 native_clock_ns(void)
{
	u64 d = raw_rdtsc() - tsc0;

	return (u64)(((unsigned __int128)d * mult) >> 32);
}

u64 native_tsc_khz(void)
{
	return tsc_hz / 1000;
}

u64 native_steal_ns(u32 cpu)
{
	(void)cpu;
	return 0;	/* nobody steals from bare metal */
}

int native_timer_oneshot(u64 delta_ns, u32 vector)
{
	u64 hz = native_apic_timer_hz();
	u64 count;

	if (!hz)
		return -PVOPS_ENODEV;
	if (delta_ns > 100000000000ULL)	/* 100 s keeps the product in 64 bits */
		delta_ns = 100000000000ULL;
	count = delta_ns * hz / 1000000000ULL;
	if (!count)
		count = 1;
	if (count > 0xffffffffULL)
		count = 0xffffffffULL;
	native_apic_timer_set(vector, (u32)count, PVOPS_TIMER_ONESHOT);
	return 0;
}
