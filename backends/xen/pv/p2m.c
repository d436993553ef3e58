// SPDX-License-Identifier: MIT
/*
 * Frames under Xen PV: page-table entries carry machine frames. make_*
 * translates pfn -> mfn through the p2m list from start_info, *_val
 * translates back through Xen's m2p table (frames that are not the
 * domain's RAM, such as device memory, are identity-mapped, as Linux
 * does). A flag in the p2m entry remembers which pages are page tables:
 * make_* drops the write bit of a leaf entry that maps one.
 *
 * shared_info is mapped over xen_shared_page and that page's frame is
 * redirected in the p2m, so every mapping the kernel makes of the page
 * reaches shared_info.
 */
#include "pv.h"

#define PTE_P (1ULL << 0)
#define PTE_W (1ULL << 1)
#define PTE_NX (1ULL << 63)
#define FRAME_MASK PVOPS_PVAL_FRAME_MASK
/*
 * Xen marks the entries it validates for a 64-bit PV kernel with a
 * software bit of its own (_PAGE_GUEST_KERNEL, bit 52: Xen-internal, not
 * in the public headers). It is not the kernel's: *_val hides it.
 */
#define XEN_PTE_GUEST_KERNEL (1ULL << 52)

/* Our marks in p2m entries (Xen never reads the list back). */
#define P2M_PT (1ULL << 62)		/* a page-table page: map read-only */
#define P2M_MFN_MASK ((1ULL << 52) - 1)

static const struct pvops_env *env;
static u64 *p2m;
static u64 nr_pages;
static u64 max_mfn;
/*
 * Which 2 MiB pieces of Xen's m2p table are mapped (each holds the entries
 * of 2^18 frames, 1 GiB of machine memory): Xen maps it only over its
 * memory, so the entry of a frame beyond (device memory, like the local
 * APIC's 0xfee00) is not there to read. Pieces past the list's reach are
 * taken as mapped.
 */
#define M2P_PIECES 256
#define M2P_PIECE_SHIFT 18
static xen_pfn_t m2p_piece[M2P_PIECES];
static u32 nr_m2p_pieces;
static bool m2p_list_full;

static bool m2p_mapped(u64 m)
{
	u64 i = m >> M2P_PIECE_SHIFT;

	if (i >= M2P_PIECES)
		return m2p_list_full;
	return i < nr_m2p_pieces && m2p_piece[i];
}
static mfn_t shared_mfn;
static pfn_t shared_pfn;

mfn_t xen_p2m_lookup(pfn_t pfn)
{
	u64 n = pvops_pfn_nr(pfn);

	if (n < nr_pages)
		return pvops_mfn(p2m[n] & P2M_MFN_MASK);
	return pvops_mfn(n);	/* not RAM of this domain: identity */
}

static pfn_t m2p_lookup(mfn_t mfn)
{
	u64 m = pvops_mfn_nr(mfn), pfn;

	if (m == pvops_mfn_nr(shared_mfn))
		return shared_pfn;
	if (m > max_mfn || !m2p_mapped(m))
		return pvops_pfn(m);
	pfn = machine_to_phys_mapping[m];
	if (pfn < nr_pages && (p2m[pfn] & P2M_MFN_MASK) == m)
		return pvops_pfn(pfn);
	return pvops_pfn(m);
}

u64 xen_machine_addr(const void *va)
{
	u64 pa = pvops_env_virt_to_phys(va);	/* env's, bound: a direct jump */

	return (pvops_mfn_nr(xen_p2m_lookup(pvops_pfn(pa >> PVOPS_PAGE_SHIFT))) << PVOPS_PAGE_SHIFT) |
	       (pa & (PVOPS_PAGE_SIZE - 1));
}

bool xen_p2m_set_pt(u64 n, bool pt)
{
	if (n >= nr_pages)
		return false;
	if (pt)
		p2m[n] |= P2M_PT;
	else
		p2m[n] &= ~P2M_PT;
	return true;
}

bool xen_p2m_is_pt(u64 n)
{
	return n < nr_pages && (p2m[n] & P2M_PT);
}

/* leaf: a pte (upper levels point at tables, which are page tables by design). */
u64 xen_make(u64 v, bool leaf)
{
	u64 pfn = (v & FRAME_MASK) >> PVOPS_PAGE_SHIFT;

	if (!(v & PTE_P))
		return v;
	if (leaf && xen_p2m_is_pt(pfn))
		v &= ~PTE_W;
	return (v & ~FRAME_MASK) |
	       (pvops_mfn_nr(xen_p2m_lookup(pvops_pfn(pfn))) << PVOPS_PAGE_SHIFT);
}

static u64 xen_val(u64 v)
{
	if (!(v & PTE_P))
		return v;
	return (v & ~FRAME_MASK & ~XEN_PTE_GUEST_KERNEL) |
	       (pvops_pfn_nr(m2p_lookup(pvops_mfn((v & FRAME_MASK) >> PVOPS_PAGE_SHIFT)))
		<< PVOPS_PAGE_SHIFT);
}

#define XEN_MAKE_VAL(lvl, leaf)						\
	lvl##_t xen_make_##lvl(pval_t v);					\
	lvl##_t xen_make_##lvl(pval_t v)					\
	{									\
		return (__force lvl##_t)xen_make((__force u64)v, leaf);		\
	}									\
	pval_t xen_##lvl##_val(lvl##_t e);					\
	pval_t xen_##lvl##_val(lvl##_t e)					\
	{									\
		return (__force pval_t)xen_val((__force u64)e);			\
	}									\
	PVOPS_CALLEE_THUNK(xen_make_##lvl);					\
	PVOPS_CALLEE_THUNK(xen_##lvl##_val);
XEN_MAKE_VAL(pte, true)
XEN_MAKE_VAL(pmd, false)
XEN_MAKE_VAL(pud, false)
XEN_MAKE_VAL(p4d, false)

void xen_make_val_fill(struct pvops_ops *ops)
{
	ops->mmu_make_pte = PVOPS_CALLEE(xen_make_pte_callee);
	ops->mmu_pte_val = PVOPS_CALLEE(xen_pte_val_callee);
	ops->mmu_make_pmd = PVOPS_CALLEE(xen_make_pmd_callee);
	ops->mmu_pmd_val = PVOPS_CALLEE(xen_pmd_val_callee);
	ops->mmu_make_pud = PVOPS_CALLEE(xen_make_pud_callee);
	ops->mmu_pud_val = PVOPS_CALLEE(xen_pud_val_callee);
	ops->mmu_make_p4d = PVOPS_CALLEE(xen_make_p4d_callee);
	ops->mmu_p4d_val = PVOPS_CALLEE(xen_p4d_val_callee);
}

u64 xen_p2m_boot_root(void)
{
	return env->virt_to_phys((const void *)xen_start_info->pt_base) & FRAME_MASK;
}

int xen_p2m_init(const struct pvops_env *e)
{
	const struct start_info *si = xen_start_info;
	struct xen_machphys_mapping mapping;
	struct xen_machphys_mfn_list list = { .max_extents = M2P_PIECES };
	u64 pt = e->virt_to_phys((const void *)si->pt_base) >> PVOPS_PAGE_SHIFT, i;

	env = e;
	p2m = (u64 *)si->mfn_list;
	nr_pages = si->nr_pages;
	if (XEN_HC(memory_op, "XENMEM_machphys_mapping", XENMEM_machphys_mapping, &mapping, 0,
		   0, 0) < 0)
		return -PVOPS_EIO;
	max_mfn = mapping.max_mfn;
	set_xen_guest_handle(list.extent_start, m2p_piece);
	if (XEN_HC(memory_op, "XENMEM_machphys_mfn_list", XENMEM_machphys_mfn_list, &list, 0, 0,
		   0) < 0)
		return -PVOPS_EIO;
	nr_m2p_pieces = list.max_extents;	/* Xen writes back how many it filled */
	m2p_list_full = nr_m2p_pieces == M2P_PIECES;
	/* Xen's bootstrap page tables stay page tables (and pinned). */
	for (i = 0; i < si->nr_pt_frames; i++)
		p2m[pt + i] |= P2M_PT;

	shared_mfn = pvops_mfn(si->shared_info >> PVOPS_PAGE_SHIFT);
	shared_pfn = pvops_pfn(e->virt_to_phys(xen_shared_page) >> PVOPS_PAGE_SHIFT);
	if (XEN_HC(update_va_mapping, "shared_info", (uptr)xen_shared_page,
		   si->shared_info | PTE_P | PTE_W | PTE_NX, UVMF_INVLPG | UVMF_LOCAL, 0, 0) < 0)
		return -PVOPS_EIO;
	p2m[pvops_pfn_nr(shared_pfn)] = pvops_mfn_nr(shared_mfn);
	return 0;
}
