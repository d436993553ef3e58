// SPDX-License-Identifier: MIT
/*
 * KVM's cross-CPU features (hypercalls.rst, msr.rst):
 *  - PV send IPI: KVM_HC_SEND_IPI(bitmap low, bitmap high, min APIC id,
 *    ICR) delivers to up to 128 APIC ids per hypercall instead of one
 *    ICR write (one exit) per target;
 *  - PV TLB flush: a preempted vCPU (steal time's KVM_VCPU_PREEMPTED) is
 *    marked KVM_VCPU_FLUSH_TLB instead of interrupted; KVM flushes its TLB
 *    before it runs again;
 *  - PV sched yield: KVM_HC_SCHED_YIELD(APIC id) lends the host CPU to a
 *    preempted lock holder;
 *  - PV unhalt: lock.wait halts, KVM_HC_KICK_CPU(0, APIC id) wakes the
 *    halted vCPU even with its interrupts disabled.
 * Self IPIs stay native (no hypercall is cheaper than the x2APIC
 * self-IPI write), as does everything on a host without the bit.
 */
#include "kvm.h"

#define KVM_IPI_BITMAP_BITS 128	/* two 64-bit bitmap arguments */

static void native_send_ipi(u32 dest, u32 vector)
{
	pvops_native_apic_send_ipi(dest, vector);
}

static u32 this_apic_id(void)
{
	return kvm_this_cpu()->apic_id;
}

/*
 * This CPU natively (a self IPI), the others with one hypercall per
 * window of 128 APIC ids starting at the lowest member.
 */
static void kvm_send_ipi_mask(const struct pvops_cpu_set *dest, u32 vector)
{
	struct pvops_cpu_set others = *dest;
	u64 bitmap[2];
	u32 c, min;
	long ret;

	if (kvm_hypercalls_broken) {	/* the host faults hypercalls: native, one by one */
		pvops_for_each_cpu(c, dest)
			native_send_ipi(c == this_apic_id() ? 0xffffffffU : c, vector);
		return;
	}
	if (pvops_cpu_set_has(&others, this_apic_id())) {
		pvops_cpu_set_del(&others, this_apic_id());
		native_send_ipi(0xffffffffU, vector);
	}
	c = pvops_cpu_set_next(&others, 0);
	while (c <= PVOPS_MAX_CPU_ID) {
		min = c;
		bitmap[0] = bitmap[1] = 0;
		for (; c <= PVOPS_MAX_CPU_ID && c - min < KVM_IPI_BITMAP_BITS;
		     c = pvops_cpu_set_next(&others, c + 1))
			bitmap[(c - min) / 64] |= 1ULL << ((c - min) % 64);
		KVM_COUNT(IPI_HYPERCALLS);
		/* ICR: fixed delivery, physical destination, the vector. */
		ret = kvm_hypercall(KVM_HC_SEND_IPI, bitmap[0], bitmap[1], min, vector & 0xff);
		if (ret < 0) {
			u32 i;

			if (ret != PVOPS_KVM_HC_FAULTED)
				pvops_log("kvm: KVM_HC_SEND_IPI failed: %s (%ld); one by one\n",
					  pvops_kvm_strerror(ret), ret);
			for (i = 0; i < KVM_IPI_BITMAP_BITS; i++)
				if ((bitmap[i / 64] >> (i % 64)) & 1)
					native_send_ipi(min + i, vector);
		}
	}
}

/*
 * apic.send_ipi: to another CPU through the hypercall, to this one
 * natively; natively too once the host has faulted a hypercall.
 */
static void kvm_send_ipi(u32 dest, u32 vector)
{
	struct pvops_cpu_set one;

	if (kvm_hypercalls_broken || dest == 0xffffffffU || dest == this_apic_id() ||
	    dest > PVOPS_MAX_CPU_ID) {
		native_send_ipi(dest, vector);
		return;
	}
	pvops_cpu_set_clear(&one);
	pvops_cpu_set_add(&one, dest);
	kvm_send_ipi_mask(&one, vector);
}

static void kvm_flush_tlb_multi(const struct pvops_cpu_set *cpus, u64 va,
				pvops_shootdown_fn shootdown)
{
	struct pvops_cpu_set rest = *cpus;
	u32 c;

	pvops_for_each_cpu(c, cpus) {
		u8 *p = kvm_cpus[c] ? &kvm_cpus[c]->steal.preempted : NULL;
		u8 old = p ? __atomic_load_n(p, __ATOMIC_RELAXED) : 0;

		/* Preempted: have KVM flush it at its next entry instead of waiting for it. */
		if ((old & KVM_VCPU_PREEMPTED) &&
		    __atomic_compare_exchange_n(p, &old, old | KVM_VCPU_FLUSH_TLB, false,
						__ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
			pvops_cpu_set_del(&rest, c);
			KVM_COUNT(FLUSHES_DEFERRED);
		}
	}
	if (!pvops_cpu_set_empty(&rest))
		shootdown(&rest, va);
}

static void kvm_yield_to(u32 cpu)
{
	long ret;

	KVM_COUNT(YIELDS);
	ret = kvm_hypercall(KVM_HC_SCHED_YIELD, cpu, 0, 0, 0);
	if (ret == PVOPS_KVM_HC_FAULTED)
		__asm__ volatile("pause");	/* the native yield_to */
	else if (ret < 0 && ret != -KVM_EOPNOTSUPP)
		pvops_log("kvm: KVM_HC_SCHED_YIELD(%u) failed: %s (%ld)\n", cpu,
			  pvops_kvm_strerror(ret), ret);
}

/*
 * Halt while *ptr == val. With interrupts enabled the check and the halt
 * are atomic (sti; hlt); with them disabled, only a kick (PV unhalt) or an
 * NMI ends the halt, which is what the caller asked for.
 */
static void kvm_lock_wait(const volatile u8 *ptr, u8 val)
{
	u64 flags;

	if (kvm_hypercalls_broken) {	/* no kick can come: spin, do not sleep */
		__asm__ volatile("pause");
		return;
	}
	__asm__ volatile("pushf; pop %0; cli" : "=r"(flags) : : "memory");
	if (*ptr == val) {
		KVM_COUNT(LOCK_WAITS);
		if (flags & 0x200)
			__asm__ volatile("sti; hlt" ::: "memory");
		else
			__asm__ volatile("hlt" ::: "memory");
	}
	if (flags & 0x200)
		__asm__ volatile("sti" ::: "memory");
}

static void kvm_lock_kick(u32 cpu)
{
	long ret;

	if (kvm_hypercalls_broken)	/* waiters spin (kvm_lock_wait): nothing to wake */
		return;
	KVM_COUNT(KICKS);
	ret = kvm_hypercall(KVM_HC_KICK_CPU, 0, cpu, 0, 0);
	/* Faulted: said once, and waiters no longer sleep. */
	if (ret < 0 && ret != PVOPS_KVM_HC_FAULTED)
		pvops_log("kvm: KVM_HC_KICK_CPU(%u) failed: %s (%ld)\n", cpu,
			  pvops_kvm_strerror(ret), ret);
}

void kvm_smp_fill(struct pvops_ops *ops)
{
	if (kvm_has(KVM_FEATURE_PV_SEND_IPI)) {
		ops->apic_send_ipi = kvm_send_ipi;
		ops->apic_send_ipi_mask = kvm_send_ipi_mask;
		KVM_USE(PV_SEND_IPI);
	}
	if (kvm_has(KVM_FEATURE_PV_TLB_FLUSH) && KVM_IN_USE(STEAL_TIME)) {
		ops->mmu_flush_tlb_multi = kvm_flush_tlb_multi;
		KVM_USE(PV_TLB_FLUSH);
	}
	if (kvm_has(KVM_FEATURE_PV_SCHED_YIELD)) {
		ops->lock_yield_to = kvm_yield_to;
		KVM_USE(PV_SCHED_YIELD);
	}
	if (kvm_has(KVM_FEATURE_PV_UNHALT)) {
		ops->lock_wait = kvm_lock_wait;
		ops->lock_kick = kvm_lock_kick;
		KVM_USE(PV_UNHALT);
	}
}
