/* SPDX-License-Identifier: MIT */
/*
 * The event-channel upcall of the HVM/PVH flavour: Xen raises the
 * callback vector (HVM_PARAM_CALLBACK_IRQ) while upcall_pending is set,
 * with the CPU's own interrupt frame and no local-APIC in-service bit.
 * Pick one pending event; if it is bound to a vector, enter the kernel's
 * handler for it as if that interrupt had been raised, else return.
 */
#include "../common/entry.h"
#include <pvops/asm.h>

	.text
	.globl xen_hvm_callback
xen_hvm_callback:
	PVOPS_ENDBR
	XEN_ENTER_PICKED xen_hvm_upcall, iretq

	.section .note.GNU-stack, "", @progbits
