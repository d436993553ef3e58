// SPDX-License-Identifier: MIT
/*
 * Xen PV before pvops_init() (ABI 1.3): the ops table starts out native,
 * and natively cli, sti, hlt, iretq and reading CR2 fault or lie in a PV
 * kernel (ring 3). Before the kernel's first instruction, on the entry Xen
 * takes (early_entry.S), this maps shared_info and makes those ops, cpuid, the
 * console and shutdown Xen's: what a kernel does before its C init (irq-
 * saving locks, messages, a panic) works. pvops_init() then sets up the
 * whole backend (pv.c) over it. Nothing here needs a kernel service.
 */
#include "pv.h"

/* cpu.io_delay (no ISA bus; its outb would fault in ring 3) and apic.eoi (none owed). */
static void nothing(void)
{
}

void xen_pv_entry_ops(struct pvops_ops *ops)
{
	ops->irq_save_fl = PVOPS_CALLEE(xen_save_fl);
	ops->irq_restore_fl = PVOPS_CALLEE(xen_restore_fl);
	ops->irq_disable = PVOPS_CALLEE(xen_irq_disable);
	ops->irq_enable = PVOPS_CALLEE(xen_irq_enable);
	ops->irq_safe_halt = xen_safe_halt;
	ops->irq_halt = xen_halt;
	ops->irq_iret = PVOPS_JUMP(xen_iret);
	ops->mmu_read_cr2 = PVOPS_CALLEE(xen_read_cr2);
	ops->cpu_cpuid = xen_cpuid;
	ops->console_write = xen_console_write;	/* console_io until the ring is known */
	ops->power_shutdown = xen_shutdown;
	ops->power_reboot = xen_reboot;
}

void xen_pv_early(struct start_info *si);
void xen_pv_early(struct start_info *si)
{
	struct pvops_ops *ops = &pvops_ops;

	if (!si || pvops_strncmp(si->magic, "xen-3.0-x86_64", 14))
		return;	/* pvops_init() says so, with the rest */
	if (xen_hypercall_raw(__HYPERVISOR_update_va_mapping, (uptr)xen_shared_page,
			      si->shared_info | 0x8000000000000003ULL, UVMF_INVLPG | UVMF_LOCAL, 0,
			      0) < 0)
		return;	/* the native table stays; init reports the same failure */
	xen_initdomain = si->flags & SIF_INITDOMAIN;
	xen_cpus[0].vi = &xen_shared->vcpu_info[0];
	/* Interrupts off until pvops_init() returns (the ABI's entry state): Xen leaves events on. */
	xen_cpus[0].vi->evtchn_upcall_mask = 1;
	xen_pv_entry_ops(ops);
	ops->cpu_io_delay = nothing;
	ops->apic_eoi = nothing;	/* events are acknowledged when picked */
}
