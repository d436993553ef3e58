// SPDX-License-Identifier: MIT
/*
 * Hypervisor detection helpers for backends. CPUID is unprivileged, so
 * detection runs it directly (cpuid_insn.c), before any backend has filled
 * the table. Pure logic over CPUID's answers: tests/host/test_cpuid.c lies
 * to it.
 */
#include <pvops/backend.h>
#include <pvops/fmt.h>
#include "internal.h"

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
/*
 * The hypervisor leaves, read once by the instruction: 256 slots of 0x100
 * leaves, a CPUID each, which every backend's detect looked through again
 * (under a hypervisor where each CPUID is an exit of ~16k cycles, 4M
 * cycles a scan). Read again, once, through the cpu.cpuid op when the
 * table is filled: the backend's view (Xen PV: Xen's emulation).
 */
static struct {
	bool read, by_op, hv_bit;	/* by_op: read through the cpu.cpuid op */
	struct {
		u32 max, sig[3];
	} slot[256];
} leaves;

/* For tests that change what CPUID says. */
void pvops_cpuid_forget(void)
{
	leaves.read = false;
}

static void read_leaves(void)
{
	struct pvops_cpuid_regs r;
	u32 i;

	cpuid(1, 0, &r);
	leaves.hv_bit = r.ecx & (1U << 31);	/* CPUID.1:ECX.hypervisor */
	for (i = 0; leaves.hv_bit && i < 256; i++) {
		cpuid(0x40000000 + 0x100 * i, 0, &r);
		leaves.slot[i].max = r.eax;
		leaves.slot[i].sig[0] = r.ebx;
		leaves.slot[i].sig[1] = r.ecx;
		leaves.slot[i].sig[2] = r.edx;
	}
	leaves.read = true;
	leaves.by_op = !!pvops_ops.cpu_cpuid;
}

u32 pvops_cpuid_find_hypervisor(const char sig[12], u32 min_leaves)
{
	u32 i, base, max;

	if (!leaves.read || leaves.by_op != !!pvops_ops.cpu_cpuid)
		read_leaves();
	if (!leaves.hv_bit)
		return 0;
	for (i = 0; i < 256; i++) {
		if (pvops_memcmp(leaves.slot[i].sig, sig, 12))
			continue;
		base = 0x40000000 + 0x100 * i;
		max = leaves.slot[i].max;
		if (max >= base && max - base >= min_leaves)
			return base;
		/* The signature, contradicted by its own max leaf: a clear line, not a guess. */
		pvops_log("pvops: \"%.12s\" at CPUID %#x, but its max leaf %#x is below the %u "
			  "leaves it needs: not trusted\n", sig, base, max, min_leaves);
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
