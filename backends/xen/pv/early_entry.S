/* SPDX-License-Identifier: MIT */
/*
 * Where Xen enters a PV kernel that carries PVOPS_XEN_PV_NOTES: the library
 * first (ABI 1.3). On Xen's own stack, with %rsi = start_info, it makes the
 * ops a kernel may call before pvops_init() Xen's (early.c), then jumps to
 * the kernel's entry (pvops_xen_pv_kernel_entry, from the notes) with %rsi
 * as Xen gave it.
 */
	.text
	/* Weak: a kernel without the notes (never entered by Xen PV) links without it. */
	.weak pvops_xen_pv_kernel_entry
	.globl pvops_xen_pv_start
pvops_xen_pv_start:
	movq %rsi, %rbx			/* start_info: kept for the kernel */
	movq %rsp, %rbp
	andq $-16, %rsp
	movq %rsi, %rdi
	call xen_pv_early
	movq %rbp, %rsp
	movq %rbx, %rsi
	movabsq $pvops_xen_pv_kernel_entry, %rax
	testq %rax, %rax
	jz 1f
	jmp *(%rax)
1:	ud2				/* entered without PVOPS_XEN_PV_NOTES' entry: cannot go on */

	.section .note.GNU-stack, "", @progbits
