// SPDX-License-Identifier: MIT
/*
 * Runs the suites in section .ktest_suites and prints KTAP v1.
 */
#include "ktest.h"

extern const struct ktest_suite __ktest_suites_start[], __ktest_suites_end[];

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	pvops_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk("        # %s: %s:%d: %s\n", t->name, file, line, msg);
	t->failed = true;
}

void ktest_skip(struct ktest *t, const char *reason)
{
	t->skipped = true;
	pvops_snprintf(t->skip_reason, sizeof(t->skip_reason), "%s", reason);
}

void ktest_delay_ns(u64 ns)
{
	u64 t0 = pvops_time_clock_ns();

	while (pvops_time_clock_ns() - t0 < ns)
		__asm__ volatile("pause");
}

void ktest_point_clear(struct ktest_point *p)
{
	__atomic_store_n(&p->reached, 0, __ATOMIC_SEQ_CST);
}

void ktest_point_reach(struct ktest_point *p)
{
	__atomic_add_fetch(&p->reached, 1, __ATOMIC_SEQ_CST);
}

bool ktest_point_wait(struct ktest *t, struct ktest_point *p, const char *what)
{
	return KT_WAIT_UNTIL(t, __atomic_load_n(&p->reached, __ATOMIC_SEQ_CST), "%s", what);
}

void ktest_clock_tsc(u64 *ns, u64 *tsc, u64 *width_cycles)
{
	u64 best = ~0ULL;
	int i;

	for (i = 0; i < 5; i++) {
		u64 a = rdtsc(), c = pvops_time_clock_ns(), b = rdtsc();

		if (b - a < best) {
			best = b - a;
			*ns = c;
			*tsc = a + (b - a) / 2;
		}
	}
	*width_cycles = best;
}

static bool selected(const char *filter, const char *name)
{
	const char *p = filter;
	u64 n = pvops_strlen(name);

	if (!filter || !*filter)
		return true;
	while (*p) {
		const char *w = p;
		u64 len = 0;

		while (*p && *p != ',') {
			p++;
			len++;
		}
		if (len == n && !pvops_strncmp(w, name, n))
			return true;
		if (len && w[len - 1] == '*' && len - 1 <= n && !pvops_strncmp(w, name, len - 1))
			return true;
		if (*p == ',')
			p++;
	}
	return false;
}

/*
 * Every pattern of an explicit ktest= must select a suite: a typo would
 * otherwise run nothing (or less) and pass. false after saying which
 * pattern selects none, and what the suites are.
 */
static bool filter_ok(const char *filter)
{
	const struct ktest_suite *s;
	const char *p = filter;
	bool ok = true;

	if (options.ktest_bad)
		return false;
	if (!options.ktest_set)
		return true;
	if (!*filter) {
		printk("pvguest: ktest=: empty; expected ktest=all, ktest=none or suite names "
		       "(ktest=mmu,smp; a name ending in * selects every suite it begins)\n");
		ok = false;
	}
	while (*p) {
		const char *w = p;
		u32 len = 0;
		char one[64];
		bool any = false;

		while (*p && *p != ',') {
			p++;
			len++;
		}
		if (*p == ',')
			p++;
		pvops_snprintf(one, sizeof(one), "%.*s", (int)len, w);
		for (s = __ktest_suites_start; s < __ktest_suites_end && len; s++)
			if (len < sizeof(one) && selected(one, s->name))
				any = true;
		if (!any) {
			printk("pvguest: ktest=%s: '%.*s' selects no suite\n", filter, (int)len, w);
			ok = false;
		}
	}
	if (!ok) {
		printk("pvguest: the suites are:");
		for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
			printk(" %s", s->name);
		printk("\n");
	}
	return ok;
}

int ktest_run_all(const char *filter, u32 *passed, u32 *failed, u32 *skipped)
{
	const struct ktest_suite *s;
	u32 nsuites = 0, si = 0;

	*passed = *failed = *skipped = 0;
	if (!filter_ok(filter)) {
		printk("KTAP version 1\n1..0 # SKIP ktest= not understood: no suite runs, the boot "
		       "fails\n");
		*failed = 1;
		return -1;
	}
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
		if (selected(filter, s->name))
			nsuites++;
	printk("KTAP version 1\n1..%u\n", nsuites);
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++) {
		const struct ktest_case *c;
		const char *skip = NULL;
		char why[64];
		u32 ncases = 0, ci = 0;
		bool suite_failed = false;

		if (!selected(filter, s->name))
			continue;
		si++;
		for (c = s->cases; c->name; c++)
			ncases++;
		if (s->skip)
			skip = s->skip();
		if (s->backend && !pvops_backend_is(s->backend)) {
			pvops_snprintf(why, sizeof(why), "the %s backend is not in use", s->backend);
			skip = why;
		}
		printk("    KTAP version 1\n    # Subtest: %s\n    1..%u\n", s->name, ncases);
		for (c = s->cases; c->name; c++) {
			struct ktest t = { .name = c->name };

			ci++;
			if (skip) {
				ktest_skip(&t, skip);
			} else {
				c->run(&t);
			}
			if (t.failed) {
				printk("    not ok %u %s\n", ci, c->name);
				(*failed)++;
				suite_failed = true;
			} else if (t.skipped) {
				printk("    ok %u %s # SKIP %s\n", ci, c->name, t.skip_reason);
				(*skipped)++;
			} else {
				printk("    ok %u %s\n", ci, c->name);
				(*passed)++;
			}
		}
		printk("%sok %u %s\n", suite_failed ? "not " : "", si, s->name);
	}
	return *failed ? -1 : 0;
}
