// SPDX-License-Identifier: MIT
/* time ops: clock, TSC rate, steal time, one-shot timer. */
#include "../ktest.h"

static u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

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

/* clock_ns advances at exactly the reported TSC rate (within 1%). */
static void clock_matches_tsc_rate(struct ktest *t)
{
	u64 khz = pvops_time_tsc_khz(), c0, c1, t0, t1, expect_ns, got_ns;

	KT_ASSERT(t, khz);
	c0 = pvops_time_clock_ns();
	t0 = rdtsc();
	ktest_delay_ns(20000000);
	t1 = rdtsc();
	c1 = pvops_time_clock_ns();
	expect_ns = (t1 - t0) * 1000000ULL / khz;
	got_ns = c1 - c0;
	KT_EXPECT_MSG(t, got_ns * 100 >= expect_ns * 99 && got_ns * 100 <= expect_ns * 101,
		      "clock %llu ns, TSC says %llu ns", got_ns, expect_ns);
}

/*
 * The clock agrees with an independent time source within 1%: the PIT's
 * channel 2 counting down 200 ms at 1.193182 MHz, read through the io ops.
 */
static void clock_matches_pit(struct ktest *t)
{
	u64 latch = 1193182ULL / 20, c0, c1, spins = 0;	/* 50 ms per round */
	u64 total = 0;
	u8 gate = pvops_io_inb(0x61);
	int round;

	for (round = 0; round < 4; round++) {
		pvops_io_outb(0x61, (u8)((gate & ~0x02) | 0x01));
		pvops_io_outb(0x43, 0xb0);
		pvops_io_outb(0x42, (u8)(latch & 0xff));
		pvops_io_outb(0x42, (u8)(latch >> 8));
		c0 = pvops_time_clock_ns();
		while (!(pvops_io_inb(0x61) & 0x20) && ++spins < 100000000ULL)
			;
		c1 = pvops_time_clock_ns();
		total += c1 - c0;
	}
	pvops_io_outb(0x61, gate);
	KT_ASSERT(t, spins < 100000000ULL);
	KT_EXPECT_MSG(t, total >= 198000000ULL && total <= 202000000ULL,
		      "200 ms of PIT took %llu ns of clock", total);
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
	u64 t0;

	pvops_irq_disable();
	t0 = timer_ticks();
	KT_ASSERT(t, !pvops_time_timer_oneshot(3000000, TIMER_VECTOR));	/* 3 ms */
	pvops_irq_enable();
	ktest_delay_ns(1000000);
	KT_EXPECT_EQ(t, timer_ticks(), t0);	/* not before its time */
	ktest_delay_ns(30000000);
	pvops_irq_disable();
	KT_EXPECT_EQ(t, timer_ticks(), t0 + 1);	/* exactly once */
}

static const char *needs_apic(void)
{
	return timer_ready() ? NULL : "no local APIC timer";
}

static const struct ktest_case time_cases[] = {
	KTEST_CASE(clock_monotonic),
	KTEST_CASE(tsc_khz_plausible),
	KTEST_CASE(clock_matches_tsc_rate),
	KTEST_CASE(clock_matches_pit),
	KTEST_CASE(steal_time_non_decreasing),
	{},
};
KTEST_SUITE(time, time_cases);

static const struct ktest_case timer_cases[] = {
	KTEST_CASE(oneshot_fires_once),
	{},
};
KTEST_SUITE_SKIP(oneshot, timer_cases, needs_apic);
