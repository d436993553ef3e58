/* SPDX-License-Identifier: MIT */
/*
 * minikernel's own start-up code for its other CPUs, as a kernel with its
 * own trampoline has (pvops' smp.cpu_start_raw sends the IPIs, ABI 1.3).
 * smp.c copies it to AP_PA, below 1 MiB, and fills in the three slots; the
 * STARTUP IPI enters it in real mode at AP_PA. It goes to 32-bit protected
 * mode with a GDT of its own, to long mode with pvops' <pvops/long-mode.h>
 * on the boot CPU's page tables (pvops' 32-bit stub maps the first 4 GiB
 * one to one, so this page stays where it is), then jumps to the slot's
 * 64-bit entry on the slot's stack.
 */
#include <pvops/long-mode.h>

#define AP_PA 0x90000
#define AT(x) (AP_PA + ((x) - ap_tramp))

	.section .rodata.ap_tramp, "a"
	.globl ap_tramp, ap_tramp_end, ap_tramp_cr3, ap_tramp_stack, ap_tramp_entry
	.balign 16
	.code16
ap_tramp:
	cli
	cld
	movw %cs, %ax
	movw %ax, %ds
	lgdtl (gdt_desc - ap_tramp)
	movl %cr0, %eax
	orl $1, %eax
	movl %eax, %cr0
	ljmpl $0x18, $AT(pm32)

	.code32
pm32:
	PVOPS_LONG_MODE_ENTER $0x10, AT(ap_tramp_cr3)
	ljmp $0x08, $AT(lm64)

	.code64
lm64:
	movq AT(ap_tramp_stack), %rsp
	movq AT(ap_tramp_entry), %rax
	jmp *%rax

	.balign 8
gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x10: flat data */
	.quad 0x00cf9a000000ffff	/* 0x18: flat 32-bit code */
gdt_desc:
	.word 0x1f
	.long AT(gdt)
	.balign 8
ap_tramp_cr3:
	.quad 0			/* the PML4's physical address (below 4 GiB) */
ap_tramp_stack:
	.quad 0
ap_tramp_entry:
	.quad 0
ap_tramp_end:

	.section .note.GNU-stack, "", @progbits
