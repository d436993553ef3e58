// SPDX-License-Identifier: MIT
/*
 * PV page tables: the mmu ops. The kernel builds and changes its tables
 * through them; here they become what Xen accepts:
 *   - entries carry machine frames (p2m.c);
 *   - page-table pages are read-only: alloc_pt makes the page read-only
 *     and pins it at its level, release_pt unpins it and makes it writable
 *     again;
 *   - entries are written with mmu_update, TLB flushes and the base
 *     pointer are mmuext_ops, all through this vCPU's batching queue
 *     (mmu_queue.c): lazy MMU mode holds leaf updates and TLB flushes
 *     until it is left or flushed; upper levels, pins and the base pointer
 *     are sent at once (walks read them back).
 * The queue, the lazy mode and the current top-level table are each
 * vCPU's own.
 */
#include "pv.h"
#include "mmu_queue.h"

#define PTE_P (1ULL << 0)
#define PTE_W (1ULL << 1)
#define PTE_NX (1ULL << 63)
#define FRAME_MASK PVOPS_PVAL_FRAME_MASK

struct xen_mmu_cpu {
	struct xen_mcq q;
	u64 cur_root;
	xen_ulong_t vcpumask[(XEN_MAX_VCPUS + 63) / 64];	/* flush_tlb_multi's targets */
};
static struct xen_mmu_cpu mmu_cpus[XEN_MAX_VCPUS];
static const struct pvops_env *env;
static u64 boot_root;	/* Xen's bootstrap tables, until the kernel leaves them */

static struct xen_mmu_cpu *this_cpu(void)
{
	return &mmu_cpus[xen_this() - xen_cpus];
}

static struct xen_mcq *this_queue(void)
{
	return &this_cpu()->q;
}

/* ---- the queue's sending and reporting ----------------------------------------- */

void xen_mcq_issue(struct multicall_entry *mc, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (mc[i].op == __HYPERVISOR_mmu_update) {
			XEN_COUNT(MMU_UPDATE_CALLS);
			XEN_COUNT_ADD(MMU_UPDATES, mc[i].args[1]);
		}
	if (n == 1) {
		/* The three the queue holds (mmu_queue.c), each a direct call into the page. */
		const xen_ulong_t *a = mc[0].args;

		XEN_COUNT(HYPERCALLS);
		if (mc[0].op == __HYPERVISOR_mmu_update)
			mc[0].result = xen_hypercall_raw(__HYPERVISOR_mmu_update, a[0], a[1], a[2], a[3], 0);
		else if (mc[0].op == __HYPERVISOR_mmuext_op)
			mc[0].result = xen_hypercall_raw(__HYPERVISOR_mmuext_op, a[0], a[1], a[2], a[3], 0);
		else if (mc[0].op == __HYPERVISOR_update_va_mapping)
			mc[0].result = xen_hypercall_raw(__HYPERVISOR_update_va_mapping, a[0], a[1], a[2],
							 a[3], 0);
		else
			mc[0].result = -38;	/* ENOSYS: none other is queued */
	} else {
		long rc;

		XEN_COUNT(MULTICALLS);
		rc = XEN_HC(multicall, "mmu batch", mc, n, 0, 0, 0);
		if (rc < 0)
			for (i = 0; i < n; i++)
				mc[i].result = rc;
	}
}

void xen_mcq_failed(const struct multicall_entry *m, const char *what)
{
	XEN_COUNT(HYPERCALL_FAILURES);
	xen_report((unsigned int)m->op, what, m->result);
	if (m->op == __HYPERVISOR_mmu_update) {
		const struct mmu_update *u = (const struct mmu_update *)(uptr)m->args[0];
		u64 i;

		for (i = 0; i < m->args[1] && i < 4; i++)
			pvops_log("xen:   entry at machine %#llx := %#llx\n",
				  (u64)u[i].ptr, (u64)u[i].val);
	}
}

static void queue_update(const void *ptep, u64 val, const char *what)
{
	xen_mcq_update(this_queue(), xen_machine_addr(ptep) | MMU_NORMAL_PT_UPDATE, val, what);
}

static void queue_va_mapping(const void *va, u64 val, const char *what)
{
	xen_mcq_va_mapping(this_queue(), (uptr)va, val, UVMF_INVLPG | UVMF_LOCAL, what);
}

static void flush(void)
{
	xen_mcq_flush(this_queue());
}

static void done(void)
{
	xen_mcq_done(this_queue());
}

/* ---- the ops ------------------------------------------------------------------ */

static void xen_set_pte(pte_t *ptep, pte_t pte)
{
	queue_update(ptep, (__force u64)pte, "set_pte");
	done();
}

/* Upper levels are sent at once even in lazy mode: walks read them back. */
#define XEN_SET_UPPER(lvl)						\
	static void xen_set_##lvl(lvl##_t *p, lvl##_t e)		\
	{								\
		xen_mcq_update_now(this_queue(),			\
				   xen_machine_addr(p) | MMU_NORMAL_PT_UPDATE, \
				   (__force u64)e, "set_" #lvl);	\
	}
XEN_SET_UPPER(pmd)
XEN_SET_UPPER(pud)
XEN_SET_UPPER(p4d)

static const unsigned int pin_cmd[] = {
	[PVOPS_PT_PTE] = MMUEXT_PIN_L1_TABLE,
	[PVOPS_PT_PMD] = MMUEXT_PIN_L2_TABLE,
	[PVOPS_PT_PUD] = MMUEXT_PIN_L3_TABLE,
	[PVOPS_PT_P4D] = MMUEXT_PIN_L4_TABLE,
};

static u64 frame_mfn(pfn_t pfn)
{
	return pvops_mfn_nr(xen_p2m_lookup(pfn));
}

/* A new page-table page: read-only from now on, and pinned at its level. */
static void xen_alloc_pt(u32 level, pfn_t pfn)
{
	u64 n = pvops_pfn_nr(pfn), pa = n << PVOPS_PAGE_SHIFT;

	if (level < PVOPS_PT_PTE || level > PVOPS_PT_P4D || !xen_p2m_set_pt(n, true)) {
		pvops_log("xen: alloc_pt(level %u, pfn %#llx): not a page of this domain\n",
			  level, n);
		return;
	}
	queue_va_mapping(pvops_env_phys_to_virt(pa), xen_make(pa | PTE_P | PTE_NX, true),
			 "alloc_pt: read-only");
	xen_mcq_ext(this_queue(), pin_cmd[level], "alloc_pt: pin")->arg1.mfn = frame_mfn(pfn);
	flush();
}

static void xen_release_pt(u32 level, pfn_t pfn)
{
	u64 n = pvops_pfn_nr(pfn), pa = n << PVOPS_PAGE_SHIFT;

	(void)level;
	if (!xen_p2m_is_pt(n)) {
		pvops_log("xen: release_pt(pfn %#llx): not a page table\n", n);
		return;
	}
	xen_mcq_ext(this_queue(), MMUEXT_UNPIN_TABLE, "release_pt: unpin")->arg1.mfn =
		frame_mfn(pfn);
	xen_p2m_set_pt(n, false);
	queue_va_mapping(pvops_env_phys_to_virt(pa), xen_make(pa | PTE_P | PTE_W | PTE_NX, true),
			 "release_pt: writable");
	flush();
}

static u64 xen_read_cr3(void)
{
	return this_cpu()->cur_root;
}

static void xen_write_cr3(u64 val)
{
	struct xen_mcq *q = this_queue();

	xen_mcq_ext(q, MMUEXT_NEW_BASEPTR, "write_cr3")->arg1.mfn =
		frame_mfn(pvops_pfn(val >> PVOPS_PAGE_SHIFT));
	/*
	 * Leaving Xen's bootstrap tables for good: unpin them, or their
	 * writable mappings of the free pages after the bootstrap elements
	 * would keep those pages from ever becoming page tables.
	 */
	if (boot_root && (val & FRAME_MASK) != boot_root) {
		xen_mcq_ext(q, MMUEXT_UNPIN_TABLE, "write_cr3: unpin Xen's bootstrap tables")
			->arg1.mfn = frame_mfn(pvops_pfn(boot_root >> PVOPS_PAGE_SHIFT));
		boot_root = 0;
	}
	flush();
	this_cpu()->cur_root = val & FRAME_MASK;
}

static void xen_flush_tlb_local(void)
{
	xen_mcq_ext(this_queue(), MMUEXT_TLB_FLUSH_LOCAL, "flush_tlb_local");
	done();
}

static void xen_flush_tlb_one(u64 va)
{
	xen_mcq_ext(this_queue(), MMUEXT_INVLPG_LOCAL, "flush_tlb_one")->arg1.linear_addr = va;
	done();
}

static void xen_flush_tlb_all(void)
{
	xen_mcq_ext(this_queue(), MMUEXT_TLB_FLUSH_ALL, "flush_tlb_all");
	done();
}

/*
 * mmu.flush_tlb_multi: one mmuext_op flushes the other vCPUs' TLBs (Xen
 * flushes the physical CPUs they ran on, or when they next run); no IPI
 * and no waiting on a vCPU that is not running. Only ids that are not
 * this backend's vCPUs are left to the kernel's shootdown.
 */
static void xen_flush_tlb_multi(const struct pvops_cpu_set *cpus, u64 va,
				pvops_shootdown_fn shootdown)
{
	struct xen_mmu_cpu *mc = this_cpu();
	u32 me = (u32)(mc - mmu_cpus), c;
	struct pvops_cpu_set rest;
	struct mmuext_op *op;
	bool any = false;

	pvops_cpu_set_clear(&rest);
	pvops_memset(mc->vcpumask, 0, sizeof(mc->vcpumask));
	pvops_for_each_cpu(c, cpus) {
		if (c == me)
			continue;
		if (c >= XEN_MAX_VCPUS || !xen_cpus[c].vi) {
			pvops_cpu_set_add(&rest, c);
			continue;
		}
		mc->vcpumask[c / (8 * sizeof(xen_ulong_t))] |= 1UL << (c % (8 * sizeof(xen_ulong_t)));
		any = true;
	}
	if (!pvops_cpu_set_empty(&rest))
		shootdown(&rest, va);
	if (!any)
		return;
	op = xen_mcq_ext(&mc->q, va == PVOPS_FLUSH_ALL ? MMUEXT_TLB_FLUSH_MULTI
						       : MMUEXT_INVLPG_MULTI,
			 "flush_tlb_multi");
	if (va != PVOPS_FLUSH_ALL)
		op->arg1.linear_addr = va;
	set_xen_guest_handle(op->arg2.vcpumask, mc->vcpumask);
	xen_mcq_flush(&mc->q);	/* the other vCPUs must not use the entry after this returns */
}

u64 xen_root_mfn(void)
{
	return frame_mfn(pvops_pfn(this_cpu()->cur_root >> PVOPS_PAGE_SHIFT));
}

void xen_mmu_cpu_init(u32 cpu)
{
	if (cpu < XEN_MAX_VCPUS)
		mmu_cpus[cpu].cur_root = this_cpu()->cur_root;
}

static void xen_lazy_enter(void)
{
	xen_mcq_lazy_enter(this_queue());
}

static void xen_lazy_leave(void)
{
	xen_mcq_lazy_leave(this_queue());
}

static void xen_lazy_flush(void)
{
	flush();
}

void xen_mmu_fill(struct pvops_ops *ops)
{
	ops->mmu_read_cr3 = xen_read_cr3;
	ops->mmu_write_cr3 = xen_write_cr3;
	ops->mmu_set_pte = xen_set_pte;
	ops->mmu_set_pmd = xen_set_pmd;
	ops->mmu_set_pud = xen_set_pud;
	ops->mmu_set_p4d = xen_set_p4d;
	xen_make_val_fill(ops);
	ops->mmu_alloc_pt = xen_alloc_pt;
	ops->mmu_release_pt = xen_release_pt;
	ops->mmu_flush_tlb_local = xen_flush_tlb_local;
	ops->mmu_flush_tlb_one = xen_flush_tlb_one;
	ops->mmu_flush_tlb_all = xen_flush_tlb_all;
	ops->mmu_flush_tlb_multi = xen_flush_tlb_multi;
	ops->mmu_lazy_enter = xen_lazy_enter;
	ops->mmu_lazy_leave = xen_lazy_leave;
	ops->mmu_lazy_flush = xen_lazy_flush;
}

/* Frames and shared_info first (p2m.c); vCPU 0 starts on Xen's bootstrap tables. */
int xen_mmu_init(const struct pvops_env *e)
{
	int rc = xen_p2m_init(e);

	if (rc)
		return rc;
	env = e;
	mmu_cpus[0].cur_root = xen_p2m_boot_root();
	boot_root = mmu_cpus[0].cur_root;
	return 0;
}
