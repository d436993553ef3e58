/* SPDX-License-Identifier: MIT */
/*
 * Entry from Xen: exception adapters, the event and failsafe callbacks,
 * and the iret op.
 *
 * Xen delivers an exception to a 64-bit PV kernel with %rcx and %r11 on
 * top of the hardware frame (rcx, r11, [error], rip, cs, rflags, rsp, ss).
 * Each adapter pops them and jumps to the kernel's own handler for that
 * vector, taken from the kernel's IDT: the kernel's handlers see exactly
 * the frame the CPU would have pushed.
 */
#include <xen-offsets.h>	/* generated: backends/xen/gen/asm-offsets.c */
#include <pvops/asm.h>
#include "../common/entry.h"

	.text
	.balign 16
	.globl xen_trap_adapters
xen_trap_adapters:
	.set vec, 0
	.rept 256
	.balign 16
	PVOPS_ENDBR
	popq %rcx
	popq %r11
	jmp *xen_trap_target + 8 * vec(%rip)
	.set vec, vec + 1
	.endr

/*
 * The event callback: Xen masked events and pushed rcx, r11 and an
 * interrupt frame. Pick one pending event and enter the kernel's handler
 * for the vector it is bound to; the handler's iret unmasks events again
 * and Xen calls back at once if more are pending.
 */
	.globl xen_hypervisor_callback
xen_hypervisor_callback:
	PVOPS_ENDBR
	popq %rcx
	popq %r11
	XEN_ENTER_PICKED xen_upcall_pick, "jmp xen_iret"

/* Xen could not load the segment state of the context it returned to. */
	.globl xen_failsafe_callback
xen_failsafe_callback:
	PVOPS_ENDBR
	andq $-16, %rsp
	call xen_failsafe
1:	jmp 1b

/*
 * irq.iret: the hardware frame is on the stack. The iret hypercall wants
 * rax, r11, rcx and a flags word below it; its hypercall-page entry pushes
 * the registers, the flags word (0: not returning from a syscall) is ours.
 */
	.globl xen_iret
xen_iret:
	PVOPS_ENDBR
	pushq $0
	jmp pvops_xen_hypercall_page + 32 * XEN_HC_IRET

/*
 * %rax := the calling vCPU's vcpu_info, every other register kept: the
 * vCPU's struct xen_percpu, whose first member is the vcpu_info pointer.
 * The 21 bytes from 771 are a per-CPU load site (ABI 1.4): where the
 * kernel gives a per-CPU slot, init makes them one load of the slot
 * ("mov %gs:off, %rax") and a jump past the rest. The fallback: vCPU 0's
 * state until a second vCPU runs, then the kernel's CPU id picks it
 * (xen_this_percpu, cpu.c).
 */
.macro THIS_VCPU_INFO
771:	leaq xen_cpus(%rip), %rax		/* 7 bytes */
	cmpb $0, xen_smp_started(%rip)		/* 7 */
	.byte 0x74, 5				/* je 772f: 2 */
	call xen_this_percpu_callee		/* 5 */
772:
	PVOPS_PERCPU_SITE 771b, 772b
	movq (%rax), %rax
.endm

/*
 * irq ops, callee-save (only rax changes): the event mask in the vCPU's
 * vcpu_info. Enabling checks for a pending event and asks Xen to deliver
 * it with a harmless hypercall; the fast path is a byte store and a byte
 * compare.
 */
	.globl xen_save_fl
xen_save_fl:
	PVOPS_ENDBR
	THIS_VCPU_INFO
	cmpb $0, XEN_VI_UPCALL_MASK(%rax)
	sete %al
	movzbl %al, %eax
	shll $9, %eax			/* X86_EFLAGS_IF when events are enabled */
	ret

	.globl xen_restore_fl
xen_restore_fl:
	PVOPS_ENDBR
	THIS_VCPU_INFO
	testl $0x200, %edi
	sete XEN_VI_UPCALL_MASK(%rax)
	jz 1f
	cmpb $0, XEN_VI_UPCALL_PENDING(%rax)
	jne xen_force_callback_callee
1:	ret

	.globl xen_irq_disable
xen_irq_disable:
	PVOPS_ENDBR
	THIS_VCPU_INFO
	movb $1, XEN_VI_UPCALL_MASK(%rax)
	ret

	.globl xen_irq_enable
xen_irq_enable:
	PVOPS_ENDBR
	THIS_VCPU_INFO
	movb $0, XEN_VI_UPCALL_MASK(%rax)
	cmpb $0, XEN_VI_UPCALL_PENDING(%rax)
	jne xen_force_callback_callee
	ret

/* Any hypercall returns through Xen's event check: xen_version(0, NULL). */
	.globl xen_force_callback_callee
xen_force_callback_callee:
	PVOPS_ENDBR
	pushq %rdi
	pushq %rsi
	pushq %rdx
	pushq %r10
	pushq %r8
	xorl %edi, %edi
	xorl %esi, %esi
	call pvops_xen_hypercall_page + 32 * XEN_HC_XEN_VERSION
	popq %r8
	popq %r10
	popq %rdx
	popq %rsi
	popq %rdi
	ret

/* mmu.read_cr2, callee-save: Xen stores the fault address in vcpu_info. */
	.globl xen_read_cr2
xen_read_cr2:
	PVOPS_ENDBR
	THIS_VCPU_INFO
	movq XEN_VI_CR2(%rax), %rax
	ret

/*
 * A vCPU that smp.cpu_up started (smp.c): Xen loaded rdi (the boot
 * block), rsi (the vCPU id), rdx (the started flag) and rsp (its stack).
 */
	.globl xen_ap_entry
xen_ap_entry:
	PVOPS_ENDBR
	andq $-16, %rsp
	call pvops_ap_run
	ud2

	.section .note.GNU-stack, "", @progbits
