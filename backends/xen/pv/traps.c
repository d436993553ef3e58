// SPDX-License-Identifier: MIT
/*
 * Traps under Xen PV: the kernel's IDT becomes Xen's trap table, with an
 * adapter per vector (entry.S) so that its handlers run unchanged; the
 * event and failsafe callbacks; descriptor tables and the kernel stack.
 */
#include "pv.h"

/*
 * Vectors Xen delivers through the trap table. NMI and machine checks
 * come through callbacks and Xen keeps double faults to itself.
 */
static bool xen_traps_vector(u32 v)
{
	return v < 32 && v != 2 && v != 8 && v != 15 && v != 18;
}

/* Each vector's trap_info flags: DPL, and 4 when events are masked (interrupt gate). */
static u8 trap_flags[256];

/* The trap table of the IDT last loaded: Xen's form, for vCPU 0 or a new vCPU. */
static u32 fill_traps(struct trap_info *table, bool by_vector)
{
	u32 v, k = 0;

	for (v = 0; v < 256; v++) {
		struct trap_info *ti;

		if (!xen_trap_target[v] || !xen_traps_vector(v))
			continue;
		ti = &table[by_vector ? v : k++];
		ti->vector = (u8)v;
		ti->flags = trap_flags[v];
		ti->cs = FLAT_KERNEL_CS;
		ti->address = (unsigned long)(xen_trap_adapters + 16 * v);
	}
	return k;
}

void xen_fill_trap_ctxt(struct trap_info *traps)
{
	fill_traps(traps, true);
}

void xen_load_idt(const struct pvops_desc_ptr *dtr)
{
	const struct pvops_idt_gate *g = (const struct pvops_idt_gate *)(uptr)dtr->base;
	struct trap_info table[33];
	u32 n = ((u32)dtr->limit + 1) / sizeof(*g), v;

	xen_record_idt(dtr);
	for (v = 0; v < 32 && v < n; v++)
		trap_flags[v] = (u8)(((g[v].type >> 5) & 3) | ((g[v].type & 0xf) == 0xe ? 4 : 0));
	pvops_memset(table, 0, sizeof(table));
	table[fill_traps(table, false)].address = 0;	/* end */
	XEN_HC(set_trap_table, "", table, 0, 0, 0, 0);
}

/*
 * The kernel runs on Xen's flat segments (FLAT_KERNEL_CS/DS), whatever
 * selectors its own GDT has: loading a GDT or a task register would need
 * read-only, page-sized tables and has no effect a PV kernel depends on.
 */
void xen_load_gdt(const struct pvops_desc_ptr *dtr)
{
	(void)dtr;
}

void xen_load_tr(u16 sel)
{
	(void)sel;
}

/* The stack Xen switches to on entry from user mode. */
void xen_load_sp0(u64 *tss_sp0, u64 sp0)
{
	*tss_sp0 = sp0;
	XEN_HC(stack_switch, "", FLAT_KERNEL_SS, sp0, 0, 0, 0);
}

int xen_traps_init(void)
{
	struct callback_register event = {
		.type = CALLBACKTYPE_event,
		.flags = CALLBACKF_mask_events,
		.address = (unsigned long)xen_hypervisor_callback,
	};
	struct callback_register failsafe = {
		.type = CALLBACKTYPE_failsafe,
		.flags = CALLBACKF_mask_events,
		.address = (unsigned long)xen_failsafe_callback,
	};

	if (XEN_HC(callback_op, "CALLBACKOP_register event", CALLBACKOP_register, &event, 0,
		   0, 0) < 0)
		return -PVOPS_EIO;
	if (XEN_HC(callback_op, "CALLBACKOP_register failsafe", CALLBACKOP_register,
		   &failsafe, 0, 0, 0) < 0)
		return -PVOPS_EIO;
	return 0;
}
