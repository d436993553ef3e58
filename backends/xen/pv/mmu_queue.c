// SPDX-License-Identifier: MIT
/*
 * The Xen PV batching queue (see mmu_queue.h). Host-tested
 * (tests/host/test_xen_mcq.c): flush when full, on leaving lazy mode,
 * at once outside it and for an entry read back at once, and the report
 * of one failed entry in a batch.
 */
#include "mmu_queue.h"
#include <pvops/string.h>

static struct multicall_entry *mc_add(struct xen_mcq *q, unsigned long op, const char *what)
{
	struct multicall_entry *m = &q->mc[q->nmc];

	pvops_memset(m, 0, sizeof(*m));
	m->op = op;
	q->what[q->nmc++] = what;
	return m;
}

u32 xen_mcq_flush(struct xen_mcq *q)
{
	u32 i, nmc = q->nmc, failed = 0;

	if (!nmc)
		return 0;
	xen_mcq_issue(q->mc, nmc);
	for (i = 0; i < nmc; i++)
		if ((long)q->mc[i].result < 0) {
			xen_mcq_failed(&q->mc[i], q->what[i]);
			failed++;
		}
	q->nmc = 0;
	q->nupd = 0;
	q->next = 0;
	return failed;
}

/* Room for one more entry carrying `updates` mmu_updates (and an ext op). */
static void make_room(struct xen_mcq *q, u32 updates)
{
	if (q->nmc + 1 >= XEN_MCQ_OPS || q->nupd + updates > XEN_MCQ_UPDATES ||
	    q->next + 1 >= XEN_MCQ_OPS)
		xen_mcq_flush(q);
}

void xen_mcq_update(struct xen_mcq *q, u64 ptr, u64 val, const char *what)
{
	struct multicall_entry *m;

	make_room(q, 1);
	q->upd[q->nupd].ptr = ptr;
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

void xen_mcq_update_now(struct xen_mcq *q, u64 ptr, u64 val, const char *what)
{
	xen_mcq_update(q, ptr, val, what);
	xen_mcq_flush(q);
}

struct mmuext_op *xen_mcq_ext(struct xen_mcq *q, unsigned int cmd, const char *what)
{
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

void xen_mcq_va_mapping(struct xen_mcq *q, u64 va, u64 val, u64 flags, const char *what)
{
	struct multicall_entry *m;

	make_room(q, 0);
	m = mc_add(q, __HYPERVISOR_update_va_mapping, what);
	m->args[0] = va;
	m->args[1] = val;
	m->args[2] = flags;
}

void xen_mcq_done(struct xen_mcq *q)
{
	if (!q->lazy)
		xen_mcq_flush(q);
}

void xen_mcq_lazy_enter(struct xen_mcq *q)
{
	q->lazy = true;
}

void xen_mcq_lazy_leave(struct xen_mcq *q)
{
	xen_mcq_flush(q);
	q->lazy = false;
}
