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

__PVOPS_BEGIN_DECLS

/*
 * What Hyper-V offers this guest. The features the backend uses
 * ("hypercall-page", "ref-tsc-page", "apic-assist", ...) and its counters
 * ("eoi_skipped", "hypercalls", ...) are the descriptor's tables:
 * pvops_feature_in_use() and pvops_counter_read(), <pvops/introspect.h>.
 */
struct pvops_hyperv_info {
	pvops_u32 vp_index;		/* the boot VP's */
	pvops_u32 cpuid_features[3];	/* leaf 0x40000003 EAX, EBX, EDX */
	pvops_u32 cpuid_hints;	/* leaf 0x40000004 EAX */
	pvops_u32 spin_retries;	/* leaf 0x40000004 EBX: spins before a notify, ~0 = never */
};

/* Fill info and return 0, or -PVOPS_ENODEV when the Hyper-V backend is not in use. */
int pvops_hyperv_get_info(struct pvops_hyperv_info *info);

/*
 * One hypercall through the hypercall page: control is the TLFS input
 * value (call code, fast bit, rep count...), in and out the guest-physical
 * addresses of the input and output blocks (or the two input registers of
 * a fast call). Returns the result value (status in bits 15:0, reps done
 * in 43:32), or ~0 when the backend is not in use. Counted, never logged.
 */
pvops_u64 pvops_hyperv_hypercall(pvops_u64 control, pvops_u64 in, pvops_u64 out);

/* HvCallNotifyLongSpinWait: tell the hypervisor this vCPU spun count times. */
pvops_u64 pvops_hyperv_notify_long_spin_wait(pvops_u32 count);

/* The name of a TLFS hypercall status ("HV_STATUS_INVALID_PARAMETER"). */
const char *pvops_hyperv_status_name(pvops_u16 status);

__PVOPS_END_DECLS
#endif /* PVOPS_HYPERV_H */
