/* SPDX-License-Identifier: MIT */
/*
 * #GP and #PF (both push an error code): save what C may clobber, call
 * trap(&rip, vector), and return through pvops' iret site (patched to
 * iretq natively; Xen PV's iret hypercall).
 */
#include <pvops/asm.h>

.macro STUB name, vec
	.globl \name
\name:
	push %rax
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %r8
	push %r9
	push %r10
	push %r11
	push %rbp
	lea 88(%rsp), %rdi		/* the frame's rip, above the error code */
	mov $\vec, %esi
	mov %rsp, %rbp
	and $-16, %rsp
	call trap
	mov %rbp, %rsp
	pop %rbp
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rax
	add $8, %rsp			/* the error code */
	PVOPS_ASM_JUMP(PVOPS_ID_irq_iret)
.endm

	.text
	STUB gp_stub, 13
	STUB pf_stub, 14

	.section .note.GNU-stack, "", @progbits
