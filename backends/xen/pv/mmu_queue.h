/* SPDX-License-Identifier: MIT */
/*
 * The Xen PV batching queue (mmu_queue.c): page-table updates, mmuext
 * ops and update_va_mapping calls gathered per vCPU and sent in one
 * hypercall: a multicall when different ops are queued, else the one
 * mmu_update (or mmuext_op) that carries them all. Pure logic: what sends
 * and what reports a failure are the backend's (mmu.c) or a host test's.
 */
#ifndef PVOPS_XEN_MMU_QUEUE_H
#define PVOPS_XEN_MMU_QUEUE_H

#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#endif
#include <stdint.h>
#include <pvops/types.h>
#include <pvops/xen-pv.h>
#include <xen/xen.h>

#define XEN_MCQ_UPDATES PVOPS_XEN_LAZY_BATCH	/* mmu_update entries per flush */
#define XEN_MCQ_OPS 32				/* queued ops per flush */

struct xen_mcq {
	struct mmu_update upd[XEN_MCQ_UPDATES];
	u32 nupd;
	struct mmuext_op ext[XEN_MCQ_OPS];
	u32 next;
	struct multicall_entry mc[XEN_MCQ_OPS];
	const char *what[XEN_MCQ_OPS];	/* each entry's name, for its failure */
	u32 nmc;
	bool lazy;			/* lazy MMU mode: hold until flushed or left */
};

/*
 * Queue one page-table entry update (ptr: its machine address with the
 * MMU_* type). A full queue is flushed first; an update next to the last
 * one extends the open mmu_update.
 */
void xen_mcq_update(struct xen_mcq *q, u64 ptr, u64 val, const char *what);
/*
 * Queue one update and send the queue at once, lazy mode or not, with
 * what was held before it: for an entry something reads back at once
 * (an upper level, which a walk reads).
 */
void xen_mcq_update_now(struct xen_mcq *q, u64 ptr, u64 val, const char *what);
/* Queue one mmuext op (zeroed but for cmd), to be filled in by the caller. */
struct mmuext_op *xen_mcq_ext(struct xen_mcq *q, unsigned int cmd, const char *what);
/* Queue update_va_mapping(va, val, flags). */
void xen_mcq_va_mapping(struct xen_mcq *q, u64 va, u64 val, u64 flags, const char *what);
/* Send what is queued; returns the number of entries that failed (each reported). */
u32 xen_mcq_flush(struct xen_mcq *q);
/* After an op: send at once unless in lazy mode. */
void xen_mcq_done(struct xen_mcq *q);
void xen_mcq_lazy_enter(struct xen_mcq *q);
/* Leaving lazy mode sends what was held. */
void xen_mcq_lazy_leave(struct xen_mcq *q);

/*
 * Provided by the user of the queue: send n entries (n == 1: that one
 * hypercall; else a multicall) and set each entry's result; report one
 * entry that failed.
 */
void xen_mcq_issue(struct multicall_entry *mc, u32 n);
void xen_mcq_failed(const struct multicall_entry *m, const char *what);

#endif
