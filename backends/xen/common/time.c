// SPDX-License-Identifier: MIT
/*
 * Time under Xen, both backends: the clock is vcpu_time_info (pvclock
 * scaling of the TSC); steal time and preemption come from each vCPU's
 * runstate area, the wall clock from shared_info. (The PV backend's
 * timers are pv/timer.c; the HVM backend keeps the local APIC's.)
 *
 * Every vCPU reads vCPU 0's vcpu_time_info: Xen keeps the TSC in step
 * across the physical CPUs it runs a domain on (as pvclock's stable bit
 * promises), and one source is one monotonic clock for all vCPUs.
 */
#include "xen.h"

static inline u64 rdtsc_ordered(void)
{
	u32 lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

/* ((delta << shift) * mul) >> 32, with shift possibly negative. */
static u64 pvclock_scale(u64 delta, u32 mul, s8 shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (u64)(((unsigned __int128)delta * mul) >> 32);
}

u64 xen_clock_ns(void)
{
	const volatile struct vcpu_time_info *t = &xen_cpus[0].vi->time;
	u32 version, mul;
	u64 sys, stamp, tsc;
	s8 shift;

	do {
		version = t->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		tsc = rdtsc_ordered();
		sys = t->system_time;
		stamp = t->tsc_timestamp;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != t->version);
	return sys + pvclock_scale(tsc - stamp, mul, shift);
}

/* CPU frequency (Hz) = ((10^9 << 32) / mul) >> shift; here in kHz. */
u64 xen_tsc_khz(void)
{
	const volatile struct vcpu_time_info *t = &xen_cpus[0].vi->time;
	u64 khz = (1000000ULL << 32) / (t->tsc_to_system_mul ? t->tsc_to_system_mul : 1);
	s8 shift = t->tsc_shift;

	return shift < 0 ? khz << -shift : khz >> shift;
}

/* Time this vCPU was runnable or offline but not running: stolen. */
u64 xen_steal_ns(u32 cpu)
{
	const struct vcpu_runstate_info *rs;
	struct vcpu_runstate_info a, b;

	if (cpu >= XEN_MAX_VCPUS)
		return 0;
	rs = &xen_cpus[cpu].runstate;
	do {
		a = *(const volatile struct vcpu_runstate_info *)rs;
		b = *(const volatile struct vcpu_runstate_info *)rs;
	} while (pvops_memcmp(&a, &b, sizeof(a)));
	return a.time[RUNSTATE_runnable] + a.time[RUNSTATE_offline];
}

/* lock.vcpu_is_preempted: Xen has that vCPU runnable but not running. */
u32 xen_vcpu_is_preempted(u32 cpu)
{
	if (cpu >= XEN_MAX_VCPUS || !xen_cpus[cpu].vi)
		return 0;
	return __atomic_load_n(&xen_cpus[cpu].runstate.state, __ATOMIC_RELAXED) ==
	       RUNSTATE_runnable;
}

void xen_wallclock(u64 *sec, u32 *nsec)
{
	volatile struct shared_info *sh = xen_shared;
	u32 v;

	do {
		v = sh->wc_version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		*sec = sh->wc_sec | ((u64)sh->wc_sec_hi << 32);
		*nsec = sh->wc_nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((v & 1) || v != sh->wc_version);
}

int pvops_xen_wallclock(u64 *sec, u32 *nsec)
{
	u64 s, ns;
	u32 n;

	if (!xen_active)
		return -PVOPS_ENODEV;
	xen_wallclock(&s, &n);
	ns = n + xen_clock_ns();
	*sec = s + ns / 1000000000ULL;
	*nsec = (u32)(ns % 1000000000ULL);
	return 0;
}

/* time.clock_stable (1.3): Xen says its pvclock is stable across vCPUs (XEN_PVCLOCK_TSC_STABLE_BIT). */
static u32 xen_clock_stable(void)
{
	return !!(xen_cpus[0].vi->time.flags & XEN_PVCLOCK_TSC_STABLE_BIT);
}

/* The clock, TSC rate and steal time: the same in both backends. */
void xen_time_fill(struct pvops_ops *ops)
{
	ops->time_clock_ns = xen_clock_ns;
	ops->time_tsc_khz = xen_tsc_khz;
	ops->time_clock_stable = xen_clock_stable;
	pvops_native_tsc_rate(xen_tsc_khz(), 0, "Xen vcpu_time_info (pvclock mul/shift)");
	ops->time_steal_ns = xen_steal_ns;
}

void xen_runstate_register(u32 cpu, u32 vcpu_id)
{
	struct vcpu_register_runstate_memory_area area;

	area.addr.v = &xen_cpus[cpu].runstate;
	XEN_HC(vcpu_op, "VCPUOP_register_runstate_memory_area",
	       VCPUOP_register_runstate_memory_area, vcpu_id, &area, 0, 0);
}
