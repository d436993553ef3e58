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

/* PIT channel 2 counting down from 0xffff (mode 0), its gate on and the speaker off. */
static void pit2_start(u8 gate)
{
	pvops_io_outb(0x61, (u8)((gate & ~0x02) | 0x01));
	pvops_io_outb(0x43, 0xb0);	/* channel 2, lo/hi, mode 0 */
	pvops_io_outb(0x42, 0xff);
	pvops_io_outb(0x42, 0xff);
}

/* PIT channel 2's count, latched (it counts down at 1.193182 MHz). */
static u16 pit2_count(void)
{
	u8 lo, hi;

	pvops_io_outb(0x43, 0x80);
	lo = pvops_io_inb(0x42);
	hi = pvops_io_inb(0x42);
	return (u16)(lo | (hi << 8));
}

/*
 * The clock keeps real time, checked against an independent source: the
 * PIT's channel 2, counting down at 1.193182 MHz, read through the io ops.
 * Each round reads the PIT's count 20 ms of clock apart, each read
 * bracketed by clock reads, so a vCPU descheduled at either end widens the
 * bracket instead of skewing the result; the round with the tightest
 * brackets is judged, against a 50% bound widened by its brackets. The
 * bound catches a calibration gone wrong (a fallback frequency, wrong
 * units) and no more: on this lab's loaded hosts the PIT and the TSC have
 * been seen to disagree by up to 16% for a whole boot.
 */
static void clock_keeps_real_time(struct ktest *t)
{
	u64 best_open = ~0ULL, best_lo = 0, best_hi = 0, best_pit = 0;
	u8 gate = pvops_io_inb(0x61);
	u32 r;

	if (gate == 0xff) {
		ktest_skip(t, "no PIT of ours at port 0x61 (reads 0xff: none, or Xen keeps it for itself)");
		return;
	}
	for (r = 0; r < ROUNDS; r++) {
		u64 a0, a1, b0, b1, ticks, spins = 0;
		u16 p0, p1;

		pit2_start(gate);
		a0 = pvops_time_clock_ns();
		p0 = pit2_count();
		a1 = pvops_time_clock_ns();
		while (pvops_time_clock_ns() - a1 < 20000000ULL && ++spins < 100000000ULL)
			;
		b0 = pvops_time_clock_ns();
		p1 = pit2_count();
		b1 = pvops_time_clock_ns();
		KT_ASSERT_MSG(t, spins < 100000000ULL, "the clock did not advance 20 ms");
		if (p1 >= p0)
			continue;	/* wrapped (55 ms passed): no reading this round */
		ticks = p0 - p1;
		if ((a1 - a0) + (b1 - b0) < best_open) {
			best_open = (a1 - a0) + (b1 - b0);
			best_lo = b0 - a1;	/* clock time between the two PIT reads: at least */
			best_hi = b1 - a0;	/* ... and at most */
			best_pit = ticks * 1000000000ULL / 1193182ULL;
		}
	}
	pvops_io_outb(0x61, gate);
	KT_ASSERT_MSG(t, best_open != ~0ULL, "no round read the PIT without it wrapping");
	printk("    # clock_keeps_real_time: %llu ns of PIT = %llu..%llu ns of clock (tightest of "
	       "%u rounds)\n", best_pit, best_lo, best_hi, ROUNDS);
	KT_EXPECT_MSG(t, best_pit * 2 >= best_lo && best_pit <= best_hi * 2,
		      "%llu ns of PIT against %llu..%llu ns of clock: more than 50%% apart",
		      best_pit, best_lo, best_hi);
}

/*
 * The TSC rate the backend decided (time.tsc_khz; its source, from
 * pvops_get_tsc_rate(), printed) against an independent measurement: TSC
 * ticks over PIT channel 2's count, read through the io ops, in rounds of
 * 20 ms, each read bracketed by TSC reads. The median round must agree
 * within 0.5% (2% for Xen's own estimate, below), widened by what its
 * brackets left open (a vCPU descheduled at a read, or port I/O the
 * hypervisor emulates slowly); a round whose brackets leave more than 5%
 * open, or whose count wrapped, is taken again.
 */
static void tsc_rate_matches_pit(struct ktest *t)
{
	u64 khz = pvops_time_tsc_khz(), rate[ROUNDS], open[ROUNDS], x, bound;
	struct pvops_tsc_rate said;
	u8 gate = pvops_io_inb(0x61);
	u32 n = 0, tries = 0, i, j;

	pvops_get_tsc_rate(&said);
	KT_ASSERT(t, khz);
	if (gate == 0xff) {
		ktest_skip(t, "no PIT of ours at port 0x61 (reads 0xff: none, or Xen keeps it for itself)");
		return;
	}
	while (n < ROUNDS && tries++ < 4 * ROUNDS) {
		u64 a0, b0, a1, b1, m0, m1;
		u16 p0, p1;

		pit2_start(gate);
		a0 = rdtsc();
		p0 = pit2_count();
		b0 = rdtsc();
		ktest_delay_ns(20000000);
		a1 = rdtsc();
		p1 = pit2_count();
		b1 = rdtsc();
		/* OUT high: the count reached 0; what it counted is unknown. */
		if ((pvops_io_inb(0x61) & 0x20) || p1 >= p0 || b1 <= b0)
			continue;
		m0 = a0 + (b0 - a0) / 2;
		m1 = a1 + (b1 - a1) / 2;
		x = ((b0 - a0) + (b1 - a1)) * 1000000ULL / (m1 - m0);
		if (x > 50000)
			continue;
		for (j = n; j > 0 && rate[j - 1] > (m1 - m0) * 1193182ULL / (p0 - p1) / 1000; j--) {
			rate[j] = rate[j - 1];
			open[j] = open[j - 1];
		}
		rate[j] = (m1 - m0) * 1193182ULL / (u64)(p0 - p1) / 1000;
		open[j] = x;
		n++;
	}
	pvops_io_outb(0x61, gate);
	if (n < ROUNDS) {
		ktest_skip(t, "no PIT round read within 5% open in 20 tries");
		return;
	}
	i = ROUNDS / 2;
	x = rate[i] > khz ? rate[i] - khz : khz - rate[i];
	/*
	 * Xen's pvclock scale is Xen's own estimate of the TSC, re-derived
	 * every second against its platform timer: under TCG it has been
	 * 0.64% off the PIT for a whole boot (2314694 kHz against 2299942).
	 * That is Xen's to state; 2% there still catches a wrong unit or shift.
	 */
	bound = pvops_backend_is("xen") ? 20000 : 5000;
	printk("    # tsc_rate_matches_pit: %llu kHz from %s; the PIT says %llu kHz (median of %u, "
	       "%llu ppm open), %llu ppm apart (bound %llu ppm + open)\n", khz,
	       said.source ? said.source : "?", rate[i], ROUNDS, open[i], x * 1000000ULL / khz,
	       bound);
	KT_EXPECT_MSG(t, x * 1000000ULL / khz <= bound + open[i],
		      "TSC %llu kHz from %s, the PIT says %llu kHz: more than %llu + %llu ppm apart",
		      khz, said.source ? said.source : "?", rate[i], bound, open[i]);
}

/*
 * ABI 1.3: time.clock_stable says 0 or 1, and says 1 where the backend uses
 * a clock it knows to be stable (kvmclock with the host's stable bit).
 */
static void clock_stable_said(struct ktest *t)
{
	u32 s = pvops_time_clock_stable();

	printk("    # clock_stable_said: %u\n", s);
	KT_EXPECT(t, s <= 1);
	if (pvops_feature_in_use("kvmclock"))
		KT_EXPECT_EQ(t, s, pvops_feature_in_use("kvmclock-stable"));
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

/*
 * apic.timer_deadline (1.3): the tick comes once the TSC passed the
 * deadline (less 100 us: Xen fires its timers up to its timer_slop, 50 us,
 * early), natively in the LVT's TSC-deadline mode; 0 disarms.
 */
static void deadline_fires_after_tsc(struct ktest *t)
{
	u64 khz = pvops_time_tsc_khz(), t0, dl, at;
	int rc;

	KT_ASSERT(t, khz != 0);
	pvops_irq_disable();
	t0 = timer_ticks();
	dl = rdtsc() + khz * 3;	/* 3 ms */
	rc = pvops_apic_timer_deadline(dl, TIMER_VECTOR);
	if (rc == -PVOPS_ENOTSUP) {
		pvops_irq_enable();
		ktest_skip(t, "no TSC-deadline timer here (CPUID leaf 1 ECX bit 24 is clear)");
		return;
	}
	KT_ASSERT_MSG(t, rc == 0, "apic.timer_deadline returned %d", rc);
	if (!pvops_backend_is("xen-pv"))
		KT_EXPECT_EQ(t, (pvops_apic_read(0x320) >> 17) & 3, 2);	/* LVT timer mode */
	pvops_irq_enable();
	if (!KT_WAIT_UNTIL(t, timer_ticks() != t0, "the TSC-deadline tick (3 ms)"))
		return;
	at = timer_last_tick_tsc();
	KT_EXPECT_MSG(t, at + khz / 10 >= dl, "the tick came %lld TSC ticks before the deadline",
		      (long long)(dl - at));
	KT_EXPECT_EQ(t, pvops_apic_timer_deadline(0, TIMER_VECTOR), 0);
}

static const struct ktest_case time_cases[] = {
	KTEST_CASE(clock_stable_said),
	KTEST_CASE(clock_monotonic),
	KTEST_CASE(tsc_khz_plausible),
	KTEST_CASE(clock_matches_tsc_rate),
	KTEST_CASE(clock_keeps_real_time),
	KTEST_CASE(tsc_rate_matches_pit),
	KTEST_CASE(steal_time_non_decreasing),
	{},
};
KTEST_SUITE(time, time_cases);

static const struct ktest_case timer_cases[] = {
	KTEST_CASE(oneshot_fires_once),
	KTEST_CASE(deadline_fires_after_tsc),
	{},
};
KTEST_SUITE_SKIP(oneshot, timer_cases, ktest_needs_apic);
