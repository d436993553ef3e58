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
 * The hypervisor leaves, read once by the instruction: the slots of 0x100
 * leaves from 0x40000000, a CPUID each, up to the first empty one (below).
 * Every backend's detect looked through all 256 again: under a hypervisor
 * each CPUID is an exit (1-2 us on hardware, ~400 us for a Xen HVM guest
 * under TCG), so 256 of them were most of the boot. Read again, once,
 * through the cpu.cpuid op when the table is filled: the backend's view
 * (Xen PV: Xen's emulation).
 *
 * The slots in use are contiguous from 0x40000000: a hypervisor's own at
 * 0x40000000, or an impersonated interface there and its own at
 * 0x40000100 (Xen with viridian, KVM with Hyper-V enlightenments). A slot
 * is empty when its max leaf is not one of its own leaves and its
 * signature is not text: the scan ends there (a signature past an empty
 * slot is not looked for).
 */
#define NR_SLOTS 256

static struct {
	bool read, by_op, hv_bit;	/* by_op: read through the cpu.cpuid op */
	u32 nr;				/* slots read: the occupied ones */
	struct {
		u32 max, sig[3];
	} slot[NR_SLOTS];
} leaves;

/* For tests that change what CPUID says. */
void pvops_cpuid_forget(void)
{
	leaves.read = false;
}

static bool slot_empty(u32 base, const struct pvops_cpuid_regs *r)
{
	const u8 *b;
	u32 s[3] = { r->ebx, r->ecx, r->edx }, i, text = 0;

	if (r->eax >= base && r->eax - base < 0x100)
		return false;
	b = (const u8 *)s;
	for (i = 0; i < 12; i++) {
		if (b[i] && (b[i] < 0x20 || b[i] > 0x7e))
			return true;
		text += b[i] != 0;
	}
	return !text;
}

static void read_leaves(void)
{
	struct pvops_cpuid_regs r;
	u32 base;

	cpuid(1, 0, &r);
	leaves.hv_bit = r.ecx & (1U << 31);	/* CPUID.1:ECX.hypervisor */
	for (leaves.nr = 0; leaves.hv_bit && leaves.nr < NR_SLOTS; leaves.nr++) {
		base = 0x40000000 + 0x100 * leaves.nr;
		cpuid(base, 0, &r);
		if (slot_empty(base, &r))
			break;
		leaves.slot[leaves.nr].max = r.eax;
		leaves.slot[leaves.nr].sig[0] = r.ebx;
		leaves.slot[leaves.nr].sig[1] = r.ecx;
		leaves.slot[leaves.nr].sig[2] = r.edx;
	}
	leaves.read = true;
	leaves.by_op = !!pvops_ops.cpu_cpuid;
}

/*
 * The slot whose signature is sig: hypervisors that impersonate another
 * one (Hyper-V enlightenments at 0x40000000) move their own signature up.
 * Returns the base leaf, or 0.
 */
u32 pvops_cpuid_find_hypervisor(const char sig[12], u32 min_leaves)
{
	u32 i, base, max;

	if (!leaves.read || leaves.by_op != !!pvops_ops.cpu_cpuid)
		read_leaves();
	for (i = 0; i < leaves.nr; i++) {
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
