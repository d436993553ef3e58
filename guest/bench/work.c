// SPDX-License-Identifier: MIT
/*
 * pvbench, workloads: cycles per unit of work, and hypercalls per unit
 * where the backend counts them.
 *	pt_churn	map, touch and unmap pages (a TLB flush per unmap), one
 *			page at a time, and batched inside lazy MMU mode
 *	timer_storm	one-shot timer interrupts back to back: arm, take, EOI
 *	clock_loop	consecutive clock reads
 * Each workload checks its own outcome: every page held what was written
 * and is gone after the unmap, every interrupt arrived, the clock never
 * went back.
 */
#include "bench.h"

#define CHURN_VA (SCRATCH_BASE + 0x80000000ULL)	/* a 2 MiB region nothing else uses */
#define CHURN_MAX 256
#define MAGIC 0x5042454e43480000ULL		/* "PBENCH" */

static u64 *churn_pages[CHURN_MAX];

static void work_line(const char *name, const char *mode, u64 units, u64 cycles, s64 h0, s64 h1,
		      const char *extra)
{
	u64 centi = units ? cycles * 100 / units : 0;

	if (h0 >= 0 && h1 >= h0) {
		u64 hc = (u64)(h1 - h0) * 100 / (units ? units : 1);

		bench_line("work name=%s mode=%s units=%llu cycles=%llu.%02llu hypercalls=%llu.%02llu%s",
			   name, mode, units, centi / 100, centi % 100, hc / 100, hc % 100, extra);
	} else {
		bench_line("work name=%s mode=%s units=%llu cycles=%llu.%02llu%s", name, mode, units,
			   centi / 100, centi % 100, extra);
	}
}

static u64 churn_va(u32 i)
{
	return CHURN_VA + (u64)(i + 1) * PVOPS_PAGE_SIZE;	/* page 0: the anchor */
}

/* Write through the new mapping; read back through it and through the direct map. */
static bool touch_one(u32 i, u64 salt)
{
	volatile u64 *p = (volatile u64 *)(uptr)churn_va(i);
	u64 v = MAGIC ^ salt ^ i;

	*p = v;
	return *p == v && ((volatile u64 *)churn_pages[i])[0] == v;
}

static u32 touch(u32 n, u64 salt)
{
	u32 i, bad = 0;

	for (i = 0; i < n; i++)
		bad += !touch_one(i, salt);
	return bad;
}

static u32 still_mapped(u32 n)
{
	u32 i, lv, left = 0;

	for (i = 0; i < n; i++)
		left += lookup_pval(churn_va(i), &lv) != 0;
	return left;
}

static void pt_churn(struct ktest *t)
{
	u32 i, n = bench_full() ? CHURN_MAX : 32, bad = 0;
	u64 c0, c1, *anchor = alloc_page();
	s64 h0, h1;

	KT_ASSERT(t, anchor);
	for (i = 0; i < n; i++) {
		churn_pages[i] = alloc_page();
		KT_ASSERT(t, churn_pages[i]);
	}
	/*
	 * The anchor keeps the PTE page in place, so that both modes churn
	 * leaf entries only (a PTE page made inside lazy mode would not be
	 * visible to the next map's walk until the batch is applied).
	 */
	KT_ASSERT(t, !map_page(CHURN_VA, virt_to_phys(anchor), PROT_W));

	/* One page at a time: map, touch, unmap. */
	h0 = bench_hypercalls();
	c0 = bench_cycles_start();
	for (i = 0; i < n; i++) {
		map_page(churn_va(i), virt_to_phys(churn_pages[i]), PROT_W);
		bad += !touch_one(i, 1);
		unmap_page(churn_va(i));
	}
	c1 = bench_cycles_stop();
	h1 = bench_hypercalls();
	KT_EXPECT_EQ(t, bad, 0);
	KT_EXPECT_EQ(t, still_mapped(n), 0);
	work_line("pt_churn", "eager", n, c1 - c0, h0, h1, " unit=page");

	/* Batched: map all in lazy mode, touch all, unmap all in lazy mode. */
	h0 = bench_hypercalls();
	c0 = bench_cycles_start();
	pvops_mmu_lazy_enter();
	for (i = 0; i < n; i++)
		map_page(churn_va(i), virt_to_phys(churn_pages[i]), PROT_W);
	pvops_mmu_lazy_leave();
	bad = touch(n, 0x77);
	pvops_mmu_lazy_enter();
	for (i = 0; i < n; i++)
		unmap_page(churn_va(i));
	pvops_mmu_lazy_leave();
	c1 = bench_cycles_stop();
	h1 = bench_hypercalls();
	KT_EXPECT_EQ(t, bad, 0);
	KT_EXPECT_EQ(t, still_mapped(n), 0);
	work_line("pt_churn", "lazy", n, c1 - c0, h0, h1, " unit=page");

	unmap_page(CHURN_VA);
	for (i = 0; i < n; i++)
		free_page(churn_pages[i]);
	free_page(anchor);
}

static void timer_storm(struct ktest *t)
{
	u32 i, n = bench_full() ? 500 : 20, arm_failed = 0;
	u64 ticks0, c0, c1, w0 = 0, s0 = 0, w1 = 0, s1 = 0;
	bool counted;
	s64 h0, h1;
	char extra[64] = "";

	if (ktest_needs_apic()) {
		ktest_skip(t, ktest_needs_apic());
		return;
	}
	pvops_irq_disable();
	counted = ktest_eoi_counts(&w0, &s0);
	h0 = bench_hypercalls();
	ticks0 = timer_ticks();
	c0 = bench_cycles_start();
	for (i = 0; i < n; i++) {
		u64 want = ticks0 + i + 1;

		arm_failed += pvops_time_timer_oneshot(1000, TIMER_VECTOR) != 0;
		pvops_irq_enable();
		/* A tick that never comes fails the count below, after the deadline. */
		ktest_wait_until(timer_ticks() >= want, KTEST_DEADLINE_NS);
		pvops_irq_disable();
	}
	c1 = bench_cycles_stop();
	h1 = bench_hypercalls();
	KT_EXPECT_EQ(t, arm_failed, 0);
	KT_EXPECT_EQ(t, timer_ticks() - ticks0, n);
	if (counted && ktest_eoi_counts(&w1, &s1)) {
		u64 wc = (w1 - w0) * 100 / n, sc = (s1 - s0) * 100 / n;

		pvops_snprintf(extra, sizeof(extra), " eoi_written=%llu.%02llu eoi_skipped=%llu.%02llu",
			       wc / 100, wc % 100, sc / 100, sc % 100);
	}
	work_line("timer_storm", "oneshot-1us", n, c1 - c0, h0, h1, extra);
}

static void clock_loop(struct ktest *t)
{
	u32 i, n = bench_full() ? 100000 : 2000, back = 0;
	u64 c0, c1, prev, now;
	s64 h0, h1;

	h0 = bench_hypercalls();
	prev = pvops_time_clock_ns();
	c0 = bench_cycles_start();
	for (i = 0; i < n; i++) {
		now = pvops_time_clock_ns();
		back += now < prev;
		prev = now;
	}
	c1 = bench_cycles_stop();
	h1 = bench_hypercalls();
	KT_EXPECT_EQ(t, back, 0);
	work_line("clock_loop", "reads", n, c1 - c0, h0, h1, " unit=read");
}

static const struct ktest_case bench_work_cases[] = {
	KTEST_CASE(pt_churn),
	KTEST_CASE(timer_storm),
	KTEST_CASE(clock_loop),
	{}
};
KTEST_SUITE(pvbench_work, bench_work_cases);
