/* SPDX-License-Identifier: MIT */
/*
 * What the KVM backend tells the kernel: which of KVM's paravirtual
 * features it uses (each on its own CPUID bit), what they did, the wall
 * clock, and a hypercall of the kernel's own. The ABI numbers are Linux's
 * UAPI (<asm/kvm_para.h>, <linux/kvm_para.h>).
 */
#ifndef PVOPS_KVM_H
#define PVOPS_KVM_H

/* What pvops_kvm_hypercall() returns when the instruction faulted (below); also for assembly. */
#define PVOPS_KVM_HC_FAULTED (-4096)

#ifndef __ASSEMBLER__
#include <pvops/types.h>

__PVOPS_BEGIN_DECLS

/*
 * What KVM offers this guest. The features the backend uses ("kvmclock",
 * "pv-eoi", "steal-time", ...) and its counters ("eoi_skipped",
 * "hypercalls", ...) are the descriptor's tables: pvops_feature_in_use()
 * and pvops_counter_read(), <pvops/introspect.h>.
 */
struct pvops_kvm_info {
	pvops_u32 cpuid_base;		/* leaf of the "KVMKVMKVM" signature */
	pvops_u32 cpuid_features;	/* base+1 EAX: KVM_FEATURE_* bits offered */
	pvops_u32 cpuid_hints;	/* base+1 EDX: KVM_HINTS_* */
	pvops_u64 tsc_khz;		/* from kvmclock (0 when not in use) */
};

/* Fill info and return 0, or -PVOPS_ENODEV when the KVM backend is not in use. */
int pvops_kvm_get_info(struct pvops_kvm_info *info);

/* Wall-clock time now (seconds and nanoseconds since 1970): 0, or -PVOPS_ENODEV. */
int pvops_kvm_wallclock(pvops_u64 *sec, pvops_u32 *nsec);

/*
 * One KVM hypercall (vmcall, or vmmcall on AMD): nr is a KVM_HC_* number,
 * a0-a3 its arguments. Returns KVM's result (a negated KVM_E* on failure),
 * or -PVOPS_ENODEV when the backend is not in use, or PVOPS_KVM_HC_FAULTED
 * when the instruction faulted (a host that rewrites hypercall
 * instructions, which read-only kernel text refuses; needs the kernel's
 * #PF handler to call pvops_fixup_exception). After such a fault every
 * hypercall returns PVOPS_KVM_HC_FAULTED and the features that need them
 * are native. Counted. A host that does not complete hypercalls at all
 * never returns from one.
 */
long pvops_kvm_hypercall(pvops_u32 nr, pvops_u64 a0, pvops_u64 a1, pvops_u64 a2, pvops_u64 a3);

/* "KVM_ENOSYS" for -1000, the Linux errno names KVM uses otherwise. */
const char *pvops_kvm_strerror(long ret);

__PVOPS_END_DECLS
#endif /* !__ASSEMBLER__ */
#endif /* PVOPS_KVM_H */
