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
 * %rax := the calling vCPU's vcpu_info, every other register kept. Until
 * a second vCPU runs it is vCPU 0's, the first thing in the shared-info
 * page; then the kernel's per-CPU id picks it (percpu.c).
 */
.macro THIS_VCPU_INFO
	leaq xen_shared_page(%rip), %rax
	cmpb $0, xen_smp_started(%rip)
	je 771f
	call xen_this_vcpu_info_callee
771:
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
