// SPDX-License-Identifier: MIT
/*
 * PV page tables. The kernel builds and changes its tables through the mmu
 * ops; here they become what Xen accepts:
 *   - entries carry machine frames: make_* translates pfn -> mfn through
 *     the p2m list from start_info, *_val translates back through Xen's
 *     m2p table (frames that are not the domain's RAM, such as device
 *     memory, are identity-mapped, as Linux does);
 *   - page-table pages are read-only: alloc_pt makes the page read-only
 *     and pins it at its level, release_pt unpins it and makes it writable
 *     again, and make_* drops the write bit of any entry that maps a
 *     page-table page (a flag in the p2m entry remembers which ones are);
 *   - entries are written with mmu_update, TLB flushes and the base
 *     pointer are mmuext_ops.
 * Lazy MMU mode queues leaf updates and TLB flushes; one flush sends them
 * in a single hypercall: a multicall when different ops are queued, else
 * the one mmu_update (or mmuext_op) that carries them all. The queue, the
 * lazy mode and the current top-level table are each vCPU's own.
 */
#include "xen.h"

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

#define LAZY_BATCH 512			/* mmu_update entries per flush */
#define MC_MAX 32			/* queued ops per flush */

static const struct pvops_env *env;
static u64 *p2m;
static u64 nr_pages;
static u64 max_mfn;
static mfn_t shared_mfn;
static pfn_t shared_pfn;
static u64 boot_root;	/* Xen's bootstrap tables, until the kernel leaves them */

struct mmu_queue {
	struct mmu_update upd[LAZY_BATCH];
	u32 nupd;
	struct mmuext_op ext[MC_MAX];
	u32 next;
	struct multicall_entry mc[MC_MAX];
	const char *mc_what[MC_MAX];
	u32 nmc;
	bool lazy;
	u64 cur_root;
	xen_ulong_t vcpumask[(XEN_MAX_VCPUS + 63) / 64];	/* flush_tlb_multi's targets */
};
static struct mmu_queue queues[XEN_MAX_VCPUS];

static struct mmu_queue *this_queue(void)
{
	return &queues[xen_this() - xen_cpus];
}

u64 xen_mmu_update_calls, xen_mmu_updates, xen_multicalls;
u32 xen_lazy_batch = LAZY_BATCH;

/* ---- frames --------------------------------------------------------------- */

static mfn_t p2m_lookup(pfn_t pfn)
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
	if (m > max_mfn)
		return pvops_pfn(m);
	pfn = machine_to_phys_mapping[m];
	if (pfn < nr_pages && (p2m[pfn] & P2M_MFN_MASK) == m)
		return pvops_pfn(pfn);
	return pvops_pfn(m);
}

static u64 machine_addr(const void *va)
{
	u64 pa = env->virt_to_phys(va);

	return (pvops_mfn_nr(p2m_lookup(pvops_pfn(pa >> PVOPS_PAGE_SHIFT))) << PVOPS_PAGE_SHIFT) |
	       (pa & (PVOPS_PAGE_SIZE - 1));
}

/* leaf: a pte (upper levels point at tables, which are page tables by design). */
static u64 xen_make(u64 v, bool leaf)
{
	u64 pfn = (v & FRAME_MASK) >> PVOPS_PAGE_SHIFT;

	if (!(v & PTE_P))
		return v;
	if (leaf && pfn < nr_pages && (p2m[pfn] & P2M_PT))
		v &= ~PTE_W;
	return (v & ~FRAME_MASK) |
	       (pvops_mfn_nr(p2m_lookup(pvops_pfn(pfn))) << PVOPS_PAGE_SHIFT);
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

/* ---- the queue -------------------------------------------------------------- */

static struct multicall_entry *mc_add(struct mmu_queue *q, unsigned long op, const char *what)
{
	struct multicall_entry *m = &q->mc[q->nmc];

	pvops_memset(m, 0, sizeof(*m));
	m->op = op;
	q->mc_what[q->nmc++] = what;
	return m;
}

static void report_entry(const struct multicall_entry *m, const char *what)
{
	xen_report((unsigned int)m->op, what, m->result);
	if (m->op == __HYPERVISOR_mmu_update) {
		const struct mmu_update *u = (const struct mmu_update *)(uptr)m->args[0];
		u64 i;

		for (i = 0; i < m->args[1] && i < 4; i++)
			pvops_log("xen:   entry at machine %#llx := %#llx\n",
				  (u64)u[i].ptr, (u64)u[i].val);
	}
}

/* Send everything this vCPU queued in one hypercall. */
static void flush_queue(struct mmu_queue *q)
{
	struct multicall_entry *mc = q->mc;
	u32 i, nmc = q->nmc;

	if (!nmc)
		return;
	for (i = 0; i < nmc; i++)
		if (mc[i].op == __HYPERVISOR_mmu_update) {
			__atomic_fetch_add(&xen_mmu_update_calls, 1, __ATOMIC_RELAXED);
			__atomic_fetch_add(&xen_mmu_updates, mc[i].args[1], __ATOMIC_RELAXED);
		}
	if (nmc == 1) {
		struct multicall_entry *m = &mc[0];

		__atomic_fetch_add(&xen_hypercall_count[m->op & 63], 1, __ATOMIC_RELAXED);
		m->result = xen_hypercall_raw((unsigned int)m->op, m->args[0], m->args[1],
					      m->args[2], m->args[3], 0);
	} else {
		long rc;

		__atomic_fetch_add(&xen_multicalls, 1, __ATOMIC_RELAXED);
		rc = XEN_HC(multicall, "mmu batch", mc, nmc, 0, 0, 0);
		if (rc < 0)
			for (i = 0; i < nmc; i++)
				mc[i].result = rc;
	}
	for (i = 0; i < nmc; i++)
		if ((long)mc[i].result < 0) {
			__atomic_fetch_add(&xen_hypercall_failures, 1, __ATOMIC_RELAXED);
			report_entry(&mc[i], q->mc_what[i]);
		}
	q->nmc = 0;
	q->nupd = 0;
	q->next = 0;
}

static void flush(void)
{
	flush_queue(this_queue());
}

static void make_room(struct mmu_queue *q, u32 updates)
{
	if (q->nmc + 1 >= MC_MAX || q->nupd + updates > LAZY_BATCH || q->next + 1 >= MC_MAX)
		flush_queue(q);
}

static void queue_update(const void *ptep, u64 val, const char *what)
{
	struct mmu_queue *q = this_queue();
	struct multicall_entry *m;

	make_room(q, 1);
	q->upd[q->nupd].ptr = machine_addr(ptep) | MMU_NORMAL_PT_UPDATE;
	q->upd[q->nupd].val = val;
	m = q->nmc ? &q->mc[q->nmc - 1] : NULL;
	if (m && m->op == __HYPERVISOR_mmu_update &&
	    (struct mmu_update *)(uptr)m->args[0] + m->args[1] == &q->upd[q->nupd]) {
		m->args[1]++;	/* extend the open mmu_update */
	} else {
		m = mc_add(q, __HYPERVISOR_mmu_update, what);
		m->args[0] = (uptr)&q->upd[q->nupd];
		m->args[1] = 1;
		m->args[2] = 0;
		m->args[3] = DOMID_SELF;
	}
	q->nupd++;
}

static struct mmuext_op *queue_ext(unsigned int cmd, const char *what)
{
	struct mmu_queue *q = this_queue();
	struct multicall_entry *m;
	struct mmuext_op *op;

	make_room(q, 0);
	op = &q->ext[q->next++];
	pvops_memset(op, 0, sizeof(*op));
	op->cmd = cmd;
	m = mc_add(q, __HYPERVISOR_mmuext_op, what);
	m->args[0] = (uptr)op;
	m->args[1] = 1;
	m->args[2] = 0;
	m->args[3] = DOMID_SELF;
	return op;
}

static void queue_va_mapping(const void *va, u64 val, const char *what)
{
	struct mmu_queue *q = this_queue();
	struct multicall_entry *m;

	make_room(q, 0);
	m = mc_add(q, __HYPERVISOR_update_va_mapping, what);
	m->args[0] = (uptr)va;
	m->args[1] = val;
	m->args[2] = UVMF_INVLPG | UVMF_LOCAL;
}

/* Outside lazy mode every op is sent at once. */
static void done(void)
{
	struct mmu_queue *q = this_queue();

	if (!q->lazy)
		flush_queue(q);
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
		queue_update(p, (__force u64)e, "set_" #lvl);		\
		flush();						\
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

/* A new page-table page: read-only from now on, and pinned at its level. */
static void xen_alloc_pt(u32 level, pfn_t pfn)
{
	u64 n = pvops_pfn_nr(pfn), pa = n << PVOPS_PAGE_SHIFT;
	struct mmuext_op *op;

	if (level < PVOPS_PT_PTE || level > PVOPS_PT_P4D || n >= nr_pages) {
		pvops_log("xen: alloc_pt(level %u, pfn %#llx): not a page of this domain\n",
			  level, n);
		return;
	}
	p2m[n] |= P2M_PT;
	queue_va_mapping(env->phys_to_virt(pa), xen_make(pa | PTE_P | PTE_NX, true),
			 "alloc_pt: read-only");
	op = queue_ext(pin_cmd[level], "alloc_pt: pin");
	op->arg1.mfn = pvops_mfn_nr(p2m_lookup(pfn));
	flush();
}

static void xen_release_pt(u32 level, pfn_t pfn)
{
	u64 n = pvops_pfn_nr(pfn), pa = n << PVOPS_PAGE_SHIFT;
	struct mmuext_op *op;

	(void)level;
	if (n >= nr_pages || !(p2m[n] & P2M_PT)) {
		pvops_log("xen: release_pt(pfn %#llx): not a page table\n", n);
		return;
	}
	op = queue_ext(MMUEXT_UNPIN_TABLE, "release_pt: unpin");
	op->arg1.mfn = pvops_mfn_nr(p2m_lookup(pfn));
	p2m[n] &= ~P2M_PT;
	queue_va_mapping(env->phys_to_virt(pa), xen_make(pa | PTE_P | PTE_W | PTE_NX, true),
			 "release_pt: writable");
	flush();
}

static u64 xen_read_cr3(void)
{
	return this_queue()->cur_root;
}

static void xen_write_cr3(u64 val)
{
	struct mmuext_op *op = queue_ext(MMUEXT_NEW_BASEPTR, "write_cr3");

	op->arg1.mfn = pvops_mfn_nr(p2m_lookup(pvops_pfn(val >> PVOPS_PAGE_SHIFT)));
	/*
	 * Leaving Xen's bootstrap tables for good: unpin them, or their
	 * writable mappings of the free pages after the bootstrap elements
	 * would keep those pages from ever becoming page tables.
	 */
	if (boot_root && (val & FRAME_MASK) != boot_root) {
		op = queue_ext(MMUEXT_UNPIN_TABLE, "write_cr3: unpin Xen's bootstrap tables");
		op->arg1.mfn = pvops_mfn_nr(p2m_lookup(pvops_pfn(boot_root >> PVOPS_PAGE_SHIFT)));
		boot_root = 0;
	}
	flush();
	this_queue()->cur_root = val & FRAME_MASK;
}

static void xen_flush_tlb_local(void)
{
	queue_ext(MMUEXT_TLB_FLUSH_LOCAL, "flush_tlb_local");
	done();
}

static void xen_flush_tlb_one(u64 va)
{
	queue_ext(MMUEXT_INVLPG_LOCAL, "flush_tlb_one")->arg1.linear_addr = va;
	done();
}

static void xen_flush_tlb_all(void)
{
	queue_ext(MMUEXT_TLB_FLUSH_ALL, "flush_tlb_all");
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
	struct mmu_queue *q = this_queue();
	u32 me = (u32)(q - queues), c;
	struct pvops_cpu_set rest;
	struct mmuext_op *op;
	bool any = false;

	pvops_cpu_set_clear(&rest);
	pvops_memset(q->vcpumask, 0, sizeof(q->vcpumask));
	pvops_for_each_cpu(c, cpus) {
		if (c == me)
			continue;
		if (c >= XEN_MAX_VCPUS || !xen_cpus[c].vi) {
			pvops_cpu_set_add(&rest, c);
			continue;
		}
		q->vcpumask[c / (8 * sizeof(xen_ulong_t))] |= 1UL << (c % (8 * sizeof(xen_ulong_t)));
		any = true;
	}
	if (!pvops_cpu_set_empty(&rest))
		shootdown(&rest, va);
	if (!any)
		return;
	op = queue_ext(va == PVOPS_FLUSH_ALL ? MMUEXT_TLB_FLUSH_MULTI : MMUEXT_INVLPG_MULTI,
		       "flush_tlb_multi");
	if (va != PVOPS_FLUSH_ALL)
		op->arg1.linear_addr = va;
	set_xen_guest_handle(op->arg2.vcpumask, q->vcpumask);
	flush_queue(q);	/* the other vCPUs must not use the entry after this returns */
}

u64 xen_root_mfn(void)
{
	return pvops_mfn_nr(p2m_lookup(pvops_pfn(this_queue()->cur_root >> PVOPS_PAGE_SHIFT)));
}

void xen_mmu_cpu_init(u32 cpu)
{
	if (cpu < XEN_MAX_VCPUS)
		queues[cpu].cur_root = this_queue()->cur_root;
}

static void xen_lazy_enter(void)
{
	this_queue()->lazy = true;
}

static void xen_lazy_leave(void)
{
	flush();
	this_queue()->lazy = false;
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
	ops->mmu_make_pte = PVOPS_CALLEE(xen_make_pte_callee);
	ops->mmu_pte_val = PVOPS_CALLEE(xen_pte_val_callee);
	ops->mmu_make_pmd = PVOPS_CALLEE(xen_make_pmd_callee);
	ops->mmu_pmd_val = PVOPS_CALLEE(xen_pmd_val_callee);
	ops->mmu_make_pud = PVOPS_CALLEE(xen_make_pud_callee);
	ops->mmu_pud_val = PVOPS_CALLEE(xen_pud_val_callee);
	ops->mmu_make_p4d = PVOPS_CALLEE(xen_make_p4d_callee);
	ops->mmu_p4d_val = PVOPS_CALLEE(xen_p4d_val_callee);
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

int xen_mmu_init(const struct pvops_env *e)
{
	const struct start_info *si = xen_start_info;
	struct xen_machphys_mapping mapping;
	u64 pt = e->virt_to_phys((const void *)si->pt_base) >> PVOPS_PAGE_SHIFT, i;

	env = e;
	p2m = (u64 *)si->mfn_list;
	nr_pages = si->nr_pages;
	if (XEN_HC(memory_op, "XENMEM_machphys_mapping", XENMEM_machphys_mapping, &mapping, 0,
		   0, 0) < 0)
		return -PVOPS_EIO;
	max_mfn = mapping.max_mfn;
	/* Xen's bootstrap page tables stay page tables (and pinned). */
	for (i = 0; i < si->nr_pt_frames; i++)
		p2m[pt + i] |= P2M_PT;
	queues[0].cur_root = pt << PVOPS_PAGE_SHIFT;
	boot_root = queues[0].cur_root;

	/*
	 * shared_info: map it over xen_shared_page and redirect that page's
	 * frame in the p2m, so every later mapping of the page reaches it too.
	 */
	shared_mfn = pvops_mfn(si->shared_info >> PVOPS_PAGE_SHIFT);
	shared_pfn = pvops_pfn(e->virt_to_phys(xen_shared_page) >> PVOPS_PAGE_SHIFT);
	if (XEN_HC(update_va_mapping, "shared_info", (uptr)xen_shared_page,
		   si->shared_info | PTE_P | PTE_W | PTE_NX, UVMF_INVLPG | UVMF_LOCAL, 0, 0) < 0)
		return -PVOPS_EIO;
	p2m[pvops_pfn_nr(shared_pfn)] = pvops_mfn_nr(shared_mfn);
	return 0;
}
