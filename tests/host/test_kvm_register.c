// SPDX-License-Identifier: MIT
/*
 * A KVM host whose CPUID offers a feature but faults its MSR
 * (backends/kvm/register.c): the registration says which feature, bit and
 * MSR in one line; on the boot CPU the bit is cleared, so the op the
 * feature would replace stays native; on a CPU started once the feature is
 * in use, the bit stays and the fault is counted (kvm_ap_init fails that CPU).
 */
#include "tap.h"
#include "internal.h"
#include "../../backends/kvm/kvm.h"

#include "logged.h"

u32 kvm_base = 0x40000000, kvm_features;
struct pvops_feature kvm_feature_table[KVM_NR_FEATURES] = {
	[KVM_F_STEAL_TIME] = { .name = "steal-time" },
	[KVM_F_PV_EOI] = { .name = "pv-eoi" },
};

static u32 faulting_msr, writes;

int pvops_raw_wrmsr_safe(u32 msr, u64 val)
{
	(void)val;
	writes++;
	return msr == faulting_msr ? -PVOPS_EIO : 0;
}

static bool reg(enum kvm_feature f, u32 bit, u32 msr)
{
	logged[0] = 0;
	return kvm_msr_register(f, bit, msr, 0x1000 | KVM_MSR_ENABLED);
}

int main(void)
{
	bool r;

	kvm_features = 1U << KVM_FEATURE_STEAL_TIME | 1U << KVM_FEATURE_PV_EOI;
	faulting_msr = 0;
	r = reg(KVM_F_STEAL_TIME, KVM_FEATURE_STEAL_TIME, MSR_KVM_STEAL_TIME);
	OK(r && !logged[0] &&
	   kvm_has(KVM_FEATURE_STEAL_TIME) && writes == 1,
	   "an MSR that takes the write: registered, nothing said, the bit kept");

	faulting_msr = MSR_KVM_PV_EOI_EN;
	r = reg(KVM_F_PV_EOI, KVM_FEATURE_PV_EOI, MSR_KVM_PV_EOI_EN);
	OK(!r &&
	   strstr(logged, "kvm: CPUID 0x40000001 EAX bit 6 offers pv-eoi, but writing its MSR "
			  "0x4b564d04 faulted: pv-eoi off\n"),
	   "the boot CPU's write faults: one line with feature, bit and MSR (%s)", logged);
	OK(!kvm_has(KVM_FEATURE_PV_EOI) && kvm_has(KVM_FEATURE_STEAL_TIME) && kvm_register_faults == 1,
	   "... and only that feature's bit is cleared, so its op stays native");

	faulting_msr = MSR_KVM_STEAL_TIME;
	pvops_feature_set(&kvm_feature_table[KVM_F_STEAL_TIME], true, NULL);
	r = reg(KVM_F_STEAL_TIME, KVM_FEATURE_STEAL_TIME, MSR_KVM_STEAL_TIME);
	OK(!r &&
	   strstr(logged, "faulted: this CPU off") && kvm_has(KVM_FEATURE_STEAL_TIME) &&
	   kvm_register_faults == 2,
	   "a later CPU's write faults with the feature in use: said, counted, the bit kept (%s)",
	   logged);
	return tap_done();
}
