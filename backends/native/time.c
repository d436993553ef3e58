// SPDX-License-Identifier: MIT
/*
 * Native time: the TSC, calibrated against the PIT (channel 2's count read
 * 20 ms apart, each read bracketed by TSC reads; the median of five rounds),
 * with CPUID leaves 0x15/0x16 as fallbacks when there is no PIT.
 * clock_ns = (tsc - tsc0) * mult >> 32.
 */
#include "native.h"
#include "insn.h"

#define PIT_HZ 1193182ULL
#define PIT_CALIBRATE_MS 20	/* a round: the count read 20 ms of PIT apart */
#define PIT_ROUNDS 5		/* the median of this many ... */
#define PIT_TRIES 12		/* ... of the tightest of at most this many */
#define PIT_OPEN_PPM 1000	/* enough rounds this tight: stop */

static u64 tsc_hz;
static u64 tsc0;
static u64 mult;	/* ns per TSC tick, 32.32 fixed point */

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

/* The tightest of a few (count, TSC) pairs: *tsc the bracket's middle, *width its width. */
static u16 pit_sample(u64 *tsc, u64 *width)
{
	u64 a, b;
	u16 c = 0, best_c = 0;
	int i;

	*width = ~0ULL;
	for (i = 0; i < 5; i++) {
		c = pit_count(&a, &b);
		if (b - a < *width) {
			*width = b - a;
			*tsc = a + (b - a) / 2;
			best_c = c;
		}
	}
	return best_c;
}

/*
 * One round: channel 2 counting down from 0xffff (55 ms), its count read
 * at both ends of PIT_CALIBRATE_MS, each read bracketed by TSC reads. Only the
 * reads themselves must not be interrupted (a few microseconds; the
 * tightest of five is kept): a vCPU descheduled in between (a loaded host)
 * changes nothing, which a round timed by polling for the end of a
 * countdown cannot say (seen 20% off). *open_ppm is what the brackets leave
 * open. false without a PIT, or when the count went past 0 (descheduled
 * longer than the countdown): the caller tries again.
 */
static bool pit_round(u64 *hz, u64 *open_ppm, bool *present)
{
	u64 t0, w0, t1, w1, spins = 0, a, b;
	u16 c0, c1, c;
	u8 gate = raw_inb(0x61);

	*present = false;
	if (gate == 0xff)	/* nothing at port 0x61 */
		return false;
	raw_outb(0x61, (u8)((gate & ~0x02) | 0x01));	/* gate on, speaker off */
	raw_outb(0x43, 0xb0);	/* channel 2, lo/hi byte, mode 0 */
	raw_outb(0x42, 0xff);
	raw_outb(0x42, 0xff);
	c0 = pit_sample(&t0, &w0);
	/* PIT_CALIBRATE_MS of PIT. A count that never moves is no PIT: give up, not hang. */
	while ((c = pit_count(&a, &b)) > 0xffff - PIT_HZ * PIT_CALIBRATE_MS / 1000) {
		if ((c == c0 && ++spins > 100000) || b - t0 > 20000000000ULL) {
			raw_outb(0x61, gate);
			return false;
		}
	}
	c1 = pit_sample(&t1, &w1);
	*present = true;	/* it counted */
	/* OUT high: the count reached 0 and wrapped; the elapsed count is unknown. */
	if (raw_inb(0x61) & 0x20 || c1 >= c0 || t1 <= t0) {
		raw_outb(0x61, gate);
		return false;
	}
	raw_outb(0x61, gate);
	*hz = (t1 - t0) * PIT_HZ / (u64)(c0 - c1);
	*open_ppm = (w0 + w1) * 1000000ULL / (t1 - t0);
	return true;
}

/* The median of the five tightest rounds of at most twelve. */
static u64 calibrate_pit(void)
{
	u64 hz[PIT_TRIES], open[PIT_TRIES], x;
	u32 i, j, n = 0, tight = 0, tries = 0;
	bool present;

	while (n < PIT_TRIES && tight < PIT_ROUNDS && tries++ < 2 * PIT_TRIES) {
		if (!pit_round(&hz[n], &open[n], &present)) {
			if (!present)
				return 0;
			continue;
		}
		tight += open[n] <= PIT_OPEN_PPM;
		/* Keep the rounds sorted by how much they leave open. */
		for (j = n; j > 0 && open[j - 1] > open[j]; j--) {
			x = open[j];
			open[j] = open[j - 1];
			open[j - 1] = x;
			x = hz[j];
			hz[j] = hz[j - 1];
			hz[j - 1] = x;
		}
		n++;
	}
	if (n < PIT_ROUNDS)
		return 0;
	for (i = 1; i < PIT_ROUNDS; i++)
		for (j = i; j > 0 && hz[j - 1] > hz[j]; j--) {
			x = hz[j];
			hz[j] = hz[j - 1];
			hz[j - 1] = x;
		}
	return hz[PIT_ROUNDS / 2];
}

static u64 calibrate_cpuid(void)
{
	struct pvops_cpuid_regs r;

	native_cpuid(0, 0, &r);
	if (r.eax >= 0x15) {
		native_cpuid(0x15, 0, &r);
		if (r.eax && r.ebx && r.ecx)
			return (u64)r.ecx * r.ebx / r.eax;
	}
	native_cpuid(0, 0, &r);
	if (r.eax >= 0x16) {
		native_cpuid(0x16, 0, &r);
		if (r.eax & 0xffff)
			return (u64)(r.eax & 0xffff) * 1000000ULL;
	}
	return 0;
}

void native_time_init(void)
{
	tsc_hz = calibrate_pit();
	if (!tsc_hz) {
		tsc_hz = calibrate_cpuid();
		pvops_log("native: no PIT to calibrate the TSC; CPUID says %llu Hz\n", tsc_hz);
	}
	if (!tsc_hz) {
		tsc_hz = 1000000000ULL;
		pvops_log("native: TSC frequency unknown; assuming 1 GHz\n");
	}
	mult = (1000000000ULL << 32) / tsc_hz;
	tsc0 = raw_rdtsc();
}

u64 native_clock_ns(void)
{
	u64 d = raw_rdtsc() - tsc0;

	return (u64)(((unsigned __int128)d * mult) >> 32);
}

u64 native_tsc_khz(void)
{
	return tsc_hz / 1000;
}

u64 native_steal_ns(u32 cpu)
{
	(void)cpu;
	return 0;	/* nobody steals from bare metal */
}

int native_timer_oneshot(u64 delta_ns, u32 vector)
{
	u64 hz = native_apic_timer_hz();
	u64 count;

	if (!hz)
		return -PVOPS_ENODEV;
	if (delta_ns > 100000000000ULL)	/* 100 s keeps the product in 64 bits */
		delta_ns = 100000000000ULL;
	count = delta_ns * hz / 1000000000ULL;
	if (!count)
		count = 1;
	if (count > 0xffffffffULL)
		count = 0xffffffffULL;
	native_apic_timer_set(vector, (u32)count, PVOPS_TIMER_ONESHOT);
	return 0;
}
