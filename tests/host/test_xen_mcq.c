// SPDX-License-Identifier: MIT
/*
 * The Xen PV batching queue (backends/xen/pv/mmu_queue.c), with the
 * hypercalls replaced by a recorder: what is sent when (at once outside
 * lazy mode, held inside it until left, sent when full, sent at once for
 * an entry read back), how updates share one mmu_update, and the report
 * of the one entry that failed in a batch.
 */
#include "tap.h"
#include "../../backends/xen/pv/mmu_queue.h"

/* What xen_mcq_issue was given, call by call. */
#define MAX_ISSUES 8
static struct {
	u32 n;
	unsigned long op[XEN_MCQ_OPS];
	u64 count[XEN_MCQ_OPS];	/* args[1]: updates or ops the entry carries */
	u64 first_ptr;		/* the first mmu_update entry's ptr, when the first is one */
} issued[MAX_ISSUES];
static u32 nissues;
static long fail_entry = -1, fail_rc;	/* entry of the next issue to fail */
static const char *failed_what[XEN_MCQ_OPS];
static u32 nfailed;

void xen_mcq_issue(struct multicall_entry *mc, u32 n)
{
	u32 i;

	if (nissues < MAX_ISSUES) {
		issued[nissues].n = n;
		for (i = 0; i < n; i++) {
			issued[nissues].op[i] = mc[i].op;
			issued[nissues].count[i] = mc[i].args[1];
		}
		if (mc[0].op == __HYPERVISOR_mmu_update)
			issued[nissues].first_ptr = ((struct mmu_update *)(uptr)mc[0].args[0])->ptr;
	}
	nissues++;
	for (i = 0; i < n; i++)
		mc[i].result = (long)i == fail_entry ? (unsigned long)fail_rc : 0;
	fail_entry = -1;
}

void xen_mcq_failed(const struct multicall_entry *m, const char *what)
{
	(void)m;
	failed_what[nfailed++] = what;
}

static struct xen_mcq q;

static void reset(void)
{
	memset(&q, 0, sizeof(q));
	memset(issued, 0, sizeof(issued));
	nissues = nfailed = 0;
}

int main(void)
{
	u32 i, failed;

	reset();
	xen_mcq_update(&q, 0x1000, 1, "set_pte");
	xen_mcq_done(&q);
	OK(nissues == 1 && issued[0].n == 1 && issued[0].op[0] == __HYPERVISOR_mmu_update &&
	   issued[0].count[0] == 1 && issued[0].first_ptr == 0x1000,
	   "outside lazy mode an update is sent at once, alone");
	xen_mcq_done(&q);
	OK(nissues == 1, "an empty queue sends nothing");

	reset();
	xen_mcq_lazy_enter(&q);
	xen_mcq_update(&q, 0x1000, 1, "a");
	xen_mcq_done(&q);
	xen_mcq_update(&q, 0x1008, 2, "b");
	xen_mcq_done(&q);
	xen_mcq_update(&q, 0x1010, 3, "c");
	xen_mcq_ext(&q, MMUEXT_TLB_FLUSH_LOCAL, "flush");
	xen_mcq_done(&q);
	OK(nissues == 0, "lazy mode holds updates and TLB flushes");
	xen_mcq_lazy_leave(&q);
	OK(nissues == 1 && issued[0].n == 2 && issued[0].op[0] == __HYPERVISOR_mmu_update &&
	   issued[0].count[0] == 3 && issued[0].op[1] == __HYPERVISOR_mmuext_op,
	   "leaving lazy mode sends them in one multicall: one mmu_update of 3, one mmuext_op");
	xen_mcq_update(&q, 0x2000, 4, "after");
	xen_mcq_done(&q);
	OK(nissues == 2, "after leaving, updates go at once again");

	reset();
	xen_mcq_lazy_enter(&q);
	xen_mcq_update(&q, 0x1000, 1, "a");
	xen_mcq_ext(&q, MMUEXT_INVLPG_LOCAL, "b");
	xen_mcq_update(&q, 0x1008, 2, "c");
	xen_mcq_va_mapping(&q, 0xffff800000000000ULL, 5, 2, "d");
	xen_mcq_lazy_leave(&q);
	OK(nissues == 1 && issued[0].n == 4 && issued[0].op[2] == __HYPERVISOR_mmu_update &&
	   issued[0].op[3] == __HYPERVISOR_update_va_mapping,
	   "an update after another op opens a new mmu_update: order kept");

	reset();
	xen_mcq_lazy_enter(&q);
	xen_mcq_update(&q, 0x1000, 1, "leaf");
	xen_mcq_update(&q, 0x1008, 1, "leaf");
	xen_mcq_update_now(&q, 0x3000, 7, "set_pmd");
	OK(nissues == 1 && issued[0].n == 1 && issued[0].count[0] == 3 &&
	   issued[0].first_ptr == 0x1000,
	   "an entry read back at once is sent in lazy mode, after the updates held before it");

	reset();
	xen_mcq_lazy_enter(&q);
	for (i = 0; i < XEN_MCQ_UPDATES; i++)
		xen_mcq_update(&q, 0x1000 + 8 * (u64)i, i, "fill");
	OK(nissues == 0, "a full queue (%u updates) is held", XEN_MCQ_UPDATES);
	xen_mcq_update(&q, 0x9000, 1, "one more");
	OK(nissues == 1 && issued[0].n == 1 && issued[0].count[0] == XEN_MCQ_UPDATES,
	   "one more update sends the full batch first (%u entries in one mmu_update)",
	   XEN_MCQ_UPDATES);
	xen_mcq_lazy_leave(&q);
	OK(nissues == 2 && issued[1].count[0] == 1 && issued[1].first_ptr == 0x9000,
	   "... and the one more goes when lazy mode is left");

	reset();
	xen_mcq_lazy_enter(&q);
	for (i = 0; i < 40; i++)
		xen_mcq_ext(&q, MMUEXT_INVLPG_LOCAL, "many");
	OK(nissues == 1 && issued[0].n == XEN_MCQ_OPS - 1,
	   "ops beyond the multicall's room send the batch first (%u of 40)", issued[0].n);
	xen_mcq_lazy_leave(&q);
	OK(nissues == 2 && issued[0].n + issued[1].n == 40, "no op lost across the batches");

	reset();
	xen_mcq_lazy_enter(&q);
	xen_mcq_update(&q, 0x1000, 1, "first");
	xen_mcq_ext(&q, MMUEXT_PIN_L1_TABLE, "alloc_pt: pin");
	xen_mcq_ext(&q, MMUEXT_TLB_FLUSH_LOCAL, "third");
	fail_entry = 1;
	fail_rc = -22;
	xen_mcq_lazy_leave(&q);
	OK(nfailed == 1 && !strcmp(failed_what[0], "alloc_pt: pin"),
	   "one failed entry of a batch is reported, by its own name (%s)",
	   nfailed ? failed_what[0] : "none");
	xen_mcq_update(&q, 0x1000, 1, "again");
	fail_entry = 0;
	fail_rc = -1;
	failed = xen_mcq_flush(&q);
	OK(failed == 1 && q.nmc == 0 && q.nupd == 0, "flush says how many failed and empties the queue");
	return tap_done();
}
