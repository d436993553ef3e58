// SPDX-License-Identifier: MIT
/*
 * The pvclock reader (backends/kvm/pvclock.c) against structures made up
 * here: the scaling formula with positive and negative shifts, the TSC
 * rate it implies, a 96-bit product (an hour at 3 GHz), a structure the
 * host rewrites in the middle of a read (odd version, changed version),
 * and one that never settles.
 */
#include "tap.h"
#include "../../backends/kvm/pvclock_read.h"

static struct pvclock_vcpu_time_info ti;
static u64 fake_tsc;
static int rewrites;	/* rdtsc "is interrupted by" the host this many times */
static int odd_reads;	/* the host is mid-update for this many reads */

static u64 rdtsc_fake(void)
{
	if (rewrites > 0) {
		rewrites--;
		ti.version += 2;
		ti.system_time = 5000000000ULL;
	}
	if (odd_reads > 0 && !--odd_reads)
		ti.version++;	/* the update completes */
	return fake_tsc;
}

static u64 rdtsc_never_settles(void)
{
	ti.version += 2;
	return fake_tsc;
}

/* What KVM computes for a TSC of khz: mul and shift with mul in [2^31, 2^32). */
static void params_for_khz(u64 khz, u32 *mul, s8 *shift)
{
	u64 ns_per_tick_32 = (1000000ULL << 32) / khz;	/* 32.32 ns per tick */
	s8 s = 0;

	while (ns_per_tick_32 >= (1ULL << 32)) {
		ns_per_tick_32 >>= 1;
		s++;
	}
	while (ns_per_tick_32 < (1ULL << 31)) {
		ns_per_tick_32 <<= 1;
		s--;
	}
	*mul = (u32)ns_per_tick_32;
	*shift = s;
}

int main(void)
{
	u64 ns = 0, khz;
	u8 flags = 0;
	u32 mul;
	s8 shift;
	int rc;

	params_for_khz(3000000, &mul, &shift);	/* 3 GHz: 1/3 ns per tick */
	OK(shift == -1 && pvclock_scale(3000, mul, shift) >= 999 &&
	   pvclock_scale(3000, mul, shift) <= 1000,
	   "negative shift: 3000 ticks at 3 GHz = 1000 ns (shift %d)", shift);
	params_for_khz(2000000, &mul, &shift);	/* 2 GHz: 0.5 ns per tick */
	ti.version = 2;
	ti.tsc_to_system_mul = mul;
	ti.tsc_shift = shift;
	ti.tsc_timestamp = 1000;
	ti.system_time = 7;
	ti.flags = PVCLOCK_TSC_STABLE_BIT;
	fake_tsc = 1000 + 2000000000ULL;	/* one second after the stamp */
	rc = pvclock_read(&ti, rdtsc_fake, &ns, &flags);
	OK(rc == 0 && flags == PVCLOCK_TSC_STABLE_BIT, "a settled structure reads, flags too");
	OK(ns >= 1000000000ULL + 7 - 2 && ns <= 1000000000ULL + 7,
	   "1 s of a 2 GHz TSC + system_time 7 = %llu ns", (unsigned long long)ns);

	khz = pvclock_tsc_khz(mul, shift);
	OK(khz >= 1999999 && khz <= 2000001, "the rate it implies is 2 GHz (%llu kHz)",
	   (unsigned long long)khz);
	params_for_khz(500000, &mul, &shift);	/* 500 MHz: 2 ns per tick, shift +2 */
	OK(shift == 2 && pvclock_scale(1000, mul, shift) >= 1999 &&
	   pvclock_scale(1000, mul, shift) <= 2000,
	   "positive shift: 1000 ticks at 500 MHz = 2000 ns");
	khz = pvclock_tsc_khz(mul, shift);
	OK(khz >= 499999 && khz <= 500001, "and 500 MHz back (%llu kHz)", (unsigned long long)khz);
	OK(pvclock_tsc_khz(0, 0) == 0, "a zero multiplier is no rate, not a division by zero");

	/* An hour at 3 GHz: delta * mul needs more than 64 bits. */
	params_for_khz(3000000, &mul, &shift);
	ns = pvclock_scale(3600ULL * 3000000000ULL, mul, shift);
	OK(ns >= 3600ULL * 1000000000ULL - 3600 && ns <= 3600ULL * 1000000000ULL,
	   "an hour of a 3 GHz TSC scales to an hour (%llu ns)", (unsigned long long)ns);

	/* Rewritten during the read: the second, consistent values win. */
	params_for_khz(2000000, &mul, &shift);
	ti.tsc_to_system_mul = mul;
	ti.tsc_shift = shift;
	ti.system_time = 7;
	rewrites = 1;
	rc = pvclock_read(&ti, rdtsc_fake, &ns, NULL);
	OK(rc == 0 && ns >= 6000000000ULL - 2 && ns <= 6000000000ULL,
	   "a rewrite mid-read is retried and the new system_time used (%llu)",
	   (unsigned long long)ns);

	/* Odd version: the host is mid-update; the reader waits for it. */
	ti.version = 9;
	ti.system_time = 0;
	odd_reads = 3;
	rc = pvclock_read(&ti, rdtsc_fake, &ns, NULL);
	OK(rc == 0 && ti.version == 10 && ns >= 1000000000ULL - 2 && ns <= 1000000000ULL,
	   "an odd version is not read; the completed update is (%llu)", (unsigned long long)ns);

	rc = pvclock_read(&ti, rdtsc_never_settles, &ns, NULL);
	OK(rc == -1, "a structure that never settles gives up instead of hanging");
	return tap_done();
}
