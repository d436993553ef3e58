/* SPDX-License-Identifier: MIT */
/*
 * The Xen PV door into the same image: the notes Xen's domain builder
 * reads, and the 64-bit entry it jumps to (on Xen's page tables, events
 * masked, %rsi = start_info as a virtual address). Nothing here is
 * privileged: it joins the common 64-bit path at once.
 */
#include <xen/elfnote.h>
#include <pvops/xen-pv.h>
#include "../layout.h"

	PVOPS_XEN_PV_NOTES xen_pv_start, KERNEL_VBASE

	.text
	.globl xen_pv_start
xen_pv_start:
	movl $BOOT_PROTO_XEN_PV, %edi
	jmp guest_start64

	.section .note.GNU-stack, "", @progbits
