// SPDX-License-Identifier: MIT
/* The patcher's result, checked on the live kernel text. */
#include "../ktest/ktest.h"
#include "../../tests/nop_decode.h"

/* Do bytes [p, p + n) decode as a sequence of recommended NOPs? */
static bool all_nops(const u8 *p, u32 n)
{
	return nop_count(p, n) >= 0;
}

/* The op's function, or NULL when the op is empty (its slot then holds a bare ret). */
static const void *slot_fn(u32 op)
{
	struct pvops_op_stats st;

	pvops_get_op_stats(op, &st);
	if (!pvops_strncmp(st.impl, "empty", 6))
		return NULL;
	return ((const void *const *)&pvops_ops)[op];
}

static void no_indirect_call_left(struct ktest *t)
{
	unsigned int n, i, bad = 0;
	const struct pvops_site *s = pvops_sites(&n);

	KT_ASSERT(t, n > 0);
	for (i = 0; i < n; i++) {
		const u8 *p = (const u8 *)(uptr)s[i].addr;

		if (s[i].flags & PVOPS_SITE_KEEP_INDIRECT)
			continue;
		if (p[0] == 0xff && p[1] == 0x15) {
			ktest_fail(t, __FILE__, __LINE__, "site %p (%s) is still indirect",
				   (const void *)p, pvops_op_info[s[i].op].name);
			bad++;
		}
	}
	KT_EXPECT_EQ(t, bad, 0);
}

struct scan_ctx {
	struct ktest *t;
	const struct pvops_site *sites;
	unsigned int nr_sites;
	u32 kept, bad;
};

static void scan_found(const u8 *at, u32 op, void *p)
{
	struct scan_ctx *c = p;
	unsigned int i;

	for (i = 0; i < c->nr_sites; i++)
		if ((const u8 *)(uptr)c->sites[i].addr == at &&
		    (c->sites[i].flags & PVOPS_SITE_KEEP_INDIRECT)) {
			c->kept++;	/* a benchmark's deliberate one */
			return;
		}
	c->bad++;
	ktest_fail(c->t, __FILE__, __LINE__, "%p: a branch through pvops_ops slot %u (%s) in live text",
		   (const void *)at, op, op < PVOPS_NR_OPS ? pvops_op_info[op].name : "?");
}

/*
 * ABI 1.3 (hardening): no call or jmp through the ops table anywhere in the
 * running kernel's text (the guest's and the library's, the backends' entry
 * stubs included), but the benchmark's deliberate sites.
 */
static void no_indirect_branch_in_live_text(struct ktest *t)
{
	struct scan_ctx c = { .t = t };
	u32 n;

	c.sites = pvops_sites(&c.nr_sites);
	n = pvops_text_indirect_scan(_text_start, _text_end, scan_found, &c);
	printk("    # no_indirect_branch_in_live_text: %llu KiB of text, %u branches through the "
	       "table: %u benchmark sites kept, %u other\n",
	       (u64)(_text_end - _text_start) / 1024, n, c.kept, c.bad);
	KT_EXPECT_EQ(t, c.bad, 0);
	KT_EXPECT_EQ(t, n, c.kept + c.bad);
}

static void sites_are_inline_call_or_nops(struct ktest *t)
{
	unsigned int n, i;
	const struct pvops_site *s = pvops_sites(&n);
	u32 inl = 0, call = 0, nop = 0, bench = 0;

	for (i = 0; i < n; i++) {
		const struct pvops_op_info *info = &pvops_op_info[s[i].op];
		const u8 *p = (const u8 *)(uptr)s[i].addr;
		const void *fn = slot_fn(s[i].op);

		if (s[i].flags & PVOPS_SITE_KEEP_INDIRECT) {
			KT_EXPECT_MSG(t, p[0] == 0xff && p[1] == 0x15, "%s kept indirect", info->name);
			bench++;
		} else if (s[i].flags & PVOPS_SITE_BARE) {
			KT_EXPECT_MSG(t, !pvops_memcmp(p, info->native, info->native_len) &&
				      all_nops(p + info->native_len, s[i].len - info->native_len),
				      "%s bare", info->name);
			bench++;
		} else if (!fn) {
			KT_EXPECT_MSG(t, all_nops(p, s[i].len), "%s", info->name);
			nop++;
		} else if (p[0] == 0xe8 && all_nops(p + 5, s[i].len - 5u)) {
			s32 rel;

			pvops_memcpy(&rel, p + 1, 4);
			KT_EXPECT_MSG(t, (u64)(uptr)p + 5 + (u64)(s64)rel == (u64)(uptr)fn,
				      "call at %p for %s goes elsewhere", (const void *)p, info->name);
			call++;
		} else {
			inl++;
		}
	}
	KT_EXPECT_EQ(t, inl + call + nop + bench, n);
	KT_EXPECT(t, inl > 0);
}

static void native_inline_sites_are_bare_instructions(struct ktest *t)
{
	unsigned int n, i, checked = 0;
	const struct pvops_site *s = pvops_sites(&n);

	if (pvops_strncmp(pvops_backend_name(), "native", 7)) {
		ktest_skip(t, "backend is not native");
		return;
	}
	for (i = 0; i < n; i++) {
		const struct pvops_op_info *info = &pvops_op_info[s[i].op];
		const u8 *p = (const u8 *)(uptr)s[i].addr;

		if (!info->native_len || (s[i].flags & PVOPS_SITE_KEEP_INDIRECT))
			continue;
		KT_EXPECT_MSG(t, !pvops_memcmp(p, info->native, info->native_len),
			      "%s.%s at %p", info->group, info->name, (const void *)p);
		KT_EXPECT_MSG(t, all_nops(p + info->native_len, s[i].len - info->native_len),
			      "%s.%s padding", info->group, info->name);
		checked++;
	}
	KT_EXPECT(t, checked > 0);
}

static void hot_ops_inlined_on_native(struct ktest *t)
{
	static const u32 hot[] = {
		PVOPS_OP_irq_save_fl, PVOPS_OP_irq_restore_fl, PVOPS_OP_irq_disable,
		PVOPS_OP_irq_enable, PVOPS_OP_mmu_read_cr2, PVOPS_OP_mmu_read_cr3,
		PVOPS_OP_mmu_write_cr3, PVOPS_OP_mmu_make_pte, PVOPS_OP_mmu_pte_val,
		PVOPS_OP_irq_iret,
	};
	u32 i, seen = 0;

	if (pvops_strncmp(pvops_backend_name(), "native", 7)) {
		ktest_skip(t, "backend is not native");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(hot); i++) {
		struct pvops_op_stats st;

		pvops_get_op_stats(hot[i], &st);
		/* (benchmark sites kept indirect on purpose aside) */
		KT_EXPECT_MSG(t, !st.called && !st.nopped, "%s: %u call %u nop",
			      pvops_op_info[hot[i]].name, st.called, st.nopped);
		seen += st.inlined;
	}
	KT_EXPECT(t, seen >= ARRAY_SIZE(hot));
}

static void stats_add_up(struct ktest *t)
{
	unsigned int n, op, sum = 0;

	pvops_sites(&n);
	for (op = 0; op < PVOPS_NR_OPS; op++) {
		struct pvops_op_stats st;

		pvops_get_op_stats(op, &st);
		sum += st.inlined + st.called + st.nopped + st.indirect + st.bare;
	}
	KT_EXPECT_EQ(t, sum, n);
}

static void site_records_sane(struct ktest *t)
{
	unsigned int n, i;
	const struct pvops_site *s = pvops_sites(&n);

	for (i = 0; i < n; i++) {
		KT_EXPECT(t, s[i].op < PVOPS_NR_OPS);
		KT_EXPECT_EQ(t, s[i].len, 6);
		KT_EXPECT_EQ(t, s[i].conv, pvops_op_info[s[i].op].conv);
		KT_EXPECT(t, s[i].addr >= (u64)(uptr)_text_start &&
			     s[i].addr < (u64)(uptr)_text_end);
	}
}

static const struct ktest_case patch_cases[] = {
	KTEST_CASE(site_records_sane),
	KTEST_CASE(no_indirect_call_left),
	KTEST_CASE(no_indirect_branch_in_live_text),
	KTEST_CASE(sites_are_inline_call_or_nops),
	KTEST_CASE(native_inline_sites_are_bare_instructions),
	KTEST_CASE(hot_ops_inlined_on_native),
	KTEST_CASE(stats_add_up),
	{},
};
KTEST_SUITE(patch, patch_cases);
