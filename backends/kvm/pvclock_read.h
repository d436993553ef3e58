/* SPDX-License-Identifier: MIT */
/*
 * One consistent read of a pvclock structure (pvclock_abi.h): nanoseconds
 * of system time at TSC value rdtsc() and the flags, or -1 when the
 * structure never settled (the host left the version odd). Inline, so
 * that the caller's rdtsc is a direct call, not a call through the
 * parameter on every clock read (tools/check-indirect); the host tests
 * give it a fake one.
 */
#ifndef PVOPS_KVM_PVCLOCK_READ_H
#define PVOPS_KVM_PVCLOCK_READ_H

#include "pvclock_abi.h"

#define PVCLOCK_MAX_TRIES 1000000

static inline __attribute__((always_inline)) int
pvclock_read(const volatile struct pvclock_vcpu_time_info *p, u64 (*rdtsc)(void), u64 *ns, u8 *flags)
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

#endif
