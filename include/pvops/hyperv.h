/* SPDX-License-Identifier: MIT */
/*
 * What the Hyper-V backend tells the kernel: which enlightenments it uses,
 * what they did, and a hypercall of the kernel's own through the
 * hypercall page (the TLFS calling convention: control word in, result
 * word out; see backends/hyperv/tlfs.h for the numbers).
 */
#ifndef PVOPS_HYPERV_H
#define PVOPS_HYPERV_H

#include <pvops/types.h>

/* Enlightenments in use (pvops_hyperv_stats.features). */
#define PVOPS_HV_HYPERCALL_PAGE	(1U << 0)
#define PVOPS_HV_REF_TSC_PAGE	(1U << 1)	/* clock from the reference TSC page */
#define PVOPS_HV_TIME_REF_COUNT	(1U << 2)	/* clock from the TIME_REF_COUNT MSR */
#define PVOPS_HV_TSC_FREQ_MSR	(1U << 3)
#define PVOPS_HV_APIC_MSRS	(1U << 4)	/* EOI/ICR/TPR through synthetic MSRs */
#define PVOPS_HV_APIC_ASSIST	(1U << 5)	/* EOI avoidance through the VP assist page */
#define PVOPS_HV_FLUSH_HYPERCALL (1U << 6)
#define PVOPS_HV_CLUSTER_IPI	(1U << 7)
#define PVOPS_HV_STIMER		(1U << 8)	/* one-shot timer: synthetic timer 0, SynIC */
#define PVOPS_HV_GUEST_IDLE	(1U << 9)
#define PVOPS_HV_CRASH_MSRS	(1U << 10)
#define PVOPS_HV_DEBUG_CONSOLE	(1U << 11)	/* no UART: console on port 0xE9 */

struct pvops_hyperv_stats {
	u32 features;		/* PVOPS_HV_* in use */
	u32 vp_index;
	u32 cpuid_features[3];	/* leaf 0x40000003 EAX, EBX, EDX */
	u32 cpuid_hints;	/* leaf 0x40000004 EAX */
	u64 hypercalls;		/* every hypercall made */
	u64 hypercall_failures;	/* status other than success */
	u64 eoi_written;	/* EOIs written to the EOI MSR */
	u64 eoi_skipped;	/* EOIs the APIC-assist word made unnecessary */
	u64 flush_hypercalls;
	u64 flush_fallbacks;	/* flushes done natively after a refused hypercall */
	u64 ipi_hypercalls;
	u64 stimer_messages;	/* synthetic-timer expiry messages taken */
	u32 spin_retries;	/* leaf 0x40000004 EBX: spins before a notify, ~0 = never */
	u64 long_spin_notifies;	/* HvCallNotifyLongSpinWait from lock.wait */
};

/* Fill st and return 0, or -PVOPS_ENODEV when the Hyper-V backend is not in use. */
int pvops_hyperv_stats(struct pvops_hyperv_stats *st);

/*
 * One hypercall through the hypercall page: control is the TLFS input
 * value (call code, fast bit, rep count...), in and out the guest-physical
 * addresses of the input and output blocks (or the two input registers of
 * a fast call). Returns the result value (status in bits 15:0, reps done
 * in 43:32), or ~0 when the backend is not in use. Counted, never logged.
 */
u64 pvops_hyperv_hypercall(u64 control, u64 in, u64 out);

/* HvCallNotifyLongSpinWait: tell the hypervisor this vCPU spun count times. */
u64 pvops_hyperv_notify_long_spin_wait(u32 count);

/* The name of a TLFS hypercall status ("HV_STATUS_INVALID_PARAMETER"). */
const char *pvops_hyperv_status_name(u16 status);

#endif /* PVOPS_HYPERV_H */
