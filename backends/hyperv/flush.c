// SPDX-License-Identifier: MIT
/*
 * TLB flushes through the hypervisor (TLFS "Virtual MMU", the
 * HvCallFlushVirtualAddressSpace and HvCallFlushVirtualAddressList
 * reference pages), addressed to this vCPU's VP index: the same calls,
 * with more bits in the mask (or the Ex forms' sparse VP sets beyond 64
 * VPs), flush other vCPUs without IPIs. A call the hypervisor refuses is
 * reported once and the native flush is done instead.
 */
#include "hyperv.h"

static bool reported;

static u64 read_cr3(void)
{
	u64 v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static bool flush_call(u64 code, u64 flags, u64 va, bool list)
{
	struct hv_flush_input *in = hv_input_page;
	u64 control = code, r;

	if (hv_stats.vp_index >= 64)
		return false;	/* needs the Ex form's VP set: not with one CPU */
	in->address_space = read_cr3();
	in->flags = flags;
	in->processor_mask = 1ULL << hv_stats.vp_index;
	if (list) {
		in->gva_list[0] = va & ~0xfffULL;	/* one page: no additional pages */
		control |= 1ULL << HV_HYPERCALL_REP_COUNT_SHIFT;
	}
	r = hv_do_hypercall(control, hv_pa(in), 0);
	hv_stats.flush_hypercalls++;
	if (HV_HYPERCALL_STATUS(r) == HV_STATUS_SUCCESS &&
	    (!list || HV_HYPERCALL_REPS_DONE(r) == 1))
		return true;
	hv_stats.flush_fallbacks++;
	if (!reported) {
		reported = true;
		pvops_log("hyperv: flush hypercall %#llx: %s (reps done %llu); flushing natively\n",
			  code, pvops_hyperv_status_name(HV_HYPERCALL_STATUS(r)),
			  HV_HYPERCALL_REPS_DONE(r));
	}
	return false;
}

static void hv_flush_tlb_local(void)
{
	if (!flush_call(HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE, HV_FLUSH_NON_GLOBAL_MAPPINGS_ONLY, 0,
			false))
		((void (*)(void))hv_native.mmu_flush_tlb_local)();
}

static void hv_flush_tlb_all(void)
{
	if (!flush_call(HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE, HV_FLUSH_ALL_VIRTUAL_ADDRESS_SPACES,
			0, false))
		((void (*)(void))hv_native.mmu_flush_tlb_all)();
}

static void hv_flush_tlb_one(u64 va)
{
	if (!flush_call(HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST, 0, va, true))
		__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

void hv_flush_fill(struct pvops_ops *ops)
{
	if (!(hv_stats.features & PVOPS_HV_HYPERCALL_PAGE))
		return;
	ops->mmu_flush_tlb_local = hv_flush_tlb_local;
	ops->mmu_flush_tlb_all = hv_flush_tlb_all;
	ops->mmu_flush_tlb_one = hv_flush_tlb_one;
	hv_stats.features |= PVOPS_HV_FLUSH_HYPERCALL;
}
