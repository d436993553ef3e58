/* SPDX-License-Identifier: MIT */
/*
 * The KVM hypercall instructions, each with an exception fixup: KVM
 * rewrites a hypercall instruction it does not consider native for the
 * host ("hypercall patching"), which on the kernel's read-only text is a
 * #PF at the instruction. The kernel's #PF handler (pvops_fixup_exception)
 * then resumes at the fixup, which returns PVOPS_KVM_HC_FAULTED instead.
 *
 * long kvm_vmcall(u64 nr, u64 a0, u64 a1, u64 a2, u64 a3), kvm_vmmcall(...):
 * C arguments rdi, rsi, rdx, rcx, r8; KVM's rax = nr, rbx, rcx, rdx, rsi.
 */
#include <pvops/extable.h>
#include <pvops/kvm.h>

.macro KVM_HYPERCALL name, insn
	.text
	.globl \name
	.type \name, @function
\name:
	pushq %rbx
	movq %rdi, %rax
	movq %rsi, %rbx
	movq %rcx, %r9
	movq %rdx, %rcx
	movq %r9, %rdx
	movq %r8, %rsi
1:	\insn
2:	popq %rbx
	ret
3:	movq $PVOPS_KVM_HC_FAULTED, %rax
	jmp 2b
	PVOPS_EXTABLE_ENTRY(1b, 3b)
	.size \name, .-\name
.endm

KVM_HYPERCALL kvm_vmcall, vmcall
KVM_HYPERCALL kvm_vmmcall, vmmcall
