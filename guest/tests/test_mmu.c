// SPDX-License-Identifier: MIT
/* mmu ops: cr2/cr3, entries, mappings, faults, TLB flushes, lazy mode. */
#include "../ktest/ktest.h"

#define PTE_P (1ULL << 0)
#define PTE_W (1ULL << 1)
#define PTE_PS (1ULL << 7)
#define PTE_NX (1ULL << 63)

static const u64 scratch = SCRATCH_BASE;

static void cr3_is_our_root(struct ktest *t)
{
	u64 cr3 = pvops_mmu_read_cr3();

	KT_EXPECT_EQ(t, cr3 & ~0xfffULL, mm_root());
	pvops_mmu_write_cr3(cr3);	/* also a full non-global flush */
	KT_EXPECT_EQ(t, pvops_mmu_read_cr3(), cr3);
}

/*
 * make and val are inverse for the frames a kernel maps: its own RAM and
 * device memory (here the local APIC's frame), and for non-present
 * entries whatever they hold.
 */
static void make_val_roundtrip(struct ktest *t)
{
	static const u64 flags[] = { PTE_P, PTE_P | PTE_W, PTE_P | PTE_W | PTE_NX,
				     PTE_P | PTE_PS | 0x18, 0 };
	void *page = alloc_page();
	u64 pfns[] = { 0, virt_to_phys(_data_start) >> PVOPS_PAGE_SHIFT, 0xfee00, 0x12345 };
	u32 i, j;

	KT_ASSERT(t, page);
	pfns[0] = virt_to_phys(page) >> PVOPS_PAGE_SHIFT;
	for (i = 0; i < ARRAY_SIZE(flags); i++)
		for (j = 0; j < ARRAY_SIZE(pfns); j++) {
			pval_t v = pvops_pval(pvops_pfn(pfns[j]), flags[i]);

			if (j == 3 && flags[i])
				continue;	/* an arbitrary frame: only as a non-present entry */
			KT_EXPECT_EQ(t, pvops_pfn_nr(pvops_pval_pfn(v)), pfns[j]);
			KT_EXPECT_EQ(t, (__force u64)pvops_mmu_pte_val(pvops_mmu_make_pte(v)),
				     (__force u64)v);
			KT_EXPECT_EQ(t, (__force u64)pvops_mmu_pmd_val(pvops_mmu_make_pmd(v)),
				     (__force u64)v);
			KT_EXPECT_EQ(t, (__force u64)pvops_mmu_pud_val(pvops_mmu_make_pud(v)),
				     (__force u64)v);
			KT_EXPECT_EQ(t, (__force u64)pvops_mmu_p4d_val(pvops_mmu_make_p4d(v)),
				     (__force u64)v);
		}
	free_page(page);
}

static void map_alias_shares_memory(struct ktest *t)
{
	volatile u64 *direct = alloc_page(), *alias = (volatile u64 *)(uptr)scratch;

	KT_ASSERT(t, direct);
	direct[0] = 0x1111222233334444ULL;
	direct[511] = 0x5555666677778888ULL;
	KT_ASSERT(t, !map_page(scratch, virt_to_phys((void *)direct), PROT_W));
	KT_EXPECT_EQ(t, alias[0], 0x1111222233334444ULL);
	KT_EXPECT_EQ(t, alias[511], 0x5555666677778888ULL);
	alias[1] = 0xabcdef;
	KT_EXPECT_EQ(t, direct[1], 0xabcdef);
	KT_EXPECT(t, !unmap_page(scratch));
	free_page((void *)direct);
}

static void unmapped_page_faults_with_cr2(struct ktest *t)
{
	void *page = alloc_page();
	u64 faults = last_fault.count, val = 0;

	KT_ASSERT(t, page);
	KT_ASSERT(t, !map_page(scratch, virt_to_phys(page), PROT_W));
	KT_EXPECT_EQ(t, probe_read_u64((void *)(uptr)(scratch + 8), &val), 0);
	KT_EXPECT_EQ(t, last_fault.count, faults);
	KT_ASSERT(t, !unmap_page(scratch));
	KT_EXPECT_EQ(t, probe_read_u64((void *)(uptr)(scratch + 8), &val), -14);
	KT_EXPECT_EQ(t, last_fault.count, faults + 1);
	KT_EXPECT_EQ(t, last_fault.vector, 14);
	KT_EXPECT_EQ(t, last_fault.cr2, scratch + 8);
	KT_EXPECT_EQ(t, pvops_mmu_read_cr2(), scratch + 8);
	KT_EXPECT_EQ(t, last_fault.error & 1, 0);	/* not-present */
	free_page(page);
}

/* Remap scratch from page a to page b; flush(); the new page must show. */
static void remap_then_flush(struct ktest *t, void (*flush)(void), const char *how)
{
	u64 *a = alloc_page(), *b = alloc_page();
	volatile u64 *p = (volatile u64 *)(uptr)scratch;
	u32 lv = 0;

	KT_ASSERT(t, a && b);
	a[0] = 0xaaaa;
	b[0] = 0xbbbb;
	KT_ASSERT(t, !map_page(scratch, virt_to_phys(a), PROT_W));
	KT_EXPECT_EQ(t, p[0], 0xaaaa);	/* now cached in the TLB */
	KT_ASSERT(t, !map_page(scratch, virt_to_phys(b), PROT_W));
	flush();
	KT_EXPECT_MSG(t, p[0] == 0xbbbb, "%s: still %#llx", how, p[0]);
	KT_EXPECT_EQ(t, lookup_pval(scratch, &lv) & ~0xfffULL & ~PTE_NX, virt_to_phys(b));
	KT_EXPECT(t, !unmap_page(scratch));
	free_page(a);
	free_page(b);
}

static void flush_one(void)
{
	pvops_mmu_flush_tlb_one(SCRATCH_BASE);
}

static void flush_tlb_one_page(struct ktest *t)
{
	remap_then_flush(t, flush_one, "flush_tlb_one");
}

static void flush_tlb_local_all(struct ktest *t)
{
	remap_then_flush(t, pvops_mmu_flush_tlb_local, "flush_tlb_local");
	remap_then_flush(t, pvops_mmu_flush_tlb_all, "flush_tlb_all");
}

static void lazy_mode_batch_visible_after_leave(struct ktest *t)
{
	u64 *pages[8];
	u32 i;

	pvops_mmu_lazy_enter();
	for (i = 0; i < 8; i++) {
		pages[i] = alloc_page();
		KT_ASSERT(t, pages[i]);
		pages[i][0] = 0x1000 + i;
		KT_ASSERT(t, !map_page(scratch + i * PVOPS_PAGE_SIZE, virt_to_phys(pages[i]),
				       PROT_W));
	}
	pvops_mmu_lazy_flush();
	pvops_mmu_lazy_leave();
	for (i = 0; i < 8; i++) {
		KT_EXPECT_EQ(t, *(volatile u64 *)(uptr)(scratch + i * PVOPS_PAGE_SIZE), 0x1000 + i);
		KT_EXPECT(t, !unmap_page(scratch + i * PVOPS_PAGE_SIZE));
		free_page(pages[i]);
	}
}

/* A PTE page emptied by unmap is unhooked from its directory (release_pt). */
static void empty_pte_page_released(struct ktest *t)
{
	u64 va = SCRATCH_BASE + 0x40000000ULL;	/* a 2 MiB region nothing else uses */
	void *page = alloc_page();
	u32 level = 0;

	KT_ASSERT(t, page);
	KT_ASSERT(t, !map_page(va, virt_to_phys(page), PROT_W));
	KT_EXPECT(t, lookup_pval(va, &level) & PTE_P);
	KT_EXPECT_EQ(t, level, PVOPS_PT_PTE);
	KT_ASSERT(t, !unmap_page(va));
	/* The walk now stops at the page directory: no PTE page any more. */
	KT_EXPECT_EQ(t, lookup_pval(va, &level), 0);
	KT_ASSERT(t, !map_page(va, virt_to_phys(page), PROT_W));	/* and maps again */
	KT_EXPECT_EQ(t, *(volatile u64 *)(uptr)va, 0);
	KT_ASSERT(t, !unmap_page(va));
	free_page(page);
}

static void ops_table_is_read_only(struct ktest *t)
{
	u64 *slot = (u64 *)(void *)&pvops_ops.time_clock_ns;
	u64 faults = last_fault.count;

	KT_EXPECT_EQ(t, probe_write_u64(slot, *slot), -14);
	KT_EXPECT_EQ(t, last_fault.count, faults + 1);
	KT_EXPECT_EQ(t, last_fault.vector, 14);
	KT_EXPECT_EQ(t, last_fault.cr2, (u64)(uptr)slot);
	KT_EXPECT_EQ(t, last_fault.error & 3, 3);	/* present, write */
	/* Its direct-map alias is read-only too. */
	slot = phys_to_virt(virt_to_phys(slot));
	KT_EXPECT_EQ(t, probe_write_u64(slot, *slot), -14);
}

static void text_read_only_data_no_exec(struct ktest *t)
{
	u64 *text = (u64 *)(void *)_text_start;
	u64 f;
	u32 level = 0;

	KT_EXPECT_EQ(t, probe_write_u64(text, *text), -14);
	f = lookup_pval((u64)(uptr)_text_start, &level);
	KT_EXPECT(t, (f & PTE_P) && !(f & PTE_W) && !(f & PTE_NX));
	f = lookup_pval((u64)(uptr)_data_start, &level);
	KT_EXPECT(t, (f & PTE_P) && (f & PTE_W) && (f & PTE_NX));
	f = lookup_pval((u64)(uptr)_rodata_start, &level);
	KT_EXPECT(t, (f & PTE_P) && !(f & PTE_W) && (f & PTE_NX));
	f = lookup_pval((u64)(uptr)phys_to_virt(virt_to_phys(_data_start)), &level);
	KT_EXPECT(t, (f & PTE_NX) && (f & PTE_W));
}

static void direct_map_uses_large_pages(struct ktest *t)
{
	u32 level = 0;
	u64 f;

	if (!(pvops_backend_caps() & PVOPS_CAP_LARGE_PAGES)) {
		ktest_skip(t, "backend does not allow large pages");
		return;
	}
	/* 64 MiB is RAM in every environment we boot (256 MiB and up). */
	f = lookup_pval((u64)(uptr)phys_to_virt(0x4000000), &level);
	KT_EXPECT(t, f & PTE_PS);
	KT_EXPECT_EQ(t, level, PVOPS_PT_PMD);
}

static const struct ktest_case mmu_cases[] = {
	KTEST_CASE(cr3_is_our_root),
	KTEST_CASE(make_val_roundtrip),
	KTEST_CASE(map_alias_shares_memory),
	KTEST_CASE(unmapped_page_faults_with_cr2),
	KTEST_CASE(flush_tlb_one_page),
	KTEST_CASE(flush_tlb_local_all),
	KTEST_CASE(lazy_mode_batch_visible_after_leave),
	KTEST_CASE(empty_pte_page_released),
	KTEST_CASE(ops_table_is_read_only),
	KTEST_CASE(text_read_only_data_no_exec),
	KTEST_CASE(direct_map_uses_large_pages),
	{},
};
KTEST_SUITE(mmu, mmu_cases);
