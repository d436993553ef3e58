// SPDX-License-Identifier: MIT
/*
 * The Hyper-V reference TSC page reader (backends/hyperv/tsc_page.h)
 * against pages made up here: the TLFS formula, the offset, an invalid
 * page, a page rewritten in the middle of a read, one that never settles.
 * (In this lab Xen always marks the page invalid, so only these tests
 * exercise the reader's arithmetic.)
 */
#include "tap.h"
#include "../../backends/hyperv/hyperv.h"
#include "../../backends/hyperv/tsc_page.h"

static struct hv_reference_tsc_page page;
static u64 fake_tsc;
static int rewrite_on_read;	/* rdtsc changes the page this many times */

/* The scale Xen and Hyper-V compute: 100 ns units per tick, 64.64 fixed point. */
static u64 scale_for_khz(u64 khz)
{
	return ((10000ULL << 32) / khz) << 32;
}

static u64 rdtsc_fake(void)
{
	if (rewrite_on_read > 0) {
		rewrite_on_read--;
		page.tsc_sequence++;
		page.tsc_offset = 1000;
	}
	return fake_tsc;
}

static u64 rdtsc_never_settles(void)
{
	page.tsc_sequence = page.tsc_sequence % 100 + 1;	/* changes, never 0 */
	return fake_tsc;
}

int main(void)
{
	u64 ref = 0;
	int rc;

	page.tsc_sequence = 1;
	page.tsc_scale = scale_for_khz(2000000);	/* 2 GHz */
	page.tsc_offset = 0;
	fake_tsc = 2000000000ULL;			/* one second of ticks */
	rc = hv_tsc_page_read(&page, rdtsc_fake, &ref);
	OK(rc == 0, "a valid page reads");
	OK(ref >= 9999990 && ref <= 10000000, "1 s of a 2 GHz TSC is 10^7 units of 100 ns (%llu)",
	   (unsigned long long)ref);

	page.tsc_offset = -5000;
	rc = hv_tsc_page_read(&page, rdtsc_fake, &ref);
	OK(rc == 0 && ref >= 9994990 && ref <= 9995000, "the offset is added, signed (%llu)",
	   (unsigned long long)ref);

	/* Full-precision scale here: the error left is the product's, not the scale's. */
	page.tsc_scale = (u64)(((unsigned __int128)10000 << 64) / 3000000);
	page.tsc_offset = 0;
	fake_tsc = 3000000000ULL * 3600;		/* an hour at 3 GHz: no overflow */
	rc = hv_tsc_page_read(&page, rdtsc_fake, &ref);
	OK(rc == 0 && ref >= 36000000000ULL - 40 && ref <= 36000000000ULL,
	   "an hour at 3 GHz keeps the 128-bit product (%llu)", (unsigned long long)ref);

	page.tsc_sequence = 0;
	ref = 42;
	OK(hv_tsc_page_read(&page, rdtsc_fake, &ref) == -1 && ref == 42,
	   "sequence 0: invalid, nothing written");

	page.tsc_sequence = 7;
	page.tsc_scale = scale_for_khz(2000000);
	page.tsc_offset = 0;
	fake_tsc = 2000000000ULL;
	rewrite_on_read = 1;
	rc = hv_tsc_page_read(&page, rdtsc_fake, &ref);
	OK(rc == 0 && ref >= 10000990 && ref <= 10001000 && page.tsc_sequence == 8,
	   "rewritten during the read: read again with the new offset (%llu)",
	   (unsigned long long)ref);

	page.tsc_sequence = 1;
	OK(hv_tsc_page_read(&page, rdtsc_never_settles, &ref) == -1,
	   "a page that never settles gives up (the MSR is used) instead of spinning");
	return tap_done();
}
