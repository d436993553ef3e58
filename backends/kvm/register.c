// SPDX-License-Identifier: MIT
/*
 * Registering a shared area through the MSR a feature bit promises. A
 * host that sets the bit but faults the MSR (a contradiction: a buggy or
 * impersonating host, or one that enforces a CPUID the kernel did not
 * get) must not stop the boot: the write is the fault-tolerant one, and
 * on a fault the backend says which feature, bit and MSR in one line. On
 * the boot CPU (the feature not in use yet) the bit is then cleared and the
 * op stays native; on a CPU started later, kvm_ap_init() fails that CPU.
 */
#include "kvm.h"

u32 kvm_register_faults;

bool kvm_msr_register(enum kvm_feature f, u32 bit, u32 msr, u64 val)
{
	extern u32 kvm_features;

	if (!pvops_raw_wrmsr_safe(msr, val))
		return true;
	kvm_register_faults++;
	pvops_log("kvm: CPUID %#x EAX bit %u offers %s, but writing its MSR %#x faulted: "
		  "%s off\n", kvm_base + 1, bit, kvm_feature_table[f].name, msr,
		  kvm_feature_table[f].in_use ? "this CPU" : kvm_feature_table[f].name);
	if (!kvm_feature_table[f].in_use)
		kvm_features &= ~(1U << bit);
	return false;
}
