// SPDX-License-Identifier: MIT
/*
 * pvbench, boot cost: the cycles pvops_init() spent choosing the backend,
 * in its init and in patching, the sites it patched and what a site cost,
 * the boot log's share, and the TSC rate with its source and its cost. The counts are
 * checked against the site records and the per-op patch statistics.
 */
#include "bench.h"

static void boot_cost(struct ktest *t)
{
	struct pvops_boot_cost c;
	struct pvops_tsc_rate rate;
	struct pvops_op_stats st;
	unsigned int n, op;
	u32 patched = 0, indirect = 0;

	pvops_get_boot_cost(&c);
	pvops_sites(&n);
	for (op = 0; op < PVOPS_NR_OPS; op++) {
		pvops_get_op_stats(op, &st);
		patched += st.inlined + st.called + st.nopped + st.bare;
		indirect += st.indirect;
	}
	pvops_get_tsc_rate(&rate);
	/* Two lines: Xen's console cuts a domU's line at about 200 characters. */
	bench_line("boot detect_cycles=%llu init_cycles=%llu patch_cycles=%llu sites=%u "
		   "patched=%u indirect=%u patch_site_cycles=%llu log_cycles=%llu", c.detect_cycles,
		   c.init_cycles, c.patch_cycles, c.sites, c.patched, c.indirect,
		   c.patched ? c.patch_cycles / c.patched : 0, c.log_cycles);
	bench_line("boot tsc_khz=%llu tsc_ppm=%u rate_cycles=%llu tsc_stop=%s tsc_source=\"%s\"",
		   rate.tsc_khz, rate.ppm, rate.calibrate_cycles, bench_tsc_stop(),
		   rate.source ? rate.source : "?");
	KT_EXPECT_EQ(t, c.sites, n);
	KT_EXPECT_EQ(t, c.patched + c.indirect, c.sites);
	KT_EXPECT_EQ(t, c.patched, patched);
	KT_EXPECT_EQ(t, c.indirect, indirect);
	/* This suite's own unpatched sites are among them. */
	KT_EXPECT(t, c.indirect > 0);
	KT_EXPECT(t, c.patch_cycles > 0);
	/* The rate init decided, named (spec/ABI.md 3.12). */
	KT_EXPECT(t, rate.tsc_khz > 0 && rate.source);
}

static const struct ktest_case bench_boot_cases[] = {
	KTEST_CASE(boot_cost),
	{}
};
KTEST_SUITE(pvbench_boot, bench_boot_cases);
