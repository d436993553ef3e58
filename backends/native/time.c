// SPDX-License-Identifier: MIT
/*
 * Native time: the TSC, at the rate tsc_rate.c decides (a backend's,
 * CPUID's, or the PIT's). clock_ns = (tsc - tsc0) * mult >> 32.
 */
#include "native.h"
#include "insn.h"

static u64 tsc_hz;
static u64 tsc0;
static u64 mult;	/* ns per TSC tick, 32.32 fixed point */

void native_time_init(u64 known_khz, u64 known_bus_khz, const char *source)
{
	tsc_hz = pvops_native_tsc_rate(known_khz, known_bus_khz, source) * 1000;
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
