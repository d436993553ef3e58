// SPDX-License-Identifier: MIT
/*
 * The Hyper-V state each virtual processor has of its own (TLFS §7 and
 * §10.1.2 "VP Assist Page", §3.8 hypercall input pages): its VP index,
 * its hypercall input page and its VP assist page (APIC assist). Set up
 * by init on the boot CPU and by cpu_init on each CPU smp.cpu_up starts;
 * found by this CPU's id (pvops_this_cpu()).
 */
#include "hyperv.h"

struct hv_percpu *hv_cpus[PVOPS_MAX_CPU_ID + 1];
static struct hv_percpu *boot;

/* One load where the kernel gives a per-CPU slot (ABI 1.4), else by the CPU's id. */
struct hv_percpu *hv_this_cpu(void)
{
	struct hv_percpu *c = pvops_percpu_get();

	if (c)
		return c;
	c = hv_cpus[pvops_this_cpu() & PVOPS_MAX_CPU_ID];
	return c ? c : boot;
}

/* The VP index of the CPU named id, or ~0U when it is not known (not up yet). */
u32 hv_vp_index_of(u32 id)
{
	return id <= PVOPS_MAX_CPU_ID && hv_cpus[id] ? hv_cpus[id]->vp_index : ~0U;
}

int hv_percpu_init(u32 id, bool want_assist)
{
	struct hv_percpu *c = pvops_alloc_page();

	if (!c)
		return -PVOPS_ENODEV;
	pvops_memset(c, 0, sizeof(*c));
	c->id = id;
	c->vp_index = (hv_features_eax & HV_ACCESS_VP_INDEX) ?
		      (u32)pvops_raw_rdmsr(HV_MSR_VP_INDEX) : ~0U;
	c->input = pvops_alloc_page();
	if (!c->input)
		return -PVOPS_ENODEV;
	if (want_assist) {
		void *page = pvops_alloc_page();

		if (page) {
			pvops_memset(page, 0, PVOPS_PAGE_SIZE);
			pvops_raw_wrmsr(HV_MSR_VP_ASSIST_PAGE,
					pvops_env_pa(page) | HV_VP_ASSIST_PAGE_ENABLE);
			c->vp_assist = page;
		}
	}
	if (id <= PVOPS_MAX_CPU_ID)
		hv_cpus[id] = c;
	if (!boot)
		boot = c;
	pvops_percpu_set(c);	/* this CPU's, for hv_this_cpu */
	return 0;
}

int hv_cpu_init(u32 id)
{
	return hv_percpu_init(id, HV_IN_USE(APIC_ASSIST));
}

/* The VP mask of the members of cpus with a VP index below 64; *rest gets the others. */
u64 hv_vp_mask(const struct pvops_cpu_set *cpus, struct pvops_cpu_set *rest)
{
	u64 mask = 0;
	u32 c;

	*rest = *cpus;
	pvops_for_each_cpu(c, cpus) {
		u32 vp = hv_vp_index_of(c);

		if (vp < 64) {
			mask |= 1ULL << vp;
			pvops_cpu_set_del(rest, c);
		}
	}
	return mask;
}
