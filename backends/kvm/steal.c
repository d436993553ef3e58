// SPDX-License-Identifier: MIT
/*
 * Steal time (msr.rst, MSR_KVM_STEAL_TIME; struct kvm_steal_time from
 * <asm/kvm_para.h>): per vCPU, the nanoseconds it was runnable but not
 * running, and whether it is preempted right now. time.steal_ns reads it
 * with the version protocol (odd while the host writes);
 * lock.vcpu_is_preempted reads the preempted byte.
 *
 * The host counts from the vCPU's creation: its first record (written
 * some time after the MSR, version 0 until then) already holds what was
 * stolen before this kernel ran, and before its clock began (the native
 * TSC clock, without kvmclock, starts in pvops_init). On a loaded host that
 * was seconds, more than clock_ns, which steal_ns may never exceed
 * (spec/ABI.md 3.5): steal_ns counts from the first record this kernel
 * sees, and is 0 until there is one.
 */
#include "kvm.h"

/* The record, by the version protocol; false while the host has written none. */
static bool read_steal(const struct kvm_percpu *pc, u64 *steal)
{
	const volatile struct kvm_steal_time *st = &pc->steal;
	u32 v, tries = 0;

	do {
		v = st->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		*steal = st->steal;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while (((v & 1) || v != st->version) && ++tries < 1000000);
	return v != 0;
}

void kvm_steal_cpu_init(struct kvm_percpu *pc)
{
	if (!kvm_has(KVM_FEATURE_STEAL_TIME))
		return;
	pc->steal_base = ~0ULL;	/* taken from the first record */
	kvm_msr_register(KVM_F_STEAL_TIME, KVM_FEATURE_STEAL_TIME, MSR_KVM_STEAL_TIME,
			 pvops_env_pa(&pc->steal) | KVM_MSR_ENABLED);
}

static u64 kvm_steal_ns(u32 cpu)
{
	struct kvm_percpu *pc;
	u64 steal, base, none = ~0ULL;

	if (cpu > PVOPS_MAX_CPU_ID || !kvm_cpus[cpu])
		return 0;
	pc = kvm_cpus[cpu];
	if (!read_steal(pc, &steal))
		return 0;
	/* Any CPU may read it first: one base, and the same for every reader. */
	__atomic_compare_exchange_n(&pc->steal_base, &none, steal, false, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	base = __atomic_load_n(&pc->steal_base, __ATOMIC_SEQ_CST);
	return steal > base ? steal - base : 0;
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
	KVM_USE(STEAL_TIME);
}
