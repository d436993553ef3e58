// SPDX-License-Identifier: MIT
/*
 * ABI 1.3: ops called before pvops_init(). The guest's very first C code
 * calls a few (the irq flags as an irq-saving lock would, CPUID) and keeps
 * what they said; the preinit suite (tests/test_preinit.c) checks it once
 * the backend runs. Natively the table starts out native; a Xen PV entry
 * passes through the library first, which makes these ops Xen's.
 */
#include "kernel.h"

struct preinit preinit;

void preinit_probe(void)
{
	struct pvops_cpuid_regs r;

	preinit.flags_at_entry = pvops_irq_save_fl();
	pvops_irq_disable();
	preinit.flags_disabled = pvops_irq_save_fl();
	pvops_irq_restore_fl(preinit.flags_at_entry);
	preinit.flags_restored = pvops_irq_save_fl();
	pvops_cpu_cpuid(0, 0, &r);
	preinit.vendor[0] = r.ebx;
	preinit.vendor[1] = r.edx;
	preinit.vendor[2] = r.ecx;
	/* No interrupt is in service: an EOI changes nothing, and must not fault. */
	pvops_apic_eoi();
	preinit.done = true;
}
