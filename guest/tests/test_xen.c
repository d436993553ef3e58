// SPDX-License-Identifier: MIT
/*
 * What only the Xen backend promises. Both flavours: hypercalls through
 * the page Xen filled, Xen's errors passed back, the wall clock. PV:
 * masking interrupts costs no hypercall, lazy MMU mode batches page-table
 * updates (counted by the backend), leaving it flushes, an update Xen
 * refuses is reported, the timer arrives as an event; with a second
 * vCPU, a flush on it is one mmuext_op and an IPI to it is an event.
 * HVM/PVH: an event channel raises the callback vector.
 */
#include "../ktest/ktest.h"
#include <pvops/xen-pv.h>
#include <stdint.h>
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/version.h>

#define PTE_P (1ULL << 0)
#define PTE_W (1ULL << 1)
#define LAZY_PAGES 400	/* all in one page of PTEs */
#define X86_EFLAGS_IF 0x200

/* The Xen backends' counters (<pvops/introspect.h>), in one snapshot. */
struct xen_counts {
	u64 hypercalls, failures, mmu_update_calls, mmu_updates, multicalls, events, upcalls;
	u32 lazy_batch;
	bool pv;
};

static struct xen_counts stats(void)
{
	return (struct xen_counts){
		.hypercalls = ktest_counter("hypercalls"),
		.failures = ktest_counter("hypercall_failures"),
		.mmu_update_calls = ktest_counter("mmu_update_calls"),
		.mmu_updates = ktest_counter("mmu_updates"),
		.multicalls = ktest_counter("multicalls"),
		.events = ktest_counter("events"),
		.upcalls = ktest_counter("upcalls"),
		.lazy_batch = PVOPS_XEN_LAZY_BATCH,
		.pv = pvops_backend_is("xen-pv"),
	};
}

static bool skip_unless_pv(struct ktest *t)
{
	if (stats().pv)
		return false;
	ktest_skip(t, "a Xen PV case; this is an HVM/PVH guest");
	return true;
}

static bool skip_unless_hvm(struct ktest *t)
{
	if (!stats().pv)
		return false;
	ktest_skip(t, "an HVM/PVH case; this is a PV guest");
	return true;
}

/* Through the hypercall page: Xen's version, and Xen's error for a call it lacks. */
static void hypercalls_through_the_page(struct ktest *t)
{
	u64 n0 = stats().hypercalls, f0 = stats().failures;
	long v = pvops_xen_hypercall(__HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, 0);
	long bad = pvops_xen_hypercall(__HYPERVISOR_arch_7, 0, 0, 0, 0, 0);

	printk("    # hypercalls_through_the_page: Xen %ld.%ld; hypercall %u: %ld (%s)\n",
	       v >> 16, v & 0xffff, __HYPERVISOR_arch_7, bad, pvops_xen_strerror(bad));
	KT_EXPECT_MSG(t, (v >> 16) >= 4, "version %#lx", v);
	KT_EXPECT_EQ(t, bad, -38);	/* ENOSYS */
	KT_EXPECT_EQ(t, stats().hypercalls, n0 + 2);
	KT_EXPECT_EQ(t, stats().failures, f0 + 1);
}

/*
 * An inter-domain-free event: an IPI channel bound to this vCPU, sent
 * with interrupts off, arrives through the callback vector once they are
 * on, and Xen's pending bit is taken.
 */
static void callback_vector_delivers_event(struct ktest *t)
{
	struct evtchn_bind_ipi bind = { .vcpu = 0 };
	struct evtchn_send send;
	struct evtchn_unmask unmask;
	struct evtchn_close close;
	struct evtchn_status st;
	u64 u0;
	long rc;

	if (skip_unless_hvm(t))
		return;
	rc = pvops_xen_hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_ipi,
				 (u64)(uptr)&bind, 0, 0, 0);
	KT_EXPECT_MSG(t, !rc, "EVTCHNOP_bind_ipi: %ld (%s)", rc, pvops_xen_strerror(rc));
	if (rc)
		return;
	unmask.port = bind.port;
	KT_ASSERT(t, !pvops_xen_hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_unmask,
					  (u64)(uptr)&unmask, 0, 0, 0));
	pvops_irq_disable();
	u0 = stats().upcalls;
	send.port = bind.port;
	KT_EXPECT(t, !pvops_xen_hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_send,
					  (u64)(uptr)&send, 0, 0, 0));
	KT_EXPECT_EQ(t, stats().upcalls, u0);	/* held while interrupts are off */
	pvops_irq_enable();
	KT_WAIT_UNTIL(t, stats().upcalls != u0, "the upcall for the pending event");
	pvops_irq_disable();
	KT_EXPECT_EQ(t, stats().upcalls, u0 + 1);
	st.dom = DOMID_SELF;
	st.port = bind.port;
	KT_EXPECT(t, !pvops_xen_hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_status,
					  (u64)(uptr)&st, 0, 0, 0));
	KT_EXPECT_EQ(t, st.status, EVTCHNSTAT_ipi);
	close.port = bind.port;
	KT_EXPECT(t, !pvops_xen_hypercall(__HYPERVISOR_event_channel_op, EVTCHNOP_close,
					  (u64)(uptr)&close, 0, 0, 0));
}

static void irq_masking_makes_no_hypercall(struct ktest *t)
{
	u64 before = stats().hypercalls, f;
	u32 i;

	if (skip_unless_pv(t))
		return;

	f = pvops_irq_save_fl();
	for (i = 0; i < 1000; i++) {
		pvops_irq_disable();
		KT_EXPECT(t, !(pvops_irq_save_fl() & X86_EFLAGS_IF));
		pvops_irq_enable();
		pvops_irq_restore_fl(0);
		pvops_irq_restore_fl(X86_EFLAGS_IF);
	}
	pvops_irq_restore_fl(f);
	KT_EXPECT_EQ(t, stats().hypercalls, before);
}

/*
 * LAZY_PAGES leaf updates in lazy mode: nothing is sent until the mode
 * ends (the entries are not even visible yet), then ceil(N/B) hypercalls
 * carry them all.
 */
static void lazy_mode_batches_updates(struct ktest *t)
{
	const u64 base = SCRATCH_BASE + 0x80000000ULL;
	struct xen_counts s0, s1, s2;
	void *page;
	u64 pa, i, batch;

	if (skip_unless_pv(t))
		return;
	page = alloc_page();
	KT_ASSERT(t, page);
	pa = virt_to_phys(page);
	*(volatile u64 *)page = 0x5eed;
	KT_ASSERT(t, !map_page(base, pa, PROT_W));	/* the tables exist from here */
	s0 = stats();
	batch = s0.lazy_batch;
	KT_EXPECT_MSG(t, batch >= 256, "batch %llu", batch);
	pvops_mmu_lazy_enter();
	for (i = 1; i <= LAZY_PAGES; i++)
		KT_ASSERT(t, !map_page(base + i * PVOPS_PAGE_SIZE, pa, PROT_W));
	s1 = stats();
	/* Queued, not written: the last entry still reads empty. */
	KT_EXPECT_EQ(t, lookup_pval(base + LAZY_PAGES * PVOPS_PAGE_SIZE, NULL), 0);
	pvops_mmu_lazy_leave();
	s2 = stats();
	KT_EXPECT_EQ(t, s1.hypercalls - s0.hypercalls, (LAZY_PAGES - 1) / batch);
	KT_EXPECT_EQ(t, s2.hypercalls - s0.hypercalls, (LAZY_PAGES + batch - 1) / batch);
	KT_EXPECT_EQ(t, s2.mmu_updates - s0.mmu_updates, LAZY_PAGES);
	printk("    # lazy_mode_batches_updates: %u updates, %llu hypercall(s), batch %llu\n",
	       LAZY_PAGES, s2.hypercalls - s0.hypercalls, batch);
	for (i = 0; i <= LAZY_PAGES; i++)
		KT_EXPECT_EQ(t, *(volatile u64 *)(uptr)(base + i * PVOPS_PAGE_SIZE), 0x5eed);
	for (i = 0; i <= LAZY_PAGES; i++)
		KT_EXPECT(t, !unmap_page(base + i * PVOPS_PAGE_SIZE));
	free_page(page);
}

/* A writable mapping of a page table: Xen refuses it, the backend says so. */
static void refused_update_is_reported(struct ktest *t)
{
	const u64 va = SCRATCH_BASE + 0x80000000ULL;
	void *page;
	u64 failures, pa;
	pte_t *slot, bad;

	if (skip_unless_pv(t))
		return;
	page = alloc_page();
	KT_ASSERT(t, page);
	pa = virt_to_phys(page);
	KT_ASSERT(t, !map_page(va, pa, PROT_W));
	slot = pte_slot(va);
	KT_ASSERT(t, slot);
	failures = stats().failures;
	bad = (__force pte_t)((__force u64)pvops_mmu_make_pte(
				      pvops_pval(pvops_pfn(mm_root() >> PVOPS_PAGE_SHIFT), PTE_P)) |
			      PTE_W);
	printk("    # refused_update_is_reported: the next xen: line is expected\n");
	pvops_mmu_set_pte(slot, bad);
	KT_EXPECT_EQ(t, stats().failures, failures + 1);
	/* The entry kept its old value. */
	KT_EXPECT_EQ(t, pvops_pfn_nr(pvops_pval_pfn((__force pval_t)lookup_pval(va, NULL))),
		     pa >> PVOPS_PAGE_SHIFT);
	KT_EXPECT(t, !unmap_page(va));
	free_page(page);
}

static void timer_arrives_as_event(struct ktest *t)
{
	u64 e0 = stats().events, t0 = timer_ticks();

	if (skip_unless_pv(t))
		return;

	pvops_irq_disable();
	KT_ASSERT(t, !pvops_time_timer_oneshot(1000000, TIMER_VECTOR));
	ktest_halt_until_tick(t0, 2000000000ULL);
	KT_EXPECT_EQ(t, timer_ticks(), t0 + 1);
	KT_EXPECT(t, stats().events > e0);
}

/* shared_info's wall clock: after this code was written, and it advances. */
static void note_cpu(void *arg)
{
	*(volatile u32 *)arg = this_cpu()->id;
}

/*
 * Another vCPU: flush_tlb_multi is one mmuext_op (MMUEXT_INVLPG_MULTI,
 * MMUEXT_TLB_FLUSH_MULTI) with nothing left to the kernel's shootdown,
 * and a call there arrives through an IPI event channel bound to it.
 */
static void cross_vcpu_ops_are_mmuext_and_events(struct ktest *t)
{
	struct pvops_cpu_set set;
	struct xen_counts s0, s1;
	struct cpu *other = smp_other_cpu();
	volatile u32 ran_on = ~0U;

	if (skip_unless_pv(t))
		return;
	if (!other) {
		ktest_skip(t, KTEST_NEEDS_SECOND_CPU);
		return;
	}
	smp_others(&set);
	ktest_shootdowns = 0;
	s0 = stats();
	pvops_mmu_flush_tlb_multi(&set, SCRATCH_BASE, ktest_counted_shootdown);
	pvops_mmu_flush_tlb_multi(&set, PVOPS_FLUSH_ALL, ktest_counted_shootdown);
	s1 = stats();
	KT_EXPECT_EQ(t, s1.hypercalls, s0.hypercalls + 2);
	KT_EXPECT_EQ(t, s1.failures, s0.failures);
	KT_EXPECT_EQ(t, ktest_shootdowns, 0);

	s0 = stats();
	KT_ASSERT(t, !smp_call(other->index, note_cpu, (void *)&ran_on));
	s1 = stats();
	KT_EXPECT_EQ(t, ran_on, other->id);
	KT_EXPECT(t, s1.events > s0.events);
}

static void wallclock_from_shared_info(struct ktest *t)
{
	u64 s0, s1;
	u32 n0, n1;

	KT_ASSERT(t, !pvops_xen_wallclock(&s0, &n0));
	ktest_delay_ns(2000000);
	KT_ASSERT(t, !pvops_xen_wallclock(&s1, &n1));
	printk("    # wallclock_from_shared_info: %llu.%09u s since the epoch\n", s0, n0);
	KT_EXPECT_MSG(t, s0 > 1763000000ULL, "wall clock %llu s", s0);	/* Nov 2025 */
	KT_EXPECT(t, n0 < 1000000000U && n1 < 1000000000U);
	KT_EXPECT(t, s1 * 1000000000ULL + n1 >= s0 * 1000000000ULL + n0 + 2000000);
}

/*
 * PV: port I/O never faults (IOPL 1 in every PV domain). The hardware
 * domain has the legacy devices; a domU (it writes its console into the
 * ring) has none (PVOPS_CAP_NO_LEGACY_IO): every io op on a legacy port
 * completes, reads are all-ones and writes go nowhere (spec/ABI.md 8).
 */
static void domu_port_io_is_inert(struct ktest *t)
{
	bool domu = pvops_feature_in_use("console-ring");
	u8 in[4] = { 0 }, out[4] = { 0x11, 0x22, 0x33, 0x44 };

	if (skip_unless_pv(t))
		return;
	if (!domu) {
		KT_EXPECT_MSG(t, !(pvops_backend_caps() & PVOPS_CAP_NO_LEGACY_IO),
			      "the hardware domain has the legacy devices");
		ktest_skip(t, "the hardware domain: its ports reach the devices");
		return;
	}
	KT_EXPECT_MSG(t, pvops_backend_caps() & PVOPS_CAP_NO_LEGACY_IO,
		      "a domU must say it has no legacy devices");
	pvops_io_outb(0x21, 0xfb);		/* the PIC's mask */
	KT_EXPECT_EQ(t, pvops_io_inb(0x21), 0xff);
	pvops_io_outw(0x3f8, 0x4141);		/* a 16550's data port */
	KT_EXPECT_EQ(t, pvops_io_inw(0x3f8), 0xffff);
	pvops_io_outl(0xcf8, 0x80000000U);	/* PCI configuration, bus 0 device 0 */
	KT_EXPECT_EQ(t, pvops_io_inl(0xcfc), 0xffffffffU);
	pvops_io_ins(0x3fd, in, 4, 1);		/* the 16550's line status */
	KT_EXPECT(t, in[0] == 0xff && in[1] == 0xff && in[2] == 0xff && in[3] == 0xff);
	pvops_io_outs(0x80, out, 4, 1);
	pvops_cpu_io_delay();
}

static const struct ktest_case xen_cases[] = {
	KTEST_CASE(hypercalls_through_the_page),
	KTEST_CASE(callback_vector_delivers_event),
	KTEST_CASE(irq_masking_makes_no_hypercall),
	KTEST_CASE(lazy_mode_batches_updates),
	KTEST_CASE(refused_update_is_reported),
	KTEST_CASE(timer_arrives_as_event),
	KTEST_CASE(cross_vcpu_ops_are_mmuext_and_events),
	KTEST_CASE(wallclock_from_shared_info),
	KTEST_CASE(domu_port_io_is_inert),
	{},
};
KTEST_SUITE_BACKEND(xen, xen_cases, "xen");
