// SPDX-License-Identifier: MIT
/*
 * minikernel's exceptions: an IDT with #GP and #PF, which ask pvops first
 * (pvops_fixup_exception: the _safe MSR ops fault on purpose) and stop the
 * machine otherwise. The return is pvops' iret site (Xen PV cannot iretq).
 */
#include <pvops/pvops.h>
#include "kernel.h"

struct gate {
	u16 off_lo, sel;
	u8 ist, type;
	u16 off_mid;
	u32 off_hi, zero;
} __attribute__((packed));

static struct gate idt[32] __attribute__((aligned(16)));

void trap(u64 *rip, u32 vector);
void trap(u64 *rip, u32 vector)
{
	if (pvops_fixup_exception((pvops_u64 *)rip))
		return;
	kprintf("PANIC: exception %u at %lx\n", vector, *rip);
	pvops_power_shutdown(2);
}

extern const char gp_stub[], pf_stub[];	/* traps_entry.S */

static void set_gate(u32 v, const char *fn)
{
	u64 a = (u64)fn;
	u16 cs;

	__asm__("mov %%cs, %0" : "=r"(cs));
	idt[v] = (struct gate){ (u16)a, cs, 0, 0x8e, (u16)(a >> 16), (u32)(a >> 32), 0 };
}

void traps_init(void)
{
	struct pvops_desc_ptr d = { sizeof(idt) - 1, (pvops_u64)idt };

	set_gate(13, gp_stub);
	set_gate(14, pf_stub);
	pvops_cpu_load_idt(&d);
}
