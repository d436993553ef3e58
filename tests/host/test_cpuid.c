// SPDX-License-Identifier: MIT
/*
 * Hypervisor detection (core/cpuid.c) against CPUIDs that lie or contradict
 * themselves: no hypervisor bit, a signature whose max leaf is below its
 * own leaves (said, not trusted), a signature moved up by an impersonating
 * hypervisor, one in the last slot, none at all.
 */
#include "tap.h"
#include "internal.h"

#include "logged.h"

struct pvops_ops pvops_ops;	/* empty: detection uses the instruction (the fake below) */

static struct {
	bool hv_bit;
	u32 base, max;		/* where the signature is, and what its leaf 0 says in eax */
	const char *sig;
} cpu;

static u32 calls;

void pvops_raw_cpuid(u32 leaf, u32 subleaf, struct pvops_cpuid_regs *r)
{
	(void)subleaf;
	calls++;
	memset(r, 0, sizeof(*r));
	if (leaf == 1) {
		r->ecx = cpu.hv_bit ? 1U << 31 : 0;
		return;
	}
	/* Under a hypervisor moved up, what it impersonates is at 0x40000000. */
	if (leaf == 0x40000000 && cpu.base == 0x40000100) {
		r->eax = 0x40000005;
		memcpy(&r->ebx, "Microsoft Hv", 12);
		return;
	}
	if (leaf == cpu.base && cpu.sig) {
		r->eax = cpu.max;
		memcpy(&r->ebx, cpu.sig, 4);
		memcpy(&r->ecx, cpu.sig + 4, 4);
		memcpy(&r->edx, cpu.sig + 8, 4);
	}
}

static u32 find(bool hv, u32 base, u32 max, const char *sig, u32 min)
{
	cpu.hv_bit = hv;
	cpu.base = base;
	cpu.max = max;
	cpu.sig = sig;
	logged[0] = 0;
	pvops_cpuid_forget();
	return pvops_cpuid_find_hypervisor("KVMKVMKVM\0\0\0", min);
}

int main(void)
{
	OK(find(true, 0x40000000, 0x40000001, "KVMKVMKVM\0\0\0", 1) == 0x40000000,
	   "the signature at 0x40000000 with its leaves: found");
	OK(find(false, 0x40000000, 0x40000001, "KVMKVMKVM\0\0\0", 1) == 0,
	   "no hypervisor bit in leaf 1: not looked for");
	OK(find(true, 0x40000000, 0x40000000, "KVMKVMKVM\0\0\0", 1) == 0 &&
	   strstr(logged, "max leaf 0x40000000 is below the 1 leaves it needs: not trusted"),
	   "a max leaf below its own feature leaf: refused with a line (%s)", logged);
	OK(find(true, 0x40000000, 0x3fffffff, "KVMKVMKVM\0\0\0", 1) == 0 && strstr(logged, "not trusted"),
	   "a max leaf below the base itself (no wrap to a huge count): refused with a line");
	OK(find(true, 0x40000100, 0x40000101, "KVMKVMKVM\0\0\0", 1) == 0x40000100,
	   "moved up by an impersonating hypervisor: found at 0x40000100");
	calls = 0;
	OK(find(true, 0x4000ff00, 0x4000ff05, "KVMKVMKVM\0\0\0", 5) == 0 && calls == 2,
	   "past an empty slot: not looked for (the slots in use are contiguous; %u CPUIDs)",
	   calls);
	OK(find(true, 0x40000000, 0x40000001, "KVMKVMKVX\0\0\0", 1) == 0 && !logged[0],
	   "another signature: not found, nothing said");
	OK(find(true, 0x40000000, 0xffffffff, "KVMKVMKVM\0\0\0", 1) == 0x40000000,
	   "a max leaf of 0xffffffff: found, no overflow in the count");
	find(true, 0x40000100, 0x40000101, "KVMKVMKVM\0\0\0", 1);
	calls = 0;
	OK(pvops_cpuid_find_hypervisor("Microsoft Hv", 5) == 0x40000000 &&
	   pvops_cpuid_find_hypervisor("KVMKVMKVM\0\0\0", 1) == 0x40000100 && calls == 0,
	   "the leaves are read once: later detects read no CPUID (%u read)", calls);
	pvops_cpuid_forget();
	pvops_cpuid_find_hypervisor("XenVMMXenVMM", 2);
	OK(calls == 4, "a read is leaf 1, the slots in use (Hyper-V's at 0x40000000, KVM's at "
	   "0x40000100) and the empty one that ends them (%u read)", calls);
	return tap_done();
}
