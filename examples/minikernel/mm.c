// SPDX-License-Identifier: MIT
/*
 * minikernel's memory: pages from a pool inside the image, and its own
 * page-table code, which writes every entry through the mmu ops (so that
 * it runs unchanged on Xen PV's read-only, machine-frame tables).
 */
#include <pvops/pvops.h>
#include "kernel.h"

#define POOL_PAGES 48
#define P (1UL << 0)
#define W (1UL << 1)
#define NX (1UL << 63)

static u8 pool[POOL_PAGES][PAGE] __attribute__((aligned(4096)));
static u32 pool_used;

u64 virt_to_phys(const void *va)
{
	u64 v = (u64)va;

	return v >= KBASE ? v - KBASE : v;
}

void *phys_to_virt(u64 pa)
{
	return (void *)(pa + KBASE);	/* the first GiB, on every entry */
}

void *page_alloc(void)
{
	if (pool_used == POOL_PAGES)
		return NULL;
	memset(pool[pool_used], 0, PAGE);
	return pool[pool_used++];
}

static pvops_pfn_t pfn_of(const void *va)
{
	return pvops_pfn(virt_to_phys(va) / PAGE);
}

/* This kernel's pte_t beside the library's: an entry read back into its own type. */
static pte_t read_pte(const pvops_pte_t *slot)
{
	pte_t e = { pvops_mmu_pte_val(*slot) };

	return e;
}

static u32 idx(u64 va, u32 level)
{
	return (u32)((va >> (12 + 9 * (level - 1))) & 511);
}

static pvops_p4d_t *pml4(void)
{
	return phys_to_virt(pvops_mmu_read_cr3() & ~0xfffUL);
}

/* Map page at va: a fresh PUD, PMD and PT in va's (empty) PML4 slot. */
int map_test_page(u64 va, void *page)
{
	pvops_pud_t *pud = page_alloc();
	pvops_pmd_t *pmd = page_alloc();
	pvops_pte_t *pt = page_alloc();

	if (!pud || !pmd || !pt)
		return -1;
	if (pvops_mmu_p4d_val(pml4()[idx(va, 4)]))
		return -2;	/* the slot is in use: not a test address */
	pvops_mmu_alloc_pt(PVOPS_PT_PTE, pfn_of(pt));
	pvops_mmu_alloc_pt(PVOPS_PT_PMD, pfn_of(pmd));
	pvops_mmu_alloc_pt(PVOPS_PT_PUD, pfn_of(pud));
	pvops_mmu_set_pte(&pt[idx(va, 1)],
			  pvops_mmu_make_pte(pvops_pval(pfn_of(page), P | W | NX)));
	pvops_mmu_set_pmd(&pmd[idx(va, 2)], pvops_mmu_make_pmd(pvops_pval(pfn_of(pt), P | W)));
	pvops_mmu_set_pud(&pud[idx(va, 3)], pvops_mmu_make_pud(pvops_pval(pfn_of(pmd), P | W)));
	pvops_mmu_set_p4d(&pml4()[idx(va, 4)], pvops_mmu_make_p4d(pvops_pval(pfn_of(pud), P | W)));
	pvops_mmu_flush_tlb_one(va);
	return 0;
}

/* The table an entry points at, by its pseudo-physical frame. */
static void *next(pvops_pval_t e)
{
	return phys_to_virt(pvops_pfn_nr(pvops_pval_pfn(e)) * PAGE);
}

/* Take the page away again; 0 when the entry reads back empty. */
int unmap_test_page(u64 va)
{
	pvops_pud_t *pud = next(pvops_mmu_p4d_val(pml4()[idx(va, 4)]));
	pvops_pmd_t *pmd = next(pvops_mmu_pud_val(pud[idx(va, 3)]));
	pvops_pte_t *pt = next(pvops_mmu_pmd_val(pmd[idx(va, 2)]));

	pvops_mmu_set_pte(&pt[idx(va, 1)], pvops_mmu_make_pte(pvops_pval(pvops_pfn(0), 0)));
	pvops_mmu_flush_tlb_one(va);
	return read_pte(&pt[idx(va, 1)]).val ? -1 : 0;
}
