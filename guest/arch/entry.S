/* SPDX-License-Identifier: MIT */
/*
 * Interrupt and exception entry: 256 stubs of 16 bytes each push an error
 * code (a zero where the CPU pushes none) and the vector, then save the
 * registers into a struct trap_frame and call trap_dispatch().
 */
#include <pvops/asm.h>
#include <pvops/extable.h>

	.text
	.balign 16
	.globl trap_stubs
trap_stubs:
	.set vec, 0
	.rept 256
	.balign 16
	.if (vec == 8) || (vec >= 10 && vec <= 14) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
	.else
	pushq $0
	.endif
	pushq $vec
	jmp trap_common
	.set vec, vec + 1
	.endr

trap_common:
	cld
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, %rdi
	/* Align the stack for C whatever the CPU did. */
	movq %rsp, %rbx
	andq $-16, %rsp
	call trap_dispatch
	movq %rbx, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp		/* vector, error code */
	PVOPS_ASM_JUMP(PVOPS_ID_irq_iret)	/* iretq, patched */

/*
 * int probe_read_u64(const void *addr, u64 *val)
 * int probe_write_u64(void *addr, u64 val)
 * Return 0, or -14 (EFAULT) when the access faulted; the fault is
 * recorded by the trap handler (see traps.c).
 */
	.globl probe_read_u64
probe_read_u64:
1:	movq (%rdi), %rax
	movq %rax, (%rsi)
	xorl %eax, %eax
	ret
2:	movl $-14, %eax
	ret
	PVOPS_EXTABLE_ENTRY(1b, 2b)

	.globl probe_write_u64
probe_write_u64:
1:	movq %rsi, (%rdi)
	xorl %eax, %eax
	ret
2:	movl $-14, %eax
	ret
	PVOPS_EXTABLE_ENTRY(1b, 2b)

	.section .note.GNU-stack, "", @progbits
