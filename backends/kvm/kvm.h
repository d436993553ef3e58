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
#include "pvclock_abi.h"

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

/* kvm.c */
extern u32 kvm_base, kvm_features, kvm_hints;
extern struct pvops_kvm_stats kvm_stats;
extern struct pvops_ops kvm_native;	/* the native table, for fallbacks */
extern struct kvm_percpu *kvm_cpus[PVOPS_MAX_CPU_ID + 1];	/* by APIC id */
struct kvm_percpu *kvm_this_cpu(void);

/* hypercall.c, hypercall_insn.S */
extern bool kvm_hypercalls_broken;	/* the host faulted a hypercall: native from now on */
void kvm_hypercall_init(void);
/* The instructions themselves; PVOPS_KVM_HC_FAULTED when they fault. */
long kvm_vmcall(u64 nr, u64 a0, u64 a1, u64 a2, u64 a3);
long kvm_vmmcall(u64 nr, u64 a0, u64 a1, u64 a2, u64 a3);
long kvm_hypercall(u32 nr, u64 a0, u64 a1, u64 a2, u64 a3);

/* clock.c, apic.c, steal.c, smp.c: per-CPU registration, then the ops. */
void kvm_clock_cpu_init(struct kvm_percpu *pc);
int kvm_clock_fill(struct pvops_ops *ops, struct kvm_percpu *pc);
void kvm_pv_eoi_cpu_init(struct kvm_percpu *pc);
void kvm_apic_fill(struct pvops_ops *ops);
void kvm_steal_cpu_init(struct kvm_percpu *pc);
void kvm_steal_fill(struct pvops_ops *ops);
void kvm_smp_fill(struct pvops_ops *ops);

#endif
