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

/* Features in use (pvops_kvm_stats.features). */
#define PVOPS_KVM_CLOCK		(1U << 0)	/* time.clock_ns, tsc_khz from kvmclock */
#define PVOPS_KVM_CLOCK_STABLE	(1U << 1)	/* the stable bit is honoured: no clamping */
#define PVOPS_KVM_WALLCLOCK	(1U << 2)
#define PVOPS_KVM_PV_EOI	(1U << 3)	/* apic.eoi skips EOIs the host says need none */
#define PVOPS_KVM_STEAL_TIME	(1U << 4)	/* time.steal_ns, lock.vcpu_is_preempted */
#define PVOPS_KVM_NOP_IO_DELAY	(1U << 5)	/* cpu.io_delay is empty */
#define PVOPS_KVM_PV_SEND_IPI	(1U << 6)	/* apic.send_ipi_mask, send_ipi to others */
#define PVOPS_KVM_PV_TLB_FLUSH	(1U << 7)	/* flush_tlb_multi spares preempted vCPUs */
#define PVOPS_KVM_PV_SCHED_YIELD (1U << 8)	/* lock.yield_to */
#define PVOPS_KVM_PV_UNHALT	(1U << 9)	/* lock.wait halts, lock.kick wakes */

struct pvops_kvm_stats {
	u32 features;		/* PVOPS_KVM_* in use */
	u32 cpuid_base;		/* leaf of the "KVMKVMKVM" signature */
	u32 cpuid_features;	/* base+1 EAX: KVM_FEATURE_* bits offered */
	u32 cpuid_hints;	/* base+1 EDX: KVM_HINTS_* */
	u64 tsc_khz;		/* from kvmclock (0 when not in use) */
	u64 eoi_written;	/* EOIs that reached the local APIC */
	u64 eoi_skipped;	/* EOIs the PV EOI word made unnecessary */
	u64 clock_clamps;	/* reads raised to the last value (unstable clock only) */
	u64 hypercalls;		/* every hypercall made */
	u64 hypercall_failures;	/* hypercalls that returned an error */
	u64 ipi_hypercalls;	/* KVM_HC_SEND_IPI */
	u64 flushes_deferred;	/* CPUs left to flush at their next entry (preempted) */
	u64 lock_waits;		/* lock.wait calls that halted */
	u64 kicks;		/* KVM_HC_KICK_CPU */
	u64 yields;		/* KVM_HC_SCHED_YIELD */
	u64 hypercall_faults;	/* hypercall instructions that faulted (then none are made) */
};

/* Fill st and return 0, or -PVOPS_ENODEV when the KVM backend is not in use. */
int pvops_kvm_stats(struct pvops_kvm_stats *st);

/* Wall-clock time now (seconds and nanoseconds since 1970): 0, or -PVOPS_ENODEV. */
int pvops_kvm_wallclock(u64 *sec, u32 *nsec);

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
long pvops_kvm_hypercall(u32 nr, u64 a0, u64 a1, u64 a2, u64 a3);

/* "KVM_ENOSYS" for -1000, the Linux errno names KVM uses otherwise. */
const char *pvops_kvm_strerror(long ret);

#endif /* !__ASSEMBLER__ */
#endif /* PVOPS_KVM_H */
