/* SPDX-License-Identifier: MIT */
/*
 * Entry notes and a 32-bit entry stub for any kernel (ABI 1.3):
 * the doors PVH, multiboot2 and multiboot1 loaders use, leading to the
 * kernel's own 64-bit entry with the boot information normalised. For
 * assembly; the kernel's linker script keeps .pvops_entry.header in its first
 * 8 KiB (multiboot loaders search there) and .note.Xen in a PT_NOTE segment.
 *
 *	#include <pvops/entry.h>
 *	PVOPS_PVH_NOTE 0xffffffff80000000
 *	PVOPS_MULTIBOOT2_HEADER 0xffffffff80000000	(and/or PVOPS_MULTIBOOT1_HEADER ...)
 *	PVOPS_ENTRY32 kernel_entry64, 0xffffffff80000000
 *
 * The ELF entry must lie in a loaded segment (GRUB checks it, then takes
 * the multiboot2 header's entry tag): ENTRY(pvops_entry32_mb1) will do.
 * The kernel is linked at virt_base + its physical load address (the top
 * 2 GiB, as the library needs) and loaded below 1 GiB. The stub, entered
 * in 32-bit flat protected mode with paging off, maps the first 4 GiB one
 * to one and the first 1 GiB again at virt_base (2 MiB pages, in its own
 * page-aligned .bss), enters long mode (<pvops/long-mode.h>) and jumps to
 * kernel_entry64 at its high address with:
 *	%edi = the enum pvops_entry of the door taken (PVOPS_ENTRY_PVH,
 *	       PVOPS_ENTRY_MULTIBOOT2, PVOPS_ENTRY_MULTIBOOT1; PVOPS_ENTRY_UNKNOWN
 *	       for a multiboot entry whose magic is wrong),
 *	%rsi = the physical address of the loader's structure (hvm_start_info,
 *	       the multiboot2 or multiboot1 information),
 *	interrupts off, a 64-bit GDT of the stub's (code 0x08, data 0x10), and
 *	no stack: kernel_entry64 sets its own first.
 * For Xen PV see <pvops/xen-pv.h> (PVOPS_XEN_PV_NOTES).
 */
#ifndef PVOPS_ENTRY_H
#define PVOPS_ENTRY_H

#ifndef __ASSEMBLER__
#error "<pvops/entry.h> is for assembly"
#endif

#include <pvops/long-mode.h>
#include <pvops/xen-pv.h>

#define PVOPS_ENTRY_ID_UNKNOWN 0	/* enum pvops_entry (<pvops/env.h>) */
#define PVOPS_ENTRY_ID_PVH 1
#define PVOPS_ENTRY_ID_MULTIBOOT2 2
#define PVOPS_ENTRY_ID_MULTIBOOT1 4

#define PVOPS_MB2_HEADER_MAGIC 0xe85250d6
#define PVOPS_MB2_LOADER_MAGIC 0x36d76289
#define PVOPS_MB1_HEADER_MAGIC 0x1badb002
#define PVOPS_MB1_LOADER_MAGIC 0x2badb002

/* The PVH door: Xen's PHYS32_ENTRY note, with the stub's physical address. */
.macro PVOPS_PVH_NOTE virt_base
	.pushsection .note.Xen, "a", @note
	.balign 4
	.long 4, 4, PVOPS_XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.long pvops_entry32_pvh - \virt_base
	.popsection
.endm

/* A multiboot2 header whose entry tag names the stub (the ELF entry is not used). */
.macro PVOPS_MULTIBOOT2_HEADER virt_base
	.pushsection .pvops_entry.header, "a"
	.balign 8
7701:	.long PVOPS_MB2_HEADER_MAGIC, 0, 7702f - 7701b
	.long -(PVOPS_MB2_HEADER_MAGIC + (7702f - 7701b))
	.balign 8
	.short 3, 0
	.long 12
	.long pvops_entry32_mb2 - \virt_base
	.balign 8
	.short 0, 0
	.long 8
7702:
	.popsection
.endm

/*
 * A multiboot1 header with its address fields (flags bit 16), which loaders
 * use for any file format (QEMU's -kernel takes no 64-bit ELF otherwise):
 * the image is one contiguous piece of the file from image_start (the
 * header's own section must be the first thing there) to data_end, then
 * zeroed up to bss_end; all three are the kernel's link-time symbols.
 */
.macro PVOPS_MULTIBOOT1_HEADER virt_base, image_start, data_end, bss_end
	.pushsection .pvops_entry.header, "a"
	.balign 4
7720:	.long PVOPS_MB1_HEADER_MAGIC
	.long 0x00010000
	.long -(PVOPS_MB1_HEADER_MAGIC + 0x00010000)
	.long 7720b - \virt_base		/* header_addr */
	.long \image_start - \virt_base	/* load_addr */
	.long \data_end - \virt_base	/* load_end_addr */
	.long \bss_end - \virt_base		/* bss_end_addr */
	.long pvops_entry32_mb1 - \virt_base	/* entry_addr */
	.popsection
.endm

.macro PVOPS_ENTRY32 entry64, virt_base
	.pushsection .text.pvops_entry32, "ax"
	.code32
	.globl pvops_entry32_pvh, pvops_entry32_mb2, pvops_entry32_mb1
pvops_entry32_pvh:
	movl $PVOPS_ENTRY_ID_PVH, %edi
	jmp 7710f
pvops_entry32_mb2:
	xorl %edi, %edi
	cmpl $PVOPS_MB2_LOADER_MAGIC, %eax
	jne 7710f
	movl $PVOPS_ENTRY_ID_MULTIBOOT2, %edi
	jmp 7710f
pvops_entry32_mb1:
	xorl %edi, %edi
	cmpl $PVOPS_MB1_LOADER_MAGIC, %eax
	jne 7710f
	movl $PVOPS_ENTRY_ID_MULTIBOOT1, %edi
7710:	movl %ebx, %esi			/* the loader's structure, physical */
	lgdt pvops_entry32_gdt_desc - \virt_base
	/* PML4[0] and [511] -> the PDPT; PDPT[0..3] -> 4 PDs (4 GiB), PDPT[510] -> the first. */
	movl $(pvops_entry32_pdpt - \virt_base + 3), pvops_entry32_pml4 - \virt_base
	movl $(pvops_entry32_pdpt - \virt_base + 3), pvops_entry32_pml4 - \virt_base + 511 * 8
	movl $(pvops_entry32_pd - \virt_base + 3), %eax
	xorl %ecx, %ecx
7711:	movl %eax, pvops_entry32_pdpt - \virt_base(, %ecx, 8)
	addl $4096, %eax
	incl %ecx
	cmpl $4, %ecx
	jne 7711b
	movl $(pvops_entry32_pd - \virt_base + 3), pvops_entry32_pdpt - \virt_base + 510 * 8
	movl $0x83, %eax			/* present, writable, 2 MiB */
	xorl %ecx, %ecx
7712:	movl %eax, pvops_entry32_pd - \virt_base(, %ecx, 8)
	movl %ecx, %edx
	shrl $11, %edx
	movl %edx, pvops_entry32_pd - \virt_base + 4(, %ecx, 8)
	addl $0x200000, %eax
	incl %ecx
	cmpl $2048, %ecx
	jne 7712b
	PVOPS_LONG_MODE_ENTER $0x10, $(pvops_entry32_pml4 - \virt_base)
	ljmp $0x08, $(7713f - \virt_base)
	.code64
7713:	movabsq $\entry64, %rax
	jmp *%rax

	.balign 8
pvops_entry32_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x10: data */
pvops_entry32_gdt_desc:
	.short pvops_entry32_gdt_desc - pvops_entry32_gdt - 1
	.long pvops_entry32_gdt - \virt_base
	.popsection

	.pushsection .bss.pvops_entry32, "aw", @nobits
	.balign 4096
pvops_entry32_pml4:	.skip 4096
pvops_entry32_pdpt:	.skip 4096
pvops_entry32_pd:	.skip 4 * 4096
	.popsection
.endm

#endif /* PVOPS_ENTRY_H */
