/* SPDX-License-Identifier: MIT */
/*
 * What the two Xen backends share (common/): hypercalls, shared_info and
 * vcpu_info, event channels, the pvclock clock and runstate, shutdown,
 * the counters and features tables' shape. The PV backend (pv/, pv.h) and
 * the HVM/PVH backend (hvm/) are each one descriptor built on it.
 *
 * Every Xen structure and constant comes from Xen's public headers
 * (/usr/include/xen, Debian libxen-dev), at the latest interface version.
 */
#ifndef PVOPS_XEN_H
#define PVOPS_XEN_H

#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#endif
#include <stdint.h>
#include <xen/xen.h>
#include <xen/callback.h>
#include <xen/event_channel.h>
#include <xen/memory.h>
#include <xen/physdev.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>
#include <xen/io/console.h>

#include <pvops/backend.h>
#include <pvops/xen-pv.h>
#include <pvops/fmt.h>

/* ---- hypercalls (hypercall.c) ------------------------------------------- */
/*
 * Every hypercall goes through the hypercall page Xen filled in. The raw
 * form returns Xen's result; the checked form also reports a failure with
 * the hypercall's name and Xen's error.
 */
static inline long xen_hypercall_raw(unsigned int nr, u64 a1, u64 a2, u64 a3, u64 a4,
				     u64 a5)
{
	register u64 r10 __asm__("r10") = a4;
	register u64 r8 __asm__("r8") = a5;
	long ret;

	/* A number known here is a direct call into the page: no indirect branch (issue 27). */
	if (__builtin_constant_p(nr))
		__asm__ volatile("call pvops_xen_hypercall_page+%c[off]"
				 : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
				 : [off] "i"(32 * nr)
				 : "memory", "rcx", "r9", "r11");
	else
		__asm__ volatile("call *%[entry]"
				 : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
				 : [entry] "r"(pvops_xen_hypercall_page + 32 * nr)
				 : "memory", "rcx", "r9", "r11");
	return ret;
}

const char *xen_errno_name(long err);
const char *xen_hypercall_name(unsigned int nr);
void xen_report(unsigned int nr, const char *what, long rc);

#define XEN_HC(name, what, a1, a2, a3, a4, a5)					\
	xen_hypercall_checked(__HYPERVISOR_##name, what, (u64)(a1), (u64)(a2),	\
			      (u64)(a3), (u64)(a4), (u64)(a5))

/* ---- counters (counters.c): one table, both backends' descriptors carry it -- */
enum xen_counter {
	XEN_C_HYPERCALLS,	/* every hypercall made */
	XEN_C_HYPERCALL_FAILURES,
	XEN_C_MMU_UPDATE_CALLS,	/* mmu_update hypercalls (alone or in a multicall) */
	XEN_C_MMU_UPDATES,	/* page-table entries they carried */
	XEN_C_MULTICALLS,
	XEN_C_EVENTS,		/* events delivered to a vector */
	XEN_C_UPCALLS,		/* HVM/PVH: entries through the callback vector */
	XEN_C_AP_STARTS,	/* vCPUs started with VCPUOP_initialise/up */
	XEN_NR_COUNTERS
};
extern struct pvops_counter xen_counters[XEN_NR_COUNTERS];
#define XEN_COUNT(c) pvops_count(&xen_counters[XEN_C_##c])
#define XEN_COUNT_ADD(c, n) pvops_count_add(&xen_counters[XEN_C_##c], (n))

#define XEN_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The checked form: counted, a failure reported by name. Inline, so that
 * each caller's constant number is a direct call (xen_hypercall_raw).
 */
static inline __attribute__((always_inline)) long
xen_hypercall_checked(unsigned int nr, const char *what, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5)
{
	long rc = xen_hypercall_raw(nr, a1, a2, a3, a4, a5);

	XEN_COUNT(HYPERCALLS);
	if (rc < 0) {
		XEN_COUNT(HYPERCALL_FAILURES);
		xen_report(nr, what, rc);
	}
	return rc;
}

/* ---- the domain (domain.c) ------------------------------------------------ */
extern struct shared_info *xen_shared;	/* = xen_shared_page */
extern u8 xen_shared_page[PVOPS_PAGE_SIZE];
extern bool xen_initdomain;	/* the hardware domain (PV dom0) */
extern bool xen_active;		/* a Xen backend's init succeeded */
extern u32 xen_cpuid_base;	/* where Xen's CPUID leaves are */
/* Xen's version, said on the console by the backend's init. */
long xen_version(void);

/* ---- per-vCPU state (percpu.c) --------------------------------------------- */
/*
 * vCPUs 0 to XEN_MAX_VCPUS - 1 (the vCPU id is the CPU id under PV). Each
 * has its vcpu_info, its runstate area and, under PV, its own timer VIRQ
 * and a kick port for lock.wait (masked: only polled).
 */
#define XEN_MAX_VCPUS 8
struct xen_percpu {
	struct vcpu_info *vi;			/* NULL: not this backend's */
	xen_ulong_t pending_words;		/* selector bits taken, not yet drained */
	evtchn_port_t timer_port;
	evtchn_port_t kick_port;
	/* PV periodic timer: the single-shot re-armed at each tick (time.c). */
	u64 timer_period_ns, timer_next_ns;
	struct vcpu_runstate_info runstate;
};
extern struct xen_percpu xen_cpus[XEN_MAX_VCPUS];
/* Set once a second vCPU is started: until then every path is vCPU 0's. */
extern u8 xen_smp_started;
/*
 * The calling vCPU's state: one load from the kernel's per-CPU slot (ABI
 * 1.4) once the vCPU has set it; else vCPU 0's until a second vCPU runs,
 * then by the kernel's CPU id.
 */
static inline struct xen_percpu *xen_this(void)
{
	struct xen_percpu *pc = pvops_percpu_get();
	u32 cpu;

	if (pc)
		return pc;
	cpu = xen_smp_started ? pvops_this_cpu() : 0;
	return &xen_cpus[cpu < XEN_MAX_VCPUS ? cpu : 0];
}
/* entry.S loads vi from the slot's pointer: it must be the first member. */
_Static_assert(__builtin_offsetof(struct xen_percpu, vi) == 0, "vi first in xen_percpu");
/* A tick of this vCPU's timer port arrived: re-arm a periodic timer (pv/timer.c). */
void xen_timer_tick(struct xen_percpu *pc);

/* ---- the kernel's vectors (vectors.c) -------------------------------------- */
/* The kernel's handler for a vector, from the IDT it last loaded (0 when none). */
u64 xen_vector_target(u32 vector);
void xen_record_idt(const struct pvops_desc_ptr *dtr);
extern u64 xen_trap_target[256];

/* ---- events (events.c) ------------------------------------------------------ */
void xen_safe_halt(void);
void xen_halt(void);
int xen_events_init(void);
/* Deliver events on port to the kernel's handler for vector. */
void xen_evtchn_bind_vector(evtchn_port_t port, u32 vector);
void xen_evtchn_unmask(evtchn_port_t port);
u64 xen_upcall_pick(void);
/* Deliver port's events to vCPU cpu's upcall (the vCPU Xen notifies). */
void xen_evtchn_own(evtchn_port_t port, u32 cpu);
void xen_send_ipi(u32 dest, u32 vector);
void xen_lock_wait(const volatile u8 *ptr, u8 val);
void xen_lock_kick(u32 cpu);
int xen_kick_port_init(u32 cpu);

/* ---- time (time.c) ---------------------------------------------------------- */
/* CPU cpu's runstate area (steal time, preemption): Xen's vCPU vcpu_id. */
void xen_runstate_register(u32 cpu, u32 vcpu_id);
u32 xen_vcpu_is_preempted(u32 cpu);
/* The clock, TSC rate and steal time: the same in both backends. */
void xen_time_fill(struct pvops_ops *ops);
u64 xen_clock_ns(void);
u64 xen_tsc_khz(void);
u64 xen_steal_ns(u32 cpu);
void xen_wallclock(u64 *sec, u32 *nsec);

/* ---- power (power.c) ----------------------------------------------------------- */
void xen_shutdown(u32 status);
void xen_reboot(void);

#endif
