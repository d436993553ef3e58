/* SPDX-License-Identifier: MIT */
/*
 * Assembly shared by the Xen backend's entry points (entry.S, hvm_entry.S):
 * call a C function from an interrupt-like entry with every caller-saved
 * register preserved and the stack aligned, leaving its result in `result`.
 */
#ifndef PVOPS_XEN_ENTRY_H
#define PVOPS_XEN_ENTRY_H

.macro XEN_CALL_PRESERVING fn, result
	pushq %rax
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %rbp
	movq %rsp, %rbp
	andq $-16, %rsp
	cld
	call \fn
	movq %rbp, %rsp
	movq %rax, \result
	popq %rbp
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rax
.endm

/*
 * An upcall: call pick (every register preserved); when it returns a
 * handler's address, enter that handler on this interrupt frame as if its
 * interrupt had been raised (the slot below the saved registers becomes
 * the return address, so each vCPU's target is on its own stack), else
 * leave with none_left.
 */
.macro XEN_ENTER_PICKED pick, none_left
	subq $8, %rsp			/* the handler's address, if any */
	XEN_CALL_PRESERVING \pick, 80(%rsp)	/* the slot above the ten saved registers */
	cmpq $0, (%rsp)
	je 7771f
	ret				/* into the kernel's handler, on the interrupt frame */
7771:	addq $8, %rsp
	\none_left
.endm

#endif
