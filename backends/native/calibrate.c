// SPDX-License-Identifier: MIT
/*
 * The TSC against the PIT, the last resort when nothing states the rate
 * (tsc_rate.c). Channel 2 counts down from 0xffff (55 ms); its count is
 * read at the start and then until the run is precise enough, each read
 * bracketed by TSC reads. What the brackets leave open, over the TSC
 * ticks between the two reads, is the precision, and it is exact: a vCPU
 * descheduled between reads (a loaded host) changes nothing, only a wider
 * bracket, which the precision then shows. The run stops as soon as the
 * brackets leave CALIBRATE_PPM open, after at least 1 ms of PIT, or near
 * the end of the countdown (where port I/O is slow, as under KVM's
 * software virtualization, the precision is then what 50 ms allow).
 * Linux's quick PIT calibration aims at 500 ppm in about 15 ms.
 */
#include "native.h"
#include "insn.h"

#define PIT_HZ 1193182ULL
#define CALIBRATE_PPM 250	/* stop once the brackets leave this little open */
#define MIN_COUNT (PIT_HZ / 1000)	/* 1 ms */
#define END_COUNT 0x1800	/* about 5 ms before the count reaches 0 */
#define ROUNDS 3		/* a round that went wrong (count wrapped) is tried again */

/* PIT channel 2's count now (latched), with the TSC read just before and after. */
static u16 pit_count(u64 *a, u64 *b)
{
	u8 lo, hi;

	*a = raw_rdtsc();
	raw_outb(0x43, 0x80);	/* latch channel 2 */
	lo = raw_inb(0x42);
	hi = raw_inb(0x42);
	*b = raw_rdtsc();
	return (u16)(lo | hi << 8);
}

/* The tightest of three (count, TSC) pairs: *tsc the bracket's middle, *width its width. */
static u16 pit_sample(u64 *tsc, u64 *width)
{
	u64 a, b;
	u16 c, best = 0;
	int i;

	*width = ~0ULL;
	for (i = 0; i < 3; i++) {
		c = pit_count(&a, &b);
		if (b - a < *width) {
			*width = b - a;
			*tsc = a + (b - a) / 2;
			best = c;
		}
	}
	return best;
}

/*
 * One run. false without a PIT (*present false), or when the count
 * wrapped or did not move as a PIT's does (the caller tries again).
 */
static bool pit_run(u64 *hz, u64 *open_ppm, bool *present)
{
	u64 t0 = 0, w0, t1 = 0, a, b, t, ppm, best = ~0ULL, spins = 0;
	u16 c0, c1 = 0, c;
	u8 gate = raw_inb(0x61);
	bool ok = false;

	*present = false;
	if (gate == 0xff)	/* nothing at port 0x61 */
		return false;
	raw_outb(0x61, (u8)((gate & ~0x02) | 0x01));	/* gate on, speaker off */
	raw_outb(0x43, 0xb0);	/* channel 2, lo/hi byte, mode 0 */
	raw_outb(0x42, 0xff);
	raw_outb(0x42, 0xff);
	c0 = pit_sample(&t0, &w0);
	for (;;) {
		c = pit_count(&a, &b);
		if (c == c0) {	/* a count that never moves is no PIT: give up, not hang */
			if (++spins > 1000000 || b - t0 > 20000000000ULL)
				goto out;
			continue;
		}
		*present = true;
		if (c > c0 || b <= t0)
			goto out;	/* wrapped, or a TSC that went back */
		if ((u64)(c0 - c) < MIN_COUNT)
			continue;
		/* The read that leaves least open so far; stop when it is enough. */
		t = a + (b - a) / 2;
		if (t <= t0)
			goto out;
		ppm = (w0 + (b - a)) * 1000000ULL / (t - t0);
		if (ppm < best) {
			best = ppm;
			c1 = c;
			t1 = t;
		}
		if (best <= CALIBRATE_PPM || c < END_COUNT)
			break;
	}
	/* OUT high: the count reached 0; what it counted is unknown. */
	if (raw_inb(0x61) & 0x20 || !t1)
		goto out;
	*hz = (t1 - t0) * PIT_HZ / (u64)(c0 - c1);
	*open_ppm = best;
	ok = true;
out:
	raw_outb(0x61, gate);
	return ok;
}

/*
 * The TSC's rate in Hz against the PIT, 0 without one; *ppm what the
 * measurement leaves open, *cycles what it took (TSC ticks).
 */
u64 native_calibrate_pit(u64 *ppm, u64 *cycles)
{
	u64 hz = 0, start = raw_rdtsc();
	bool present = true;
	int i;

	for (i = 0; i < ROUNDS && present; i++)
		if (pit_run(&hz, ppm, &present))
			break;
		else
			hz = 0;
	*cycles = raw_rdtsc() - start;
	return hz;
}
