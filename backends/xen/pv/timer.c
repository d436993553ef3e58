// SPDX-License-Identifier: MIT
/*
 * Timers under Xen PV: the one-shot timer is set_timer_op and so is the
 * periodic one, re-armed at each tick, both raising the calling vCPU's
 * VIRQ_TIMER (Xen's own VCPUOP_set_periodic_timer stops while the vCPU is
 * descheduled: a kernel halting until its next tick would never wake).
 */
#include "pv.h"

/* apic.timer_set counts ticks of a nominal 62.5 MHz clock (16 ns) under Xen. */
#define XEN_TIMER_TICK_NS 16
#define XEN_MIN_PERIOD_NS 1000000ULL	/* Xen refuses shorter periods */

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
 * apic.timer_deadline (1.3): the one-shot timer at the system time the
 * TSC reaches tsc, by pvclock's rate (xen_tsc_khz); 0 cancels it.
 */
int xen_timer_deadline(u64 tsc, u32 vector)
{
	u64 now, khz, d, ns = 0;
	u32 lo, hi;

	if (!tsc) {
		xen_this()->timer_period_ns = 0;
		XEN_HC(set_timer_op, "cancel", 0, 0, 0, 0, 0);
		return 0;
	}
	khz = xen_tsc_khz();
	if (!khz)
		return -PVOPS_ENOTSUP;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	now = ((u64)hi << 32) | lo;
	if (tsc > now) {
		d = tsc - now;
		/* ticks / kHz in ms, without overflow: whole kHz, then the rest */
		ns = d / khz * 1000000 + (d % khz) * 1000000 / khz;
	}
	return xen_timer_oneshot(ns, vector);
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

/* apic.timer_hz (1.3): timer_set's ticks are the nominal 16 ns. */
u64 xen_apic_timer_hz(void)
{
	return 1000000000ULL / XEN_TIMER_TICK_NS;
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
	xen_runstate_register(cpu, cpu);
	return 0;
}
