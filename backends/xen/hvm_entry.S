/* SPDX-License-Identifier: MIT */
/*
 * The event-channel upcall of the HVM/PVH flavour: Xen raises the
 * callback vector (HVM_PARAM_CALLBACK_IRQ) while upcall_pending is set,
 * with the CPU's own interrupt frame and no local-APIC in-service bit.
 * Pick one pending event; if it is bound to a vector, enter the kernel's
 * handler for it as if that interrupt had been raised (the slot below the
 * saved registers becomes the return address), else return.
 */
	.text
	.globl xen_hvm_callback
xen_hvm_callback:
	subq $8, %rsp		/* the handler's address, if any */
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
	call xen_hvm_upcall
	movq %rbp, %rsp
	movq %rax, 80(%rsp)
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
	cmpq $0, (%rsp)
	je 1f
	ret			/* into the kernel's handler, on the interrupt frame */
1:	addq $8, %rsp
	iretq

	.section .note.GNU-stack, "", @progbits
