/* SPDX-License-Identifier: MIT */
/* The hyperv backend's private interface, shared between its files. */
#ifndef PVOPS_HYPERV_PRIV_H
#define PVOPS_HYPERV_PRIV_H

#include <pvops/backend.h>
#include <pvops/hyperv.h>
#include <pvops/fmt.h>
#include "tlfs.h"

static inline u64 hv_rdtsc(void)
{
	u32 lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

/* hyperv.c: what the hypervisor offers, what is in use, the counters. */
extern u32 hv_base;		/* CPUID leaf base of the Hyper-V leaves */
extern u32 hv_features_eax, hv_features_ebx, hv_features_edx, hv_hints;
extern u32 hv_spin_retries;	/* leaf 0x40000004 EBX: spins before a notify, ~0 = never */
extern u32 hv_vp_index;		/* the boot VP's */
/* What the backend uses and counts: the descriptor's tables (<pvops/introspect.h>). */
enum hv_feature {
	HV_F_HYPERCALL_PAGE,
	HV_F_REF_TSC_PAGE,
	HV_F_TIME_REF_COUNT,
	HV_F_TSC_FREQ_MSR,
	HV_F_APIC_MSRS,
	HV_F_APIC_ASSIST,
	HV_F_FLUSH_HYPERCALL,
	HV_F_CLUSTER_IPI,
	HV_F_STIMER,
	HV_F_GUEST_IDLE,
	HV_F_CRASH_MSRS,
	HV_F_DEBUG_CONSOLE,
	HV_NR_FEATURES
};
enum hv_counter {
	HV_C_HYPERCALLS,
	HV_C_HYPERCALL_FAILURES,
	HV_C_EOI_WRITTEN,
	HV_C_EOI_SKIPPED,
	HV_C_FLUSH_HYPERCALLS,
	HV_C_FLUSH_FALLBACKS,
	HV_C_IPI_HYPERCALLS,
	HV_C_STIMER_MESSAGES,
	HV_C_LONG_SPIN_NOTIFIES,
	HV_NR_COUNTERS
};
extern struct pvops_feature hv_feature_table[HV_NR_FEATURES];
extern struct pvops_counter hv_counters[HV_NR_COUNTERS];
#define HV_USE(f) pvops_feature_set(&hv_feature_table[HV_F_##f], true, NULL)
#define HV_IN_USE(f) (hv_feature_table[HV_F_##f].in_use)
#define HV_COUNT(c) pvops_count(&hv_counters[HV_C_##c])

/* hypercall.c, hypercall_page.S: every call goes through the page. */
extern const char hv_hypercall_page[4096];
int hv_hypercall_init(void);
u64 hv_do_hypercall(u64 control, u64 in, u64 out);

/* percpu.c: each VP's own state, by CPU id. */
struct hv_percpu {
	u32 id, vp_index;		/* vp_index ~0U: not known */
	u32 spins;			/* lock.wait calls since the last notify */
	void *input;			/* hypercall input page */
	volatile u32 *vp_assist;	/* VP assist page: the APIC-assist word */
};
extern struct hv_percpu *hv_cpus[PVOPS_MAX_CPU_ID + 1];
struct hv_percpu *hv_this_cpu(void);
u32 hv_vp_index_of(u32 id);
int hv_percpu_init(u32 id, bool want_assist);
int hv_cpu_init(u32 id);
u64 hv_vp_mask(const struct pvops_cpu_set *cpus, struct pvops_cpu_set *rest);

/* time.c; tsc_page.h */
int hv_time_init(struct pvops_ops *ops);
bool hv_stimer_ack(void);

/* apic.c */
void hv_apic_fill(struct pvops_ops *ops);
/* flush.c */
void hv_flush_fill(struct pvops_ops *ops);
/* spin.c: lock.wait with the long-spin notification. */
void hv_spin_fill(struct pvops_ops *ops);

#endif
