/* SPDX-License-Identifier: MIT */
/* The kvm backend's private interface, shared between its files. */
#ifndef PVOPS_KVM_PRIV_H
#define PVOPS_KVM_PRIV_H

/* The KVM ABI: Linux UAPI (linux-libc-dev). */
#include <linux/errno.h>
#include <linux/kvm_para.h>

#include <pvops/backend.h>
#include <pvops/kvm.h>
#include <pvops/fmt.h>
#include "pvclock_read.h"

static inline bool kvm_has(u32 feature)
{
	extern u32 kvm_features;

	return kvm_features & (1U << feature);
}

/*
 * This CPU's areas the host writes into: one page per CPU, registered
 * through MSRs by kvm_cpu_init(). Only the boot CPU exists until the
 * bring-up op (smp.cpu_up, ABI 1.2) calls kvm_cpu_init() on each CPU it starts.
 */
struct kvm_percpu {
	struct kvm_steal_time steal;		/* 64-byte aligned */
	struct pvclock_vcpu_time_info clock;	/* 4-byte aligned */
	u32 pv_eoi;				/* KVM_PV_EOI_BIT */
	u32 apic_id;
	u64 steal_base;				/* the first record's count (steal.c) */
} __attribute__((aligned(64)));

/* What the backend uses and counts: the descriptor's tables (kvm.c, <pvops/introspect.h>). */
enum kvm_feature {
	KVM_F_CLOCK,		/* time.clock_ns, tsc_khz from kvmclock */
	KVM_F_CLOCK_STABLE,	/* the stable bit is honoured: no clamping */
	KVM_F_WALLCLOCK,
	KVM_F_PV_EOI,		/* apic.eoi skips EOIs the host says need none */
	KVM_F_STEAL_TIME,	/* time.steal_ns, lock.vcpu_is_preempted */
	KVM_F_NOP_IO_DELAY,	/* cpu.io_delay is empty */
	KVM_F_PV_SEND_IPI,	/* apic.send_ipi_mask, send_ipi to others */
	KVM_F_PV_TLB_FLUSH,	/* flush_tlb_multi spares preempted vCPUs */
	KVM_F_PV_SCHED_YIELD,	/* lock.yield_to */
	KVM_F_PV_UNHALT,	/* lock.wait halts, lock.kick wakes */
	KVM_NR_FEATURES
};
enum kvm_counter {
	KVM_C_EOI_WRITTEN,	/* EOIs that reached the local APIC */
	KVM_C_EOI_SKIPPED,	/* EOIs the PV EOI word made unnecessary */
	KVM_C_CLOCK_CLAMPS,	/* reads raised to the last value (unstable clock only) */
	KVM_C_HYPERCALLS,
	KVM_C_HYPERCALL_FAILURES,
	KVM_C_HYPERCALL_FAULTS,	/* hypercall instructions that faulted (then none are made) */
	KVM_C_IPI_HYPERCALLS,	/* KVM_HC_SEND_IPI */
	KVM_C_FLUSHES_DEFERRED,	/* CPUs left to flush at their next entry (preempted) */
	KVM_C_LOCK_WAITS,	/* lock.wait calls that halted */
	KVM_C_KICKS,		/* KVM_HC_KICK_CPU */
	KVM_C_YIELDS,		/* KVM_HC_SCHED_YIELD */
	KVM_NR_COUNTERS
};
extern struct pvops_feature kvm_feature_table[KVM_NR_FEATURES];
extern struct pvops_counter kvm_counters[KVM_NR_COUNTERS];
extern u32 kvm_base, kvm_register_faults;

/*
 * Write msr for feature f (CPUID bit): false, said, if it faulted; the bit
 * is cleared unless f is already in use (register.c).
 */
bool kvm_msr_register(enum kvm_feature f, u32 bit, u32 msr, u64 val);
#define KVM_USE(f) pvops_feature_set(&kvm_feature_table[KVM_F_##f], true, NULL)
#define KVM_IN_USE(f) (kvm_feature_table[KVM_F_##f].in_use)
#define KVM_COUNT(c) pvops_count(&kvm_counters[KVM_C_##c])

/* kvm.c */
extern u32 kvm_base, kvm_features, kvm_hints;
extern struct kvm_percpu *kvm_cpus[PVOPS_MAX_CPU_ID + 1];	/* by APIC id */
struct kvm_percpu *kvm_this_cpu(void);

/* hypercall.c, hypercall_insn.S */
extern bool kvm_hypercalls_broken;	/* the host faulted a hypercall: native from now on */
void kvm_hypercall_init(void);
/* The instructions themselves; PVOPS_KVM_HC_FAULTED when they fault. */
long kvm_vmcall(u64 nr, u64 a0, u64 a1, u64 a2, u64 a3);
long kvm_vmmcall(u64 nr, u64 a0, u64 a1, u64 a2, u64 a3);
long kvm_hypercall(u32 nr, u64 a0, u64 a1, u64 a2, u64 a3);

/* The TSC rate kvmclock gives (0 when kvmclock is not in use). */
u64 kvm_clock_tsc_khz(void);

/* clock.c, apic.c, steal.c, smp.c: per-CPU registration, then the ops. */
void kvm_clock_cpu_init(struct kvm_percpu *pc);
int kvm_clock_fill(struct pvops_ops *ops, struct kvm_percpu *pc);
void kvm_pv_eoi_cpu_init(struct kvm_percpu *pc);
void kvm_apic_fill(struct pvops_ops *ops);
void kvm_steal_cpu_init(struct kvm_percpu *pc);
void kvm_steal_fill(struct pvops_ops *ops);
void kvm_smp_fill(struct pvops_ops *ops);

#endif
