/* SPDX-License-Identifier: MIT */
/*
 * The pvclock structures: part of the KVM ABI, defined in the Linux
 * kernel's Documentation/virt/kvm/x86/msr.rst (MSR_KVM_SYSTEM_TIME_NEW,
 * MSR_KVM_WALL_CLOCK_NEW), and shared with Xen's vcpu_time_info. No UAPI
 * header carries them, so they are written here once, as documented:
 *
 *	struct pvclock_vcpu_time_info {
 *		u32 version; u32 pad0; u64 tsc_timestamp; u64 system_time;
 *		u32 tsc_to_system_mul; s8 tsc_shift; u8 flags; u8 pad[2];
 *	};	(32 bytes; the guest registers its address, 4-byte aligned)
 *
 *	time_ns = system_time + ((tsc - tsc_timestamp) << tsc_shift (>> when
 *		  negative)) * tsc_to_system_mul >> 32
 *
 * "version" is odd while the host updates the structure; a reader retries
 * until it sees the same even version before and after reading.
 */
#ifndef PVOPS_KVM_PVCLOCK_ABI_H
#define PVOPS_KVM_PVCLOCK_ABI_H

#include <pvops/types.h>

struct pvclock_vcpu_time_info {
	u32 version;
	u32 pad0;
	u64 tsc_timestamp;
	u64 system_time;
	u32 tsc_to_system_mul;
	s8 tsc_shift;
	u8 flags;
	u8 pad[2];
} __attribute__((packed));
_Static_assert(sizeof(struct pvclock_vcpu_time_info) == 32, "pvclock_vcpu_time_info is 32 bytes");

/* msr.rst, "flags": meaningful when KVM_FEATURE_CLOCKSOURCE_STABLE_BIT is offered. */
#define PVCLOCK_TSC_STABLE_BIT	(1U << 0)	/* monotonic across vCPUs */
#define PVCLOCK_GUEST_STOPPED	(1U << 1)	/* the host paused the guest */

/* msr.rst, MSR_KVM_WALL_CLOCK_NEW: wall time at system_time 0 (the host's boot). */
struct pvclock_wall_clock {
	u32 version;
	u32 sec;
	u32 nsec;
} __attribute__((packed));
_Static_assert(sizeof(struct pvclock_wall_clock) == 12, "pvclock_wall_clock is 12 bytes");

/* The TSC rate the structure implies, in kHz (0 for a zero multiplier). */
u64 pvclock_tsc_khz(u32 tsc_to_system_mul, s8 tsc_shift);
/* Scale a TSC delta to nanoseconds: the formula above, with a 96-bit product. */
u64 pvclock_scale(u64 delta, u32 mul, s8 shift);

#endif
