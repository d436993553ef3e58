// SPDX-License-Identifier: MIT
/*
 * Time under Xen: the clock is vcpu_time_info (pvclock scaling of the
 * TSC), the one-shot timer is set_timer_op and so is the periodic one,
 * re-armed at each tick, both raising the calling vCPU's VIRQ_TIMER (Xen's
 * own VCPUOP_set_periodic_timer stops while the vCPU is descheduled: a
 * kernel halting until its next tick would never wake);
 * steal time and preemption come from each vCPU's runstate area, the wall
 * clock from shared_info.
 *
 * Every vCPU reads vCPU 0's vcpu_time_info: Xen keeps the TSC in step
 * across the physical CPUs it runs a domain on (as pvclock's stable bit
 * promises), and one source is one monotonic clock for all vCPUs.
 */
#include "xen.h"

/* apic.timer_set counts ticks of a nominal 62.5 MHz clock (16 ns) under Xen. */
#define XEN_TIMER_TICK_NS 16
#define XEN_MIN_PERIOD_NS 1000000ULL	/* Xen refuses shorter periods */


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

/* The vCPU's one timer: a one-shot ends a periodic timer. */
int xen_timer_oneshot(u64 delta_ns, u32 vector)
{
	struct xen_percpu *pc = xen_this();

	pc->timer_period_ns = 0;
	xen_evtchn_bind_vector(pc->timer_port, vector);
	if (XEN_HC(set_timer_op, "", xen_clock_ns() + delta_ns, 0, 0, 0, 0) < 0)
		return -PVOPS_EIO;
	return 0;
}

/*
 * At a periodic tick (the event upcall, on the vCPU itself): the next one
 * period after the last; ticks missed while the vCPU was not running
 * are not made up (as a local APIC's periodic timer does not).
 */
void xen_timer_tick(struct xen_percpu *pc)
{
	u64 now = xen_clock_ns(), next = pc->timer_next_ns + pc->timer_period_ns;

	if (next <= now)
		next = now + pc->timer_period_ns;
	pc->timer_next_ns = next;
	XEN_HC(set_timer_op, "periodic", next, 0, 0, 0, 0);
}

int xen_apic_setup(u32 spurious_vector)
{
	(void)spurious_vector;	/* events are never spurious here */
	return 0;
}

void xen_apic_timer_set(u32 vector, u32 count, u32 mode)
{
	struct xen_percpu *pc = xen_this();
	u64 ns = (u64)count * XEN_TIMER_TICK_NS;

	pc->timer_period_ns = 0;
	XEN_HC(set_timer_op, "cancel", 0, 0, 0, 0, 0);
	xen_evtchn_bind_vector(pc->timer_port, vector);
	if (mode == PVOPS_TIMER_ONESHOT) {
		xen_timer_oneshot(ns, vector);
	} else if (mode == PVOPS_TIMER_PERIODIC) {
		/* Xen's set_periodic_timer floor, kept: no storm of ticks. */
		u64 period = ns < XEN_MIN_PERIOD_NS ? XEN_MIN_PERIOD_NS : ns;

		pc->timer_next_ns = xen_clock_ns() + period;
		pc->timer_period_ns = period;
		XEN_HC(set_timer_op, "periodic", pc->timer_next_ns, 0, 0, 0, 0);
	}
}

/* The clock, TSC rate and steal time: the same in both flavours. */
void xen_time_fill(struct pvops_ops *ops)
{
	ops->time_clock_ns = xen_clock_ns;
	ops->time_tsc_khz = xen_tsc_khz;
	ops->time_steal_ns = xen_steal_ns;
}

static void register_runstate(u32 cpu)
{
	struct vcpu_register_runstate_memory_area area;

	area.addr.v = &xen_cpus[cpu].runstate;
	XEN_HC(vcpu_op, "VCPUOP_register_runstate_memory_area",
	       VCPUOP_register_runstate_memory_area, cpu, &area, 0, 0);
}

/* HVM/PVH: the clock and steal time; timers stay the local APIC's. */
int xen_time_hvm_init(void)
{
	register_runstate(0);
	return 0;
}

/* vCPU cpu's timer VIRQ and runstate area. */
int xen_time_init(u32 cpu)
{
	struct evtchn_bind_virq bind = { .virq = VIRQ_TIMER, .vcpu = cpu };

	/* Xen starts PV vCPUs with a 10 ms periodic timer: the kernel decides. */
	XEN_HC(vcpu_op, "VCPUOP_stop_periodic_timer", VCPUOP_stop_periodic_timer, cpu, 0, 0, 0);
	if (XEN_HC(event_channel_op, "EVTCHNOP_bind_virq VIRQ_TIMER", EVTCHNOP_bind_virq, &bind,
		   0, 0, 0) < 0)
		return -PVOPS_EIO;
	xen_cpus[cpu].timer_port = bind.port;
	xen_evtchn_own(bind.port, cpu);
	xen_evtchn_unmask(bind.port);
	register_runstate(cpu);
	return 0;
}
