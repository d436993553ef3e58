// SPDX-License-Identifier: MIT
/*
 * The pvclock formulas (pvclock_abi.h): the scaling and the rate. Pure
 * code, built into the host tests as well; the reader is pvclock_read.h.
 */
#include "pvclock_abi.h"

u64 pvclock_scale(u64 delta, u32 mul, s8 shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (u64)(((unsigned __int128)delta * mul) >> 32);
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
