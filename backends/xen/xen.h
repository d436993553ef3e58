/* SPDX-License-Identifier: MIT */
/*
 * The Xen backend's private interface, shared between its files.
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

	__asm__ volatile("call *%[entry]"
			 : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3), "+r"(r10), "+r"(r8)
			 : [entry] "r"(pvops_xen_hypercall_page + 32 * nr)
			 : "memory", "rcx", "r9", "r11");
	return ret;
}

long xen_hypercall_checked(unsigned int nr, const char *what, u64 a1, u64 a2, u64 a3,
			   u64 a4, u64 a5);
const char *xen_errno_name(long err);
const char *xen_hypercall_name(unsigned int nr);
void xen_report(unsigned int nr, const char *what, long rc);

#define XEN_HC(name, what, a1, a2, a3, a4, a5)					\
	xen_hypercall_checked(__HYPERVISOR_##name, what, (u64)(a1), (u64)(a2),	\
			      (u64)(a3), (u64)(a4), (u64)(a5))

/* Per-hypercall counts, for the tests and the benchmark. */
extern u64 xen_hypercall_count[64];
extern u64 xen_hypercall_failures;

#define XEN_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the domain (xen.c) --------------------------------------------------- */
extern struct start_info *xen_start_info;
extern struct shared_info *xen_shared;	/* = xen_shared_page */
extern u8 xen_shared_page[PVOPS_PAGE_SIZE];
extern bool xen_initdomain;
extern bool xen_active;		/* the backend's init succeeded */
extern bool xen_hvm;		/* HVM/PVH flavour (else PV) */

/* ---- per-vCPU state (percpu.c) --------------------------------------------- */
/*
 * vCPUs 0 to XEN_MAX_VCPUS - 1 (the vCPU id is the CPU id under PV). Each
 * has its vcpu_info in shared_info, its own timer VIRQ, a kick port for
 * lock.wait (masked: only polled) and a runstate area.
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
/* The calling vCPU's state. */
static inline struct xen_percpu *xen_this(void)
{
	u32 cpu = xen_smp_started ? pvops_this_cpu() : 0;

	return &xen_cpus[cpu < XEN_MAX_VCPUS ? cpu : 0];
}
/* A tick of this vCPU's timer port arrived: re-arm a periodic timer (time.c). */
void xen_timer_tick(struct xen_percpu *pc);
/* Per-vCPU setup on the vCPU itself (the boot vCPU's from init). */
int xen_cpu_init(u32 cpu);

/* ---- CPUs (smp.c) -------------------------------------------------------- */
int xen_enum_cpus(struct pvops_cpu_set *cpus, u32 *self);
int xen_cpu_up(u32 cpu, const struct pvops_ap_boot *boot);
/* The kernel's trap table as Xen wants it, for a vCPU about to start. */
void xen_fill_trap_ctxt(struct trap_info *traps);
extern const char xen_ap_entry[];

/* ---- traps and entry (traps.c, entry.S) ----------------------------------- */
int xen_traps_init(void);
void xen_load_idt(const struct pvops_desc_ptr *dtr);
void xen_load_gdt(const struct pvops_desc_ptr *dtr);
void xen_load_tr(u16 sel);
void xen_load_sp0(u64 *tss_sp0, u64 sp0);
/* The kernel's handler for a vector, from its IDT (0 when none). */
u64 xen_vector_target(u32 vector);
void xen_record_idt(const struct pvops_desc_ptr *dtr);
extern const char xen_iret[], xen_hypervisor_callback[], xen_failsafe_callback[];
extern const char xen_trap_adapters[];
extern u64 xen_trap_target[256];

/* ---- irq ops (entry.S) and events (events.c) ------------------------------ */
extern const char xen_save_fl[], xen_restore_fl[], xen_irq_disable[], xen_irq_enable[];
extern const char xen_read_cr2[];
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
extern u64 xen_events_delivered;

/* ---- the HVM/PVH flavour (hvm.c, hvm_entry.S) ------------------------------ */
#define XEN_HVM_CALLBACK_VECTOR 0xf3	/* claimed in every IDT the kernel loads */
extern u32 xen_cpuid_base;		/* where Xen's CPUID leaves are */
extern u64 xen_upcalls;			/* callback-vector entries */
extern const char xen_hvm_callback[];
int xen_hvm_init(struct pvops_ops *ops, const struct pvops_env *env);

/* ---- time (time.c) ---------------------------------------------------------- */
int xen_time_init(u32 cpu);
int xen_time_hvm_init(void);
u32 xen_vcpu_is_preempted(u32 cpu);
void xen_time_fill(struct pvops_ops *ops);
u64 xen_clock_ns(void);
u64 xen_tsc_khz(void);
u64 xen_steal_ns(u32 cpu);
int xen_timer_oneshot(u64 delta_ns, u32 vector);
int xen_apic_setup(u32 spurious_vector);
void xen_apic_timer_set(u32 vector, u32 count, u32 mode);
void xen_wallclock(u64 *sec, u32 *nsec);

/* ---- MMU (mmu.c) ------------------------------------------------------------- */
extern u64 xen_mmu_update_calls, xen_mmu_updates, xen_multicalls;
extern u32 xen_lazy_batch;
int xen_mmu_init(const struct pvops_env *env);
void xen_mmu_fill(struct pvops_ops *ops);
/* The machine frame of this vCPU's top-level table, for a vCPU to start on. */
u64 xen_root_mfn(void);
/* vCPU cpu starts on the page tables of the calling vCPU. */
void xen_mmu_cpu_init(u32 cpu);

/* ---- console and power (console.c) ------------------------------------------- */
int xen_console_init(void);
void xen_console_write(const char *buf, u64 len);
void xen_shutdown(u32 status);
void xen_reboot(void);

#endif
