// SPDX-License-Identifier: MIT
/*
 * Steal time (msr.rst, MSR_KVM_STEAL_TIME; struct kvm_steal_time from
 * <asm/kvm_para.h>): per vCPU, the nanoseconds it was runnable but not
 * running, and whether it is preempted right now. time.steal_ns reads it
 * with the version protocol (odd while the host writes);
 * lock.vcpu_is_preempted reads the preempted byte.
 */
#include "kvm.h"

void kvm_steal_cpu_init(struct kvm_percpu *pc)
{
	if (!kvm_has(KVM_FEATURE_STEAL_TIME))
		return;
	pvops_raw_wrmsr(MSR_KVM_STEAL_TIME, kvm_pa(&pc->steal) | KVM_MSR_ENABLED);
}

static u64 kvm_steal_ns(u32 cpu)
{
	const volatile struct kvm_steal_time *st;
	u32 v, tries = 0;
	u64 steal;

	if (cpu > PVOPS_MAX_CPU_ID || !kvm_cpus[cpu])
		return 0;
	st = &kvm_cpus[cpu]->steal;
	do {
		v = st->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		steal = st->steal;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while (((v & 1) || v != st->version) && ++tries < 1000000);
	return steal;
}

static u32 kvm_vcpu_is_preempted(u32 cpu)
{
	if (cpu > PVOPS_MAX_CPU_ID || !kvm_cpus[cpu])
		return 0;
	return __atomic_load_n(&kvm_cpus[cpu]->steal.preempted, __ATOMIC_RELAXED) &
	       KVM_VCPU_PREEMPTED;
}

void kvm_steal_fill(struct pvops_ops *ops)
{
	if (!kvm_has(KVM_FEATURE_STEAL_TIME))
		return;
	ops->time_steal_ns = kvm_steal_ns;
	ops->lock_vcpu_is_preempted = kvm_vcpu_is_preempted;
	kvm_stats.features |= PVOPS_KVM_STEAL_TIME;
}
