// SPDX-License-Identifier: MIT
/*
 * PV EOI (msr.rst, MSR_KVM_PV_EOI_EN): the guest registers a word per
 * vCPU; when KVM injects an interrupt whose EOI it can do itself (no
 * other interrupt pending, edge-triggered), it sets KVM_PV_EOI_BIT there.
 * apic.eoi then only clears the bit, with no exit; otherwise it writes
 * the local APIC's EOI register as native does. The word belongs to this
 * CPU and the host changes it only while the vCPU is not running, so a
 * plain read-and-clear suffices.
 */
#include "kvm.h"

void kvm_pv_eoi_cpu_init(struct kvm_percpu *pc)
{
	if (!kvm_has(KVM_FEATURE_PV_EOI))
		return;
	pc->pv_eoi = 0;
	kvm_msr_register(KVM_F_PV_EOI, KVM_FEATURE_PV_EOI, MSR_KVM_PV_EOI_EN,
			 pvops_env_pa(&pc->pv_eoi) | KVM_MSR_ENABLED);
}

static void kvm_pv_eoi(void)
{
	volatile u32 *word = &kvm_this_cpu()->pv_eoi;

	if (*word & KVM_PV_EOI_MASK) {
		*word &= ~(u32)KVM_PV_EOI_MASK;
		KVM_COUNT(EOI_SKIPPED);
		return;
	}
	KVM_COUNT(EOI_WRITTEN);
	pvops_native_apic_eoi();
}

void kvm_apic_fill(struct pvops_ops *ops)
{
	if (!kvm_has(KVM_FEATURE_PV_EOI))
		return;		/* the native EOI stays */
	ops->apic_eoi = kvm_pv_eoi;
	KVM_USE(PV_EOI);
}
