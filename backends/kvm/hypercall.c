// SPDX-License-Identifier: MIT
/*
 * KVM hypercalls: number in rax, arguments in rbx, rcx, rdx, rsi, result
 * in rax (Documentation/virt/kvm/x86/hypercalls.rst). The instruction is
 * the CPU's own, vmcall on Intel and vmmcall on AMD/Hygon: KVM would
 * emulate the other one, at the price of an extra exit.
 */
#include "kvm.h"

static bool use_vmmcall;

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

long kvm_hypercall(u32 nr, u64 a0, u64 a1, u64 a2, u64 a3)
{
	long ret;

	kvm_stats.hypercalls++;
	if (use_vmmcall)
		__asm__ volatile("vmmcall"
				 : "=a"(ret)
				 : "a"((u64)nr), "b"(a0), "c"(a1), "d"(a2), "S"(a3)
				 : "memory");
	else
		__asm__ volatile("vmcall"
				 : "=a"(ret)
				 : "a"((u64)nr), "b"(a0), "c"(a1), "d"(a2), "S"(a3)
				 : "memory");
	if (ret < 0)
		kvm_stats.hypercall_failures++;
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
	default:
		return ret < 0 ? "KVM error" : "positive result";
	}
}
