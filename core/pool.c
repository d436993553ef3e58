// SPDX-License-Identifier: MIT
/*
 * Pages for backends (pvops_alloc_page): the kernel's alloc_page once
 * pvops_init_late() gave it, else a pool inside the library, enough for the
 * boot CPU's hypervisor areas (Hyper-V takes the most: the VP's state,
 * hypercall input, VP assist, SynIC message and reference-TSC pages; KVM
 * one). Pool pages are never given back.
 */
#include <pvops/pvops.h>
#include <pvops/backend.h>

static u8 pool[PVOPS_EARLY_POOL_PAGES][PVOPS_PAGE_SIZE] __attribute__((aligned(4096)));
static u32 pool_used;

void *pvops_alloc_page(void)
{
	const struct pvops_env *env = pvops_cur_env();
	u8 *p;

	if (env && env->alloc_page)
		return env->alloc_page();
	if (pool_used == PVOPS_EARLY_POOL_PAGES) {
		pvops_log("pvops: the early pool's %u pages are used up (before pvops_init_late "
			  "gave alloc_page)\n", PVOPS_EARLY_POOL_PAGES);
		return NULL;
	}
	p = pool[pool_used++];
	pvops_memset(p, 0, PVOPS_PAGE_SIZE);
	return p;
}
