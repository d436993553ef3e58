// SPDX-License-Identifier: MIT
/*
 * Hypervisor detection helpers for backends. CPUID is unprivileged, so
 * detection runs it directly, before any backend has filled the table.
 */
#include <pvops/backend.h>
#include <pvops/fmt.h>

void pvops_raw_cpuid(u32 leaf, u32 subleaf, struct pvops_cpuid_regs *r)
{
	/* pvops-port: raw (the detection's own CPUID, before any backend) */
	__asm__ volatile("cpuid"
			 : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
			 : "a"(leaf), "c"(subleaf));
}

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
		if (!pvops_memcmp(s, sig, 12) && r.eax >= base &&
		    r.eax - base >= min_leaves)
			return base;
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
