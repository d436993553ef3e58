// SPDX-License-Identifier: MIT
/*
 * The guest's command-line options. Unknown options, and known ones with
 * a value they do not take, are named on the console with what they take
 * and change nothing; a ktest= pattern that selects no suite fails the
 * boot (ktest.c).
 *
 *	pvops=NAME		backend choice (read by libpvops)
 *	ktest=all|none|S,S	which in-guest test suites run (default all); a name
 *				ending in * selects every suite it begins
 *	bench=0|1		bench mode: the pvbench* suites only (unless ktest=
 *				says otherwise), timed with long runs
 *	report=0|1		print the patch report (default 1)
 *	crash=init		fault inside pvops_init (the phys_to_virt service it is
 *				given reads an unmapped address): the early handler must
 *				name the step of pvops that was running
 *	crash=pf		take an unhandled page fault after the tests (shows
 *				the exception dump; the boot then fails)
 *	percpu=0		give pvops no per-CPU slot (env.percpu_seg): its
 *				backends then find their per-CPU state by cpu_id
 *	ktest.hypercalls=1	also run the tests that make KVM hypercalls (a host
 *				that does not complete vmcall hangs there)
 *	launch=MODE		as Xen PV dom0: run the boot module as a domU instead
 *				of the tests (pvh, hvm, hyperv; refuse = ask Xen for
 *				a domain it must refuse), see launch.c
 */
#include "kernel.h"

struct guest_options options = { .run_tests = true, .report = true };

/* word as one of cmdline's words (for what pvops_init must see before options_parse runs). */
bool cmdline_has(const char *cmdline, const char *word)
{
	const char *p = cmdline;
	u64 n = pvops_strlen(word);

	for (; p && *p; p++)
		if ((p == cmdline || p[-1] == ' ') && !pvops_strncmp(p, word, n) &&
		    (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

static bool word_is(const char *w, u32 len, const char *key, const char **val, u32 *vlen)
{
	u64 k = pvops_strlen(key);

	if (len < k || pvops_strncmp(w, key, k))
		return false;
	if (len == k) {
		*val = w + len;
		*vlen = 0;
		return true;
	}
	if (w[k] != '=')
		return false;
	*val = w + k + 1;
	*vlen = len - (u32)k - 1;
	return true;
}

/*
 * A 0|1 option (alone: 1): its value, or the default kept with a message naming the
 * option and what it takes (bench=yes would otherwise turn bench mode on).
 */
static bool flag(const char *key, const char *v, u32 vlen, bool dflt, int *bad)
{
	if (vlen == 1 && (v[0] == '0' || v[0] == '1'))
		return v[0] == '1';
	if (!vlen)	/* the option alone, as before values were checked: on */
		return true;
	printk("pvguest: %s=%.*s: expected %s=0 or %s=1; keeping %s=%d\n", key, (int)vlen, v,
	       key, key, key, dflt);
	(*bad)++;
	return dflt;
}

int options_parse(const char *p)
{
	int unknown = 0;

	while (p && *p) {
		const char *w, *v;
		u32 len = 0, vlen;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		w = p;
		while (*p && *p != ' ') {
			p++;
			len++;
		}
		if (word_is(w, len, "pvops", &v, &vlen))
			continue;
		if (len > 5 && !pvops_strncmp(w, "domu.", 5))
			continue;	/* the launched domU's (launch.c) */
		if (word_is(w, len, "ktest", &v, &vlen)) {
			if (vlen == 4 && !pvops_strncmp(v, "none", 4)) {
				options.run_tests = false;
			} else if (!(vlen == 3 && !pvops_strncmp(v, "all", 3))) {
				/* Checked against the suites by ktest_run_all(): a bad one fails. */
				if (vlen >= sizeof(options.ktest_filter)) {
					printk("pvguest: ktest=%.*s: longer than %u characters; "
					       "no suite runs\n", (int)vlen, v,
					       (u32)sizeof(options.ktest_filter) - 1);
					options.ktest_bad = true;
					vlen = 0;
				}
				pvops_memcpy(options.ktest_filter, v, vlen);
				options.ktest_filter[vlen] = '\0';
				options.ktest_set = true;
			}
			continue;
		}
		if (word_is(w, len, "ktest.hypercalls", &v, &vlen)) {
			options.test_hypercalls = flag("ktest.hypercalls", v, vlen,
						       options.test_hypercalls, &unknown);
			continue;
		}
		if (word_is(w, len, "bench", &v, &vlen)) {
			options.bench = flag("bench", v, vlen, options.bench, &unknown);
			continue;
		}
		if (word_is(w, len, "report", &v, &vlen)) {
			options.report = flag("report", v, vlen, options.report, &unknown);
			continue;
		}
		if (word_is(w, len, "crash", &v, &vlen) && vlen == 2 && !pvops_strncmp(v, "pf", 2)) {
			options.crash = true;
			continue;
		}
		if (word_is(w, len, "crash", &v, &vlen) && vlen == 4 && !pvops_strncmp(v, "init", 4))
			continue;	/* acted on before pvops_init (main.c) */
		if (word_is(w, len, "percpu", &v, &vlen) && vlen == 1 && *v == '0') {
			options.percpu_off = true;	/* acted on before pvops_init (main.c) */
			continue;
		}
		if (word_is(w, len, "launch", &v, &vlen) && vlen && vlen < sizeof(options.launch)) {
			pvops_memcpy(options.launch, v, vlen);
			options.launch[vlen] = '\0';
			continue;
		}
		printk("pvguest: unknown option '%.*s' ignored (known: pvops= ktest= bench= "
		       "report= crash=pf crash=init percpu=0 launch=)\n",
		       (int)len, w);
		unknown++;
	}
	if (options.bench && !options.ktest_set && options.run_tests)
		pvops_memcpy(options.ktest_filter, "pvbench*", sizeof("pvbench*"));
	return unknown;
}
