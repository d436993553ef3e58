// SPDX-License-Identifier: MIT
/*
 * pvbench, boot cost: the cycles pvops_init() spent choosing the backend,
 * in its init and in patching, and the sites it patched. The counts are
 * checked against the site records and the per-op patch statistics.
 */
#include "bench.h"

static void boot_cost(struct ktest *t)
{
	struct pvops_boot_cost c;
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
	bench_line("boot detect_cycles=%llu init_cycles=%llu patch_cycles=%llu sites=%u "
		   "patched=%u indirect=%u tsc_stop=%s", c.detect_cycles, c.init_cycles,
		   c.patch_cycles, c.sites, c.patched, c.indirect, bench_tsc_stop());
	KT_EXPECT_EQ(t, c.sites, n);
	KT_EXPECT_EQ(t, c.patched + c.indirect, c.sites);
	KT_EXPECT_EQ(t, c.patched, patched);
	KT_EXPECT_EQ(t, c.indirect, indirect);
	/* This suite's own unpatched sites are among them. */
	KT_EXPECT(t, c.indirect > 0);
	KT_EXPECT(t, c.patch_cycles > 0);
}

static const struct ktest_case bench_boot_cases[] = {
	KTEST_CASE(boot_cost),
	{}
};
KTEST_SUITE(pvbench_boot, bench_boot_cases);
