// SPDX-License-Identifier: MIT
/* time ops: clock, TSC rate, steal time, one-shot timer. */
#include "../ktest/ktest.h"

static void clock_monotonic(struct ktest *t)
{
	u64 prev = pvops_time_clock_ns(), bad = 0, i;

	for (i = 0; i < 20000; i++) {
		u64 now = pvops_time_clock_ns();

		if (now < prev)
			bad++;
		prev = now;
	}
	KT_EXPECT_EQ(t, bad, 0);
}

static void tsc_khz_plausible(struct ktest *t)
{
	u64 khz = pvops_time_tsc_khz();

	KT_EXPECT_MSG(t, khz > 100000 && khz < 10000000, "tsc_khz %llu", khz);
}

#define ROUNDS 5

/*
 * clock_ns advances at the reported TSC rate: within 1% in the median of
 * five 20 ms rounds. Each end of a round is a bracketed (clock, TSC) pair
 * (ktest_clock_tsc): what the brackets leave open is added to the 1%,
 * so a vCPU descheduled between two reads, or a TSC read the hypervisor
 * emulates slowly, widens the bound by what it measured instead of
 * failing the round; a round whose brackets leave more than 10% open says
 * nothing and is taken again. The median keeps one odd round from
 * deciding.
 */
static void clock_matches_tsc_rate(struct ktest *t)
{
	u64 khz = pvops_time_tsc_khz(), ratio[ROUNDS], slack = 0;
	u32 n = 0, tries = 0, m;

	KT_ASSERT(t, khz);
	while (n < ROUNDS && tries++ < 4 * ROUNDS) {
		u64 c0, t0, w0, c1, t1, w1, open_ppm;

		ktest_clock_tsc(&c0, &t0, &w0);
		ktest_delay_ns(20000000);	/* the span measured over */
		ktest_clock_tsc(&c1, &t1, &w1);
		open_ppm = (w0 + w1) * 1000000ULL / (t1 - t0);
		if (open_ppm > 100000)
			continue;
		if (open_ppm > slack)
			slack = open_ppm;
		/* clock ns per TSC-derived ns, in parts per million */
		ratio[n++] = (c1 - c0) * 1000000ULL / ((t1 - t0) * 1000000ULL / khz);
	}
	if (n < ROUNDS) {
		ktest_skip(t, "no (clock, TSC) pair read within 10% of 20 ms in 20 tries");
		return;
	}
	sort_u64(ratio, ROUNDS);
	m = ROUNDS / 2;
	printk("    # clock_matches_tsc_rate: clock/TSC %llu ppm (median of %u), bound 1%% + %llu "
	       "ppm the brackets left open\n", ratio[m], ROUNDS, slack);
	KT_EXPECT_MSG(t, ratio[m] + 10000 + slack >= 1000000 && ratio[m] <= 1010000 + slack,
		      "clock/TSC rate ratio %llu ppm (bound 1%% + %llu ppm)", ratio[m], slack);
}

/*
 * The clock keeps real time, checked against an independent source: the
 * PIT's channel 2 counting down 50 ms at 1.193182 MHz, read through the io
 * ops; the median of five rounds. The bound is 50%: it catches a
 * calibration gone wrong (a fallback frequency, wrong units) and no more.
 * On this lab's hosts, loaded with other work, the PIT and the TSC have
 * been seen to disagree by up to 16% for a whole boot, under TCG and KVM
 * alike; the agreement is printed as a diagnostic, never asserted.
 */
static void clock_keeps_real_time(struct ktest *t)
{
	u64 latch = 1193182ULL / 20, spins = 0, ns[ROUNDS];
	u8 gate = pvops_io_inb(0x61);
	u32 r;

	if (gate == 0xff) {
		ktest_skip(t, "no PIT of ours at port 0x61 (reads 0xff: none, or Xen keeps it for itself)");
		return;
	}
	for (r = 0; r < ROUNDS; r++) {
		u64 c0;

		pvops_io_outb(0x61, (u8)((gate & ~0x02) | 0x01));
		pvops_io_outb(0x43, 0xb0);
		pvops_io_outb(0x42, (u8)(latch & 0xff));
		pvops_io_outb(0x42, (u8)(latch >> 8));
		c0 = pvops_time_clock_ns();
		while (!(pvops_io_inb(0x61) & 0x20) && ++spins < 100000000ULL)
			;
		ns[r] = pvops_time_clock_ns() - c0;
	}
	pvops_io_outb(0x61, gate);
	KT_ASSERT(t, spins < 100000000ULL);
	sort_u64(ns, ROUNDS);
	printk("    # clock_keeps_real_time: 50 ms of PIT = %llu ns of clock (median of %u)\n",
	       ns[ROUNDS / 2], ROUNDS);
	KT_EXPECT_MSG(t, ns[ROUNDS / 2] >= 25000000ULL && ns[ROUNDS / 2] <= 75000000ULL,
		      "50 ms of PIT took %llu ns of clock (median)", ns[ROUNDS / 2]);
}

static void steal_time_non_decreasing(struct ktest *t)
{
	u64 s0 = pvops_time_steal_ns(0), s1;

	ktest_delay_ns(5000000);
	s1 = pvops_time_steal_ns(0);
	KT_EXPECT(t, s1 >= s0);
	/* Steal time can never exceed the time that passed. */
	KT_EXPECT(t, s1 <= pvops_time_clock_ns());
}

static void oneshot_fires_once(struct ktest *t)
{
	u64 t0, c0, c1 = 0;

	pvops_irq_disable();
	t0 = timer_ticks();
	c0 = pvops_time_clock_ns();
	KT_ASSERT(t, !pvops_time_timer_oneshot(3000000, TIMER_VECTOR));	/* 3 ms */
	pvops_irq_enable();
	KT_WAIT_UNTIL(t, timer_ticks() != t0, "the one-shot tick (3 ms)");
	c1 = pvops_time_clock_ns();
	/* Ten more periods: a second tick must not come (a later one passes unseen). */
	ktest_delay_ns(30000000);
	pvops_irq_disable();
	KT_EXPECT_EQ(t, timer_ticks(), t0 + 1);
	/* Never early (lateness is the host's business, not asserted). */
	KT_EXPECT_MSG(t, c1 - c0 >= 2900000ULL, "fired after %llu ns", c1 - c0);
}

static const struct ktest_case time_cases[] = {
	KTEST_CASE(clock_monotonic),
	KTEST_CASE(tsc_khz_plausible),
	KTEST_CASE(clock_matches_tsc_rate),
	KTEST_CASE(clock_keeps_real_time),
	KTEST_CASE(steal_time_non_decreasing),
	{},
};
KTEST_SUITE(time, time_cases);

static const struct ktest_case timer_cases[] = {
	KTEST_CASE(oneshot_fires_once),
	{},
};
KTEST_SUITE_SKIP(oneshot, timer_cases, ktest_needs_apic);
