// SPDX-License-Identifier: MIT
/*
 * KVM hypercalls: number in rax, arguments in rbx, rcx, rdx, rsi, result
 * in rax (Documentation/virt/kvm/x86/hypercalls.rst). The instruction is
 * the CPU's own, vmcall on Intel and vmmcall on AMD/Hygon: KVM would
 * emulate the other one, at the price of an extra exit.
 */
#include "kvm.h"

static bool use_vmmcall;
bool kvm_hypercalls_broken;

void kvm_hypercall_init(void)
{
	struct pvops_cpuid_regs r;
	u32 v[3];

	pvops_raw_cpuid(0, 0, &r);
	v[0] = r.ebx;
	v[1] = r.edx;
	v[2] = r.ecx;
	use_vmmcall = !pvops_memcmp(v, "AuthenticAMD", 12) || !pvops_memcmp(v, "HygonGenuine", 12);
}

/*
 * A host that rewrites the instruction (a #PF on read-only text, turned
 * into PVOPS_KVM_HC_FAULTED by the fixup) has no usable hypercalls: said once,
 * and the hypercall-based features fall back to native from then on.
 */
long kvm_hypercall(u32 nr, u64 a0, u64 a1, u64 a2, u64 a3)
{
	long ret;

	if (kvm_hypercalls_broken)
		return PVOPS_KVM_HC_FAULTED;
	KVM_COUNT(HYPERCALLS);
	ret = use_vmmcall ? kvm_vmmcall(nr, a0, a1, a2, a3) : kvm_vmcall(nr, a0, a1, a2, a3);
	if (ret < 0)
		KVM_COUNT(HYPERCALL_FAILURES);
	if (ret == PVOPS_KVM_HC_FAULTED) {
		KVM_COUNT(HYPERCALL_FAULTS);
		kvm_hypercalls_broken = true;
		pvops_feature_set(&kvm_feature_table[KVM_F_PV_SEND_IPI], false, "hypercalls fault");
		pvops_feature_set(&kvm_feature_table[KVM_F_PV_SCHED_YIELD], false,
				  "hypercalls fault");
		pvops_feature_set(&kvm_feature_table[KVM_F_PV_UNHALT], false, "hypercalls fault");
		pvops_log("kvm: hypercall %u faulted at its %s instruction (the host rewrites "
			  "hypercall instructions in read-only kernel text): PV send IPI, sched "
			  "yield and unhalt fall back to native\n", nr,
			  use_vmmcall ? "vmmcall" : "vmcall");
	}
	return ret;
}

const char *pvops_kvm_strerror(long ret)
{
	switch (ret) {
	case 0:
		return "success";
	case -KVM_ENOSYS:
		return "KVM_ENOSYS";
	case -KVM_EFAULT:
		return "KVM_EFAULT";
	case -KVM_EINVAL:
		return "KVM_EINVAL";
	case -KVM_E2BIG:
		return "KVM_E2BIG";
	case -KVM_EPERM:
		return "KVM_EPERM";
	case -KVM_EOPNOTSUPP:
		return "KVM_EOPNOTSUPP";
	case -PVOPS_ENODEV:
		return "not a KVM guest";
	case PVOPS_KVM_HC_FAULTED:
		return "the hypercall instruction faulted";
	default:
		return ret < 0 ? "KVM error" : "positive result";
	}
}
