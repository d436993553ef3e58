/* SPDX-License-Identifier: MIT */
/*
 * Entry points of the reference guest, and the way to long mode.
 *
 * Two boot protocols enter here in 32-bit flat protected mode, paging
 * off, interrupts off:
 *   - the Xen PVH ABI (XEN_ELFNOTE_PHYS32_ENTRY; QEMU -kernel, Xen PVH,
 *     Firecracker, cloud-hypervisor): %ebx = hvm_start_info;
 *   - multiboot2 (GRUB): %eax = 0x36d76289, %ebx = boot information.
 * Both reach common32, which builds the boot page tables, enters long
 * mode and jumps to guest_start64 at the kernel's high virtual address.
 *
 * This file (section .boot.text) is the only code outside backends/ with
 * privileged instructions: it runs before any backend can exist. The scan
 * in tools/check-privileged allows exactly this section.
 */
#include <xen/elfnote.h>
#include "../layout.h"
#include <pvops/long-mode.h>


#define MB2_MAGIC 0xe85250d6
#define MB2_BOOTLOADER_MAGIC 0x36d76289

#define PTE_P 0x1
#define PTE_W 0x2
#define PTE_PS 0x80

#define PHYS(x) ((x) - KERNEL_VBASE)

/* ---- ELF note for the PVH entry ---------------------------------------- */
	.pushsection .note.Xen, "a", @note
	.balign 4
	.long 4			/* namesz: "Xen\0" */
	.long 4			/* descsz */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.balign 4
	.long pvh_start32
	.balign 4
	.popsection

/* ---- multiboot2 header ---------------------------------------------------- */
	.section .boot.header, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long 0			/* architecture: i386 protected mode */
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
	/* entry address tag: the 32-bit entry (ELF e_entry is not used) */
	.balign 8
	.short 3, 0
	.long 12
	.long mb2_start32
	/* end tag */
	.balign 8
	.short 0, 0
	.long 8
mb2_header_end:

/* ---- 32-bit entry ----------------------------------------------------------- */
	.section .boot.text, "ax"
	.code32
	.globl pvh_start32
pvh_start32:
	movl $BOOT_PROTO_PVH, %edi
	movl %ebx, %esi
	jmp common32

	.globl mb2_start32
mb2_start32:
	movl $0, %edi
	cmpl $MB2_BOOTLOADER_MAGIC, %eax
	jne 1f
	movl $BOOT_PROTO_MB2, %edi
1:	movl %ebx, %esi

common32:
	lgdt boot_gdt_desc
	movl $0x10, %eax
	movl %eax, %ds			/* for the page-table loop below */

	/* 4 page directories: 2048 x 2 MiB = the first 4 GiB. */
	movl $boot_pd, %ebx
	xorl %ecx, %ecx
2:	movl %ecx, %eax
	shll $21, %eax
	orl $(PTE_P | PTE_W | PTE_PS), %eax
	movl %eax, (%ebx, %ecx, 8)
	movl %ecx, %eax
	shrl $11, %eax
	movl %eax, 4(%ebx, %ecx, 8)
	incl %ecx
	cmpl $2048, %ecx
	jne 2b

	/* Segments, CR4.PAE, CR3, EFER.LME|NXE, CR0.PG|WP|PE (the library's way). */
	PVOPS_LONG_MODE_ENTER $0x10, $boot_pml4
	ljmp $0x08, $long64

	.code64
long64:
	movabsq $guest_start64, %rax
	jmp *%rax

/* ---- boot data ------------------------------------------------------------- */
	.section .boot.data, "aw"
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x10: data */
boot_gdt_end:
boot_gdt_desc:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt

	.balign 4096
	/* PML4: 0 = identity, 273 = direct map, 511 = kernel image. */
boot_pml4:
	.quad boot_pdpt_low + (PTE_P | PTE_W)
	.fill 272, 8, 0
	.quad boot_pdpt_low + (PTE_P | PTE_W)
	.fill 237, 8, 0
	.quad boot_pdpt_high + (PTE_P | PTE_W)
boot_pdpt_low:
	.quad boot_pd + 0x0000 + (PTE_P | PTE_W)
	.quad boot_pd + 0x1000 + (PTE_P | PTE_W)
	.quad boot_pd + 0x2000 + (PTE_P | PTE_W)
	.quad boot_pd + 0x3000 + (PTE_P | PTE_W)
	.fill 508, 8, 0
boot_pdpt_high:
	.fill 510, 8, 0
	.quad boot_pd + (PTE_P | PTE_W)	/* -2 GiB -> physical 0 */
	.quad 0
boot_pd:
	.fill 2048, 8, 0

/* ---- 64-bit, high ----------------------------------------------------------- */
	.text
	.globl guest_start64
guest_start64:
	/* Zero .bss (the loader should have; do not rely on it). */
	movq %rdi, %r12
	movq %rsi, %r13
	leaq _bss_start(%rip), %rdi
	leaq _bss_end(%rip), %rcx
	subq %rdi, %rcx
	xorl %eax, %eax
	rep stosb
	leaq boot_stack_top(%rip), %rsp
	xorl %ebp, %ebp
	movq %r12, %rdi
	movq %r13, %rsi
	call guest_main
3:	jmp 3b

	/* The boot CPU's block: its struct cpu at the bottom (smp.c). */
	.bss
	.balign CPU_STACK_SIZE
	.globl boot_stack
boot_stack:
	.skip CPU_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
