/* SPDX-License-Identifier: MIT */
/*
 * The event-channel upcall of the HVM/PVH flavour: Xen raises the
 * callback vector (HVM_PARAM_CALLBACK_IRQ) while upcall_pending is set,
 * with the CPU's own interrupt frame and no local-APIC in-service bit.
 * Pick one pending event; if it is bound to a vector, enter the kernel's
 * handler for it as if that interrupt had been raised (the slot below the
 * saved registers becomes the return address), else return.
 */
#include "entry.h"

	.text
	.globl xen_hvm_callback
xen_hvm_callback:
	subq $8, %rsp		/* the handler's address, if any */
	/* the slot above the ten saved registers */
	XEN_CALL_PRESERVING xen_hvm_upcall, 80(%rsp)
	cmpq $0, (%rsp)
	je 1f
	ret			/* into the kernel's handler, on the interrupt frame */
1:	addq $8, %rsp
	iretq

	.section .note.GNU-stack, "", @progbits
