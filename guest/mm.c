// SPDX-License-Identifier: MIT
/*
 * Memory: a page allocator over the boot memory map, and the kernel's own
 * 4-level page tables, built and changed only through the mmu ops:
 * entries are made with make_* and read with *_val, stored with set_*,
 * and every page-table page is announced with alloc_pt before use. That is
 * what lets Xen PV (machine frames, read-only page tables) run this code
 * unchanged.
 *
 * Longer than most files (~400 lines) because the allocator and the page
 * tables are one idea here: each table page comes from the allocator and
 * is announced as it is taken, and the early pool serves both.
 */
#include "kernel.h"

#define PTE_P (1ULL << 0)
#define PTE_W (1ULL << 1)
#define PTE_PWT (1ULL << 3)
#define PTE_PCD (1ULL << 4)
#define PTE_PS (1ULL << 7)
#define PTE_NX (1ULL << 63)

#define LOW_LIMIT 0x100000ULL		/* keep the first MiB alone */
#define ALLOC_LIMIT 0x100000000ULL	/* boot direct map covers 4 GiB */

/*
 * Pages handed out before the kernel's own page tables exist come from this
 * pool inside the image: it is mapped on every entry (under Xen PV the
 * initial mapping covers little more than the image).
 */
#define EARLY_PAGES 512
static u8 early_pool[EARLY_PAGES][PVOPS_PAGE_SIZE] __attribute__((aligned(PVOPS_PAGE_SIZE)));
static u32 early_used;
/* First pass of mm_init: allocate every table, write no leaf. */
static bool populating;

static u32 cur_region;
static u64 next_pa;
static u64 kernel_end_pa;
static void *free_list;
static u64 root_pa;		/* the active PML4, once mm_init ran */
static bool mm_ready;
static u64 mmio_next = MMIO_BASE;

/*
 * Before mm_init, memory is reached through the boot direct map, or under
 * Xen PV through Xen's initial mapping at the kernel's base.
 */
void *phys_to_virt(u64 pa)
{
	if (!mm_ready && bootinfo.entry == PVOPS_ENTRY_XEN_PV)
		return (void *)(uptr)(KERNEL_VBASE + pa);
	return (void *)(uptr)(DIRECT_MAP_BASE + pa);
}

u64 virt_to_phys(const void *va)
{
	u64 v = (u64)(uptr)va;

	if (v >= KERNEL_VBASE)
		return v - KERNEL_VBASE;
	return v - DIRECT_MAP_BASE;
}

void *alloc_page(void)
{
	void *p;

	if (!mm_ready) {
		if (early_used == EARLY_PAGES)
			panic("mm: the early pool (%u pages) ran out before the kernel's "
			      "page tables were built", EARLY_PAGES);
		p = early_pool[early_used++];
		pvops_memset(p, 0, PVOPS_PAGE_SIZE);
		return p;
	}
	if (free_list) {
		p = free_list;
		free_list = *(void **)p;
		pvops_memset(p, 0, PVOPS_PAGE_SIZE);
		return p;
	}
	if (!kernel_end_pa)
		kernel_end_pa = kernel_va_to_pa(_kernel_end);
	for (; cur_region < bootinfo.nr_regions; cur_region++, next_pa = 0) {
		const struct mem_region *r = &bootinfo.regions[cur_region];
		u64 end = r->end < ALLOC_LIMIT ? r->end : ALLOC_LIMIT;

		if (r->type != MEM_RAM)
			continue;
		if (next_pa < r->start)
			next_pa = r->start;
		if (next_pa < LOW_LIMIT)
			next_pa = LOW_LIMIT;
		if (next_pa < kernel_end_pa && r->end > KERNEL_PHYS)
			next_pa = kernel_end_pa;
		next_pa = (next_pa + PVOPS_PAGE_SIZE - 1) & ~(PVOPS_PAGE_SIZE - 1);
		if (next_pa + PVOPS_PAGE_SIZE <= end) {
			p = phys_to_virt(next_pa);
			next_pa += PVOPS_PAGE_SIZE;
			pvops_memset(p, 0, PVOPS_PAGE_SIZE);
			return p;
		}
	}
	return NULL;
}

void free_page(void *va)
{
	*(void **)va = free_list;
	free_list = va;
}

/* ---- entries, through the ops ------------------------------------------- */

static pval_t entry_get(void *table, u32 level, u32 i)
{
	switch (level) {
	case PVOPS_PT_P4D:
		return pvops_mmu_p4d_val(READ_ONCE(((p4d_t *)table)[i]));
	case PVOPS_PT_PUD:
		return pvops_mmu_pud_val(READ_ONCE(((pud_t *)table)[i]));
	case PVOPS_PT_PMD:
		return pvops_mmu_pmd_val(READ_ONCE(((pmd_t *)table)[i]));
	default:
		return pvops_mmu_pte_val(READ_ONCE(((pte_t *)table)[i]));
	}
}

static void entry_set(void *table, u32 level, u32 i, pval_t v)
{
	switch (level) {
	case PVOPS_PT_P4D:
		pvops_mmu_set_p4d(&((p4d_t *)table)[i], pvops_mmu_make_p4d(v));
		break;
	case PVOPS_PT_PUD:
		pvops_mmu_set_pud(&((pud_t *)table)[i], pvops_mmu_make_pud(v));
		break;
	case PVOPS_PT_PMD:
		pvops_mmu_set_pmd(&((pmd_t *)table)[i], pvops_mmu_make_pmd(v));
		break;
	default:
		pvops_mmu_set_pte(&((pte_t *)table)[i], pvops_mmu_make_pte(v));
		break;
	}
}

static void *alloc_pt(u32 level)
{
	void *p = alloc_page();

	if (!p)
		panic("mm: out of memory for a level-%u page table", level);
	pvops_mmu_alloc_pt(level, pvops_pfn(virt_to_phys(p) >> PVOPS_PAGE_SHIFT));
	return p;
}

static u32 index_of(u64 va, u32 level)
{
	return (u32)((va >> (PVOPS_PAGE_SHIFT + 9 * (level - 1))) & 511);
}

static u64 prot_flags(u32 prot)
{
	u64 f = PTE_P;

	if (prot & PROT_W)
		f |= PTE_W;
	if (!(prot & PROT_X))
		f |= PTE_NX;
	if (prot & PROT_UC)
		f |= PTE_PCD | PTE_PWT;
	return f;
}

/* Map one page of size 4 KiB (leaf 1) or 2 MiB (leaf 2) in the tables at root. */
static int map_in(u64 root, u64 va, u64 pa, u32 prot, u32 leaf)
{
	void *table = phys_to_virt(root);
	u32 level;
	pval_t v;

	for (level = PVOPS_PT_P4D; level > leaf; level--) {
		u32 i = index_of(va, level);

		v = entry_get(table, level, i);
		if (!(pvops_pval_flags(v) & PTE_P)) {
			void *next = alloc_pt(level - 1);

			v = pvops_pval(pvops_pfn(virt_to_phys(next) >> PVOPS_PAGE_SHIFT),
				       PTE_P | PTE_W);
			entry_set(table, level, i, v);
		} else if (pvops_pval_flags(v) & PTE_PS) {
			return -PVOPS_EINVAL;	/* inside a large mapping */
		}
		table = phys_to_virt(pvops_pfn_nr(pvops_pval_pfn(v)) << PVOPS_PAGE_SHIFT);
	}
	if (populating)
		return 0;
	entry_set(table, leaf, index_of(va, leaf),
		  pvops_pval(pvops_pfn(pa >> PVOPS_PAGE_SHIFT),
			     prot_flags(prot) | (leaf == PVOPS_PT_PMD ? PTE_PS : 0)));
	return 0;
}

/* Map [pa, pa + len) at va, with 2 MiB pages where alignment and the backend allow. */
static void map_range(u64 root, u64 va, u64 pa, u64 len, u32 prot)
{
	bool large = pvops_backend_caps() & PVOPS_CAP_LARGE_PAGES;

	while (len) {
		u32 leaf = PVOPS_PT_PTE;
		u64 step = PVOPS_PAGE_SIZE;

		if (large && !(va & 0x1fffff) && !(pa & 0x1fffff) && len >= 0x200000) {
			leaf = PVOPS_PT_PMD;
			step = 0x200000;
		}
		if (map_in(root, va, pa, prot, leaf))
			panic("mm: cannot map %p", (void *)(uptr)va);
		va += step;
		pa += step;
		len -= step;
	}
}

/* Walk to the leaf entry for va; returns its table and level, or NULL. */
static void *walk(u64 va, u32 *level_out, u32 *idx_out)
{
	void *table = phys_to_virt(root_pa);
	u32 level;

	for (level = PVOPS_PT_P4D; level >= PVOPS_PT_PTE; level--) {
		u32 i = index_of(va, level);
		pval_t v = entry_get(table, level, i);
		u64 f = pvops_pval_flags(v);

		if (!(f & PTE_P))
			return NULL;
		if (level == PVOPS_PT_PTE || (f & PTE_PS)) {
			*level_out = level;
			*idx_out = i;
			return table;
		}
		table = phys_to_virt(pvops_pfn_nr(pvops_pval_pfn(v)) << PVOPS_PAGE_SHIFT);
	}
	return NULL;
}

u64 lookup_pval(u64 va, u32 *level)
{
	u32 lv = 0, i = 0;
	void *t = walk(va, &lv, &i);

	if (!t)
		return 0;
	if (level)
		*level = lv;
	return (__force u64)entry_get(t, lv, i);
}

pte_t *pte_slot(u64 va)
{
	u32 lv = 0, i = 0;
	pte_t *t = walk(va, &lv, &i);

	return t && lv == PVOPS_PT_PTE ? &t[i] : NULL;
}

int map_page(u64 va, u64 pa, u32 prot)
{
	return map_in(root_pa, va, pa, prot, PVOPS_PT_PTE);
}

/* The page-directory entry that points at va's PTE page. */
static void *walk_pmd(u64 va, u32 *idx)
{
	void *table = phys_to_virt(root_pa);
	u32 level;

	for (level = PVOPS_PT_P4D; level > PVOPS_PT_PMD; level--) {
		pval_t v = entry_get(table, level, index_of(va, level));

		if (!(pvops_pval_flags(v) & PTE_P) || (pvops_pval_flags(v) & PTE_PS))
			return NULL;
		table = phys_to_virt(pvops_pfn_nr(pvops_pval_pfn(v)) << PVOPS_PAGE_SHIFT);
	}
	*idx = index_of(va, PVOPS_PT_PMD);
	return table;
}

/*
 * Unmap one 4 KiB page. A PTE page left empty is unhooked from its page
 * directory, announced with release_pt and freed.
 */
int unmap_page(u64 va)
{
	u32 lv = 0, i = 0, pi = 0, k;
	void *t = walk(va, &lv, &i), *pmd;
	pval_t v;

	if (!t || lv != PVOPS_PT_PTE)
		return -PVOPS_EINVAL;
	entry_set(t, lv, i, pvops_pval(pvops_pfn(0), 0));
	pvops_mmu_flush_tlb_one(va);
	smp_flush_tlb_others(va);
	for (k = 0; k < 512; k++)
		if (pvops_pval_flags(entry_get(t, PVOPS_PT_PTE, k)) & PTE_P)
			return 0;
	pmd = walk_pmd(va, &pi);
	if (!pmd)
		return 0;
	v = entry_get(pmd, PVOPS_PT_PMD, pi);
	entry_set(pmd, PVOPS_PT_PMD, pi, pvops_pval(pvops_pfn(0), 0));
	pvops_mmu_flush_tlb_local();	/* drop cached walks through the old table */
	smp_flush_tlb_others(PVOPS_FLUSH_ALL);
	pvops_mmu_release_pt(PVOPS_PT_PTE, pvops_pval_pfn(v));
	free_page(t);
	return 0;
}

void *map_mmio(u64 pa, u64 len)
{
	u64 off = pa & (PVOPS_PAGE_SIZE - 1), va = mmio_next, n;

	if (!mm_ready) {
		printk("mm: map_mmio(%#llx) before the kernel's page tables exist\n", pa);
		return NULL;
	}
	pa -= off;
	len = (len + off + PVOPS_PAGE_SIZE - 1) & ~(PVOPS_PAGE_SIZE - 1);
	for (n = 0; n < len; n += PVOPS_PAGE_SIZE)
		if (map_page(va + n, pa + n, PROT_W | PROT_UC))
			return NULL;
	mmio_next += len + PVOPS_PAGE_SIZE;	/* leave a guard page */
	return (void *)(uptr)(va + off);
}

/* The direct map of one RAM region; the kernel image's alias is read-only. */
static void map_direct(u64 root, u64 start, u64 end)
{
	u64 img_start = KERNEL_PHYS, img_ro_end = kernel_va_to_pa(_rodata_end);

	while (start < end) {
		u64 stop = end;
		u32 prot = PROT_W;

		if (start < img_start && stop > img_start)
			stop = img_start;
		if (start >= img_start && start < img_ro_end) {
			prot = PROT_R;
			if (stop > img_ro_end)
				stop = img_ro_end;
		}
		map_range(root, DIRECT_MAP_BASE + start, start, stop - start, prot);
		start = stop;
	}
}

/* Everything the kernel maps at boot. */
static void build(u64 r)
{
	u64 kend = kernel_va_to_pa(_kernel_end);
	u32 i;

	/* The kernel image, by section. */
	map_range(r, (u64)(uptr)_text_start, kernel_va_to_pa(_text_start),
		  (u64)(_text_end - _text_start), PROT_X);
	map_range(r, (u64)(uptr)_rodata_start, kernel_va_to_pa(_rodata_start),
		  (u64)(_rodata_end - _rodata_start), PROT_R);
	map_range(r, (u64)(uptr)_data_start, kernel_va_to_pa(_data_start),
		  (u64)(_data_end - _data_start), PROT_W);
	map_range(r, (u64)(uptr)_syms_start, kernel_va_to_pa(_syms_start),
		  (u64)(_syms_end - _syms_start), PROT_R);
	/* Xen PV: the bootstrap elements stay where Xen mapped them. */
	if (bootinfo.boot_end > kend)
		map_range(r, KERNEL_VBASE + kend, kend, bootinfo.boot_end - kend, PROT_W);
	/* All RAM and loader data, page aligned. */
	for (i = 0; i < bootinfo.nr_regions; i++) {
		const struct mem_region *m = &bootinfo.regions[i];
		u64 s = (m->start + PVOPS_PAGE_SIZE - 1) & ~(PVOPS_PAGE_SIZE - 1);
		u64 e = m->end & ~(PVOPS_PAGE_SIZE - 1);

		if ((m->type == MEM_RAM || m->type == MEM_LOADER) && e > s)
			map_direct(r, s, e);
	}
}

/*
 * Two passes: first every page table, then every leaf. No page becomes a
 * page table after a writable mapping of it was written (Xen PV refuses
 * page tables that are mapped writable; its backend maps announced ones
 * read-only). The leaves are written in lazy MMU mode: batched under PV.
 */
void mm_init(void)
{
	void *root = alloc_pt(PVOPS_PT_P4D);
	u64 r = virt_to_phys(root);

	pvops_mmu_lazy_enter();
	populating = true;
	build(r);
	populating = false;
	build(r);
	pvops_mmu_lazy_leave();
	pvops_mmu_write_cr3(r);
	root_pa = r;
	mm_ready = true;
}

u64 mm_root(void)
{
	return root_pa;
}
