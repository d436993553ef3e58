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
	pvops_raw_wrmsr(MSR_KVM_PV_EOI_EN, pvops_env_pa(&pc->pv_eoi) | KVM_MSR_ENABLED);
}

static void kvm_pv_eoi(void)
{
	volatile u32 *word = &kvm_this_cpu()->pv_eoi;

	if (*word & KVM_PV_EOI_MASK) {
		*word &= ~(u32)KVM_PV_EOI_MASK;
		kvm_stats.eoi_skipped++;
		return;
	}
	kvm_stats.eoi_written++;
	((void (*)(void))kvm_native.apic_eoi)();
}

void kvm_apic_fill(struct pvops_ops *ops)
{
	if (!kvm_has(KVM_FEATURE_PV_EOI))
		return;		/* the native EOI stays */
	ops->apic_eoi = kvm_pv_eoi;
	kvm_stats.features |= PVOPS_KVM_PV_EOI;
}
