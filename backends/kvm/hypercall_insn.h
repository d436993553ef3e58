/* SPDX-License-Identifier: MIT */
/* The hypercall instructions (hypercall_insn.S), shared with C. */
#ifndef PVOPS_KVM_HYPERCALL_INSN_H
#define PVOPS_KVM_HYPERCALL_INSN_H

/* What a hypercall returns when its instruction faulted: outside KVM's -KVM_E* range. */
#define KVM_HC_FAULTED (-4096)

#ifndef __ASSEMBLER__
long kvm_vmcall(u64 nr, u64 a0, u64 a1, u64 a2, u64 a3);
long kvm_vmmcall(u64 nr, u64 a0, u64 a1, u64 a2, u64 a3);
#endif

#endif
