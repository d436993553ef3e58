/* SPDX-License-Identifier: MIT */
/*
 * Two doors: PVH (32-bit, paging off; QEMU -kernel, Xen PVH) and Xen PV
 * (64-bit on Xen's tables). PVH builds this kernel's boot tables (the first
 * 4 GiB identity-mapped and again at KBASE, 2 MiB pages) and enters long
 * mode the library's way (<pvops/long-mode.h>).
 */
#include <pvops/xen-pv.h>
#include <pvops/long-mode.h>

#define KBASE 0xffffffff80000000
#define PA(x) ((x) - KBASE)

	/* PVH: the 32-bit entry, by physical address. */
	.pushsection .note.Xen, "a", @note
	.balign 4
	.long 4, 4, PVOPS_XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.long PA(pvh_entry)
	.popsection

	/* Xen PV: the notes, and the 64-bit entry. */
	PVOPS_XEN_PV_NOTES xen_pv_entry, KBASE

	.section .text.entry, "ax"
	.code32
	.globl pvh_entry
pvh_entry:
	movl %ebx, %esi			/* hvm_start_info (physical) */
	lgdt PA(gdt_desc)
	/* PML4[0] and PML4[511] -> one PDPT; PDPT[0..3] and [510] -> the 4 PDs. */
	movl $PA(pdpt) + 3, PA(pml4)
	movl $PA(pdpt) + 3, PA(pml4) + 511 * 8
	movl $PA(pd), %eax
	orl $3, %eax
	xorl %ecx, %ecx
1:	movl %eax, PA(pdpt)(, %ecx, 8)
	addl $4096, %eax
	incl %ecx
	cmpl $4, %ecx
	jne 1b
	movl $PA(pd) + 3, PA(pdpt) + 510 * 8
	movl $0x83, %eax		/* present, writable, 2 MiB */
	xorl %ecx, %ecx
2:	movl %eax, PA(pd)(, %ecx, 8)
	movl %ecx, %edx
	shrl $11, %edx
	movl %edx, PA(pd) + 4(, %ecx, 8)
	addl $0x200000, %eax
	incl %ecx
	cmpl $2048, %ecx
	jne 2b
	PVOPS_LONG_MODE_ENTER $0x10, $PA(pml4)
	ljmp $0x08, $PA(pvh64)

	.code64
pvh64:
	movabsq $pvh_high, %rax
	jmp *%rax
pvh_high:
	leaq stack_top(%rip), %rsp
	movl $1, %edi			/* ENTRY_PVH */
	movl %esi, %esi
	call kmain
	ud2

	.globl xen_pv_entry
xen_pv_entry:
	leaq stack_top(%rip), %rsp
	movl $2, %edi			/* ENTRY_XEN_PV; %rsi = start_info (virtual) */
	call kmain
	ud2

	.section .data.boot, "aw"
	.balign 8
gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x10: data */
gdt_desc:
	.short gdt_desc - gdt - 1
	.long PA(gdt)

	.section .bss.pages, "aw", @nobits
	.balign 4096
pml4:	.skip 4096
pdpt:	.skip 4096
pd:	.skip 4 * 4096
	.balign 16
	.skip 32768
stack_top:

	.section .note.GNU-stack, "", @progbits
