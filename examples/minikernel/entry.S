/* SPDX-License-Identifier: MIT */
/*
 * minikernel's doors, all the library's (<pvops/entry.h>, <pvops/xen-pv.h>):
 * PVH (or, built with DOOR=mb1 or mb2, multiboot1 or 2 instead) through pvops' 32-bit
 * stub, and Xen PV through pvops' own entry. Both end in kernel64 / the PV
 * entry below with %edi = how it was entered (enum pvops_entry) and %rsi =
 * the loader's structure.
 */
#include <pvops/entry.h>
#include <pvops/xen-pv.h>

#define KBASE 0xffffffff80000000

#if defined(DOOR_MB1)
	PVOPS_MULTIBOOT1_HEADER KBASE, image_start, data_end, image_end
#elif defined(DOOR_MB2)
	PVOPS_MULTIBOOT2_HEADER KBASE
#else
	PVOPS_PVH_NOTE KBASE
#endif
	PVOPS_ENTRY32 kernel64, KBASE
	PVOPS_XEN_PV_NOTES xen_pv_entry, KBASE

	.text
	.code64
kernel64:
	leaq stack_top(%rip), %rsp
	movl %esi, %esi			/* physical: the stub maps it one to one */
	call kmain
	ud2

	.globl xen_pv_entry
xen_pv_entry:
	leaq stack_top(%rip), %rsp
	movl $3, %edi			/* PVOPS_ENTRY_XEN_PV; %rsi = start_info (virtual) */
	call kmain
	ud2

	.section .bss.stack, "aw", @nobits
	.balign 16
	.skip 32768
stack_top:

	.section .note.GNU-stack, "", @progbits
