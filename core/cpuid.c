// SPDX-License-Identifier: MIT
/*
 * Hypervisor detection helpers for backends. CPUID is unprivileged, so
 * detection runs it directly (cpuid_insn.c), before any backend has filled
 * the table. Pure logic over CPUID's answers: tests/host/test_cpuid.c lies
 * to it.
 */
#include <pvops/backend.h>
#include <pvops/fmt.h>

/*
 * The backend's view once the table is filled (a Xen PV guest sees Xen's
 * leaves only through Xen's CPUID emulation), the instruction before.
 */
static void cpuid(u32 leaf, u32 subleaf, struct pvops_cpuid_regs *r)
{
	if (pvops_ops.cpu_cpuid)
		pvops_ops.cpu_cpuid(leaf, subleaf, r);
	else
		pvops_raw_cpuid(leaf, subleaf, r);
}

/*
 * Scan the hypervisor leaves 0x40000000..0x4000ff00 in steps of 0x100 for
 * sig: hypervisors that impersonate another one (Hyper-V enlightenments
 * at 0x40000000) move their own signature up. Returns the base leaf, or 0.
 */
u32 pvops_cpuid_find_hypervisor(const char sig[12], u32 min_leaves)
{
	struct pvops_cpuid_regs r;
	u32 base;

	cpuid(1, 0, &r);
	if (!(r.ecx & (1U << 31)))	/* CPUID.1:ECX.hypervisor */
		return 0;
	for (base = 0x40000000; base < 0x40010000; base += 0x100) {
		u32 s[3];

		cpuid(base, 0, &r);
		s[0] = r.ebx;
		s[1] = r.ecx;
		s[2] = r.edx;
		if (pvops_memcmp(s, sig, 12))
			continue;
		if (r.eax >= base && r.eax - base >= min_leaves)
			return base;
		/* The signature, contradicted by its own max leaf: a clear line, not a guess. */
		pvops_log("pvops: \"%.12s\" at CPUID %#x, but its max leaf %#x is below the %u "
			  "leaves it needs: not trusted\n", sig, base, r.eax, min_leaves);
	}
	return 0;
}

/* This CPU's initial APIC id, as CPUID leaf 1 reports it (EBX bits 31:24). */
u32 pvops_raw_apic_id(void)
{
	struct pvops_cpuid_regs r;

	pvops_raw_cpuid(1, 0, &r);
	return r.ebx >> 24;
}
