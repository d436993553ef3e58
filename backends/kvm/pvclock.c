// SPDX-License-Identifier: MIT
/*
 * Reading a pvclock structure (pvclock_abi.h): version retry and the
 * scaling formula. Pure code, built into the host tests as well.
 */
#include "pvclock_abi.h"

#define PVCLOCK_MAX_TRIES 1000000

u64 pvclock_scale(u64 delta, u32 mul, s8 shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (u64)(((unsigned __int128)delta * mul) >> 32);
}

int pvclock_read(const volatile struct pvclock_vcpu_time_info *p, u64 (*rdtsc)(void),
		 u64 *ns, u8 *flags)
{
	u32 tries, v;
	u64 ts, sys, tsc;
	u32 mul;
	s8 shift;
	u8 f;

	for (tries = 0; tries < PVCLOCK_MAX_TRIES; tries++) {
		v = p->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		ts = p->tsc_timestamp;
		sys = p->system_time;
		mul = p->tsc_to_system_mul;
		shift = p->tsc_shift;
		f = p->flags;
		tsc = rdtsc();
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if ((v & 1) || v != p->version)
			continue;
		*ns = sys + pvclock_scale(tsc - ts, mul, shift);
		if (flags)
			*flags = f;
		return 0;
	}
	return -1;
}

u64 pvclock_tsc_khz(u32 tsc_to_system_mul, s8 tsc_shift)
{
	u64 khz;

	if (!tsc_to_system_mul)
		return 0;
	/* ns per tick = mul * 2^shift / 2^32, so kHz = 10^6 * 2^32 / mul / 2^shift. */
	khz = (1000000ULL << 32) / tsc_to_system_mul;
	if (tsc_shift < 0)
		khz <<= -tsc_shift;
	else
		khz >>= tsc_shift;
	return khz;
}
