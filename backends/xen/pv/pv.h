/* SPDX-License-Identifier: MIT */
/*
 * The Xen PV backend's private interface, between its files (pv/); what
 * it shares with the HVM/PVH backend is ../common/xen.h.
 */
#ifndef PVOPS_XEN_PV_PRIVATE_H
#define PVOPS_XEN_PV_PRIVATE_H

#include "../common/xen.h"

/* ---- the domain (pv.c) ------------------------------------------------------ */
extern struct start_info *xen_start_info;

/* The ops a PV kernel needs from its entry on (early.c): irq, cr2, iret, cpuid, console, power. */
void xen_pv_entry_ops(struct pvops_ops *ops);

/* cpu.cpuid through Xen's forced-emulation prefix (pv.c). */
void xen_cpuid(u32 leaf, u32 subleaf, struct pvops_cpuid_regs *r);

/* ---- per-vCPU setup (cpu.c): the descriptor's cpu_init ---------------------- */
int xen_pv_cpu_init(u32 cpu);

/* ---- CPUs (smp.c) -------------------------------------------------------- */
int xen_enum_cpus(struct pvops_cpu_set *cpus, u32 *self);
int xen_cpu_up(u32 cpu, const struct pvops_ap_boot *boot);
extern const char xen_ap_entry[];

/* ---- traps and entry (traps.c, entry.S) ----------------------------------- */
int xen_traps_init(void);
/* The kernel's trap table as Xen wants it, for a vCPU about to start. */
void xen_fill_trap_ctxt(struct trap_info *traps);
void xen_load_idt(const struct pvops_desc_ptr *dtr);
void xen_load_gdt(const struct pvops_desc_ptr *dtr);
void xen_load_tr(u16 sel);
void xen_load_sp0(u64 *tss_sp0, u64 sp0);
extern const char xen_iret[], xen_hypervisor_callback[], xen_failsafe_callback[];
extern const char xen_trap_adapters[];

/* ---- irq ops (entry.S) ------------------------------------------------------ */
extern const char xen_save_fl[], xen_restore_fl[], xen_irq_disable[], xen_irq_enable[];
extern const char xen_read_cr2[];

/* ---- timers (timer.c) --------------------------------------------------------- */
/* vCPU cpu's timer VIRQ and runstate area. */
int xen_time_init(u32 cpu);
int xen_timer_oneshot(u64 delta_ns, u32 vector);
int xen_timer_deadline(u64 tsc, u32 vector);
int xen_cpu_start_raw(u32 cpu, u64 start_pa);
int xen_apic_setup(u32 spurious_vector);
u64 xen_apic_timer_hz(void);
void xen_apic_timer_set(u32 vector, u32 count, u32 mode);

/* ---- frames (p2m.c) ----------------------------------------------------------- */
int xen_p2m_init(const struct pvops_env *env);
/* The machine frame of a pseudo-physical one (identity for frames not the domain's RAM). */
mfn_t xen_p2m_lookup(pfn_t pfn);
/* The machine address of kernel memory at va. */
u64 xen_machine_addr(const void *va);
/* A page-table entry in Xen's form: leaf entries mapping a page table lose W. */
u64 xen_make(u64 v, bool leaf);
/* Mark (or unmark) pseudo-physical frame n as a page-table page; false: not the domain's. */
bool xen_p2m_set_pt(u64 n, bool pt);
bool xen_p2m_is_pt(u64 n);
/* Xen's bootstrap tables (start_info's pt_base): the first top-level table. */
u64 xen_p2m_boot_root(void);
void xen_make_val_fill(struct pvops_ops *ops);

/* ---- MMU ops (mmu.c) ------------------------------------------------------------ */
int xen_mmu_init(const struct pvops_env *env);
void xen_mmu_fill(struct pvops_ops *ops);
/* The machine frame of this vCPU's top-level table, for a vCPU to start on. */
u64 xen_root_mfn(void);
/* vCPU cpu starts on the page tables of the calling vCPU. */
void xen_mmu_cpu_init(u32 cpu);

/* ---- console (console.c) -------------------------------------------------------- */
int xen_console_init(void);
void xen_console_write(const char *buf, u64 len);

#endif
