// SPDX-License-Identifier: MIT
/*
 * TLB flushes on other CPUs through the hypervisor (TLFS "Virtual MMU",
 * HvCallFlushVirtualAddressSpace and HvCallFlushVirtualAddressList): one
 * hypercall with the targets' VP indexes in the processor mask replaces an
 * IPI to each and the wait for them, and a target that is not running is
 * flushed before it runs again instead of being waited for. Local flushes
 * stay native: on this CPU a hypercall only costs more than invlpg. A
 * refused call is reported once and the kernel's shootdown does the work.
 */
#include "hyperv.h"

static bool reported;

static u64 read_cr3(void)
{
	u64 v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static bool flush_call(u64 mask, u64 va)
{
	struct hv_flush_input *in = hv_this_cpu()->input;
	bool list = va != PVOPS_FLUSH_ALL;
	u64 control, r;

	in->address_space = read_cr3();
	in->flags = list ? 0 : HV_FLUSH_NON_GLOBAL_MAPPINGS_ONLY;
	in->processor_mask = mask;
	if (list) {
		in->gva_list[0] = va & ~0xfffULL;	/* one page: no additional pages */
		control = HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST | (1ULL << HV_HYPERCALL_REP_COUNT_SHIFT);
	} else {
		control = HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE;
	}
	r = hv_do_hypercall(control, pvops_env_pa(in), 0);
	HV_COUNT(FLUSH_HYPERCALLS);
	if (HV_HYPERCALL_STATUS(r) == HV_STATUS_SUCCESS &&
	    (!list || HV_HYPERCALL_REPS_DONE(r) == 1))
		return true;
	HV_COUNT(FLUSH_FALLBACKS);
	if (!reported) {
		reported = true;
		pvops_log("hyperv: flush hypercall %#llx: %s (reps done %llu); the kernel's "
			  "shootdown does it\n", control,
			  pvops_hyperv_status_name(HV_HYPERCALL_STATUS(r)),
			  HV_HYPERCALL_REPS_DONE(r));
	}
	return false;
}

/* The CPUs with a VP index below 64 in one hypercall; the rest to the kernel. */
static void hv_flush_tlb_multi(const struct pvops_cpu_set *cpus, u64 va,
			       pvops_shootdown_fn shootdown)
{
	struct pvops_cpu_set rest;
	u64 mask = hv_vp_mask(cpus, &rest);

	if (mask && !flush_call(mask, va))
		rest = *cpus;
	if (!pvops_cpu_set_empty(&rest))
		shootdown(&rest, va);
}

void hv_flush_fill(struct pvops_ops *ops)
{
	if (!HV_IN_USE(HYPERCALL_PAGE))
		return;
	ops->mmu_flush_tlb_multi = hv_flush_tlb_multi;
	HV_USE(FLUSH_HYPERCALL);
}
