/* SPDX-License-Identifier: MIT */
/*
 * pvbench, the in-guest half: time a loop with the TSC, report one
 * machine-readable line per measurement (a KTAP diagnostic), and check
 * that what was timed is what the line says.
 *
 *	BENCH_LOOP(loop_cli, pvops_irq_disable());
 *	struct bench_result r;
 *	bench_time(loop_cli, &r);
 *	bench_row_op("irq.disable", "patched", &r, "site=%s", desc);
 *
 * A row prints as
 *	# pvbench: op name=irq.disable form=patched cycles=1.02 iters=4096 runs=7 site=inline:fa
 * and host tools/pvbench reads every "# pvbench:" line of every environment.
 * cycles is the median over runs of (loop - empty loop) / iters, in TSC
 * cycles with two decimals. Nothing here asserts a time.
 */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H

#include "../ktest/ktest.h"
#include <pvops/bench-calls.h>

/*
 * A timed loop: n iterations of body, one function per loop, aligned so
 * that its call sites lie in [fn, fn + BENCH_LOOP_ALIGN) and nowhere else.
 */
#define BENCH_LOOP_ALIGN 256
typedef void (*bench_loop_t)(u64 n);
#define BENCH_LOOP(name, body)						\
	static __attribute__((noinline, aligned(BENCH_LOOP_ALIGN))) void name(u64 n) \
	{								\
		u64 __i;						\
		for (__i = 0; __i < n; __i++) {				\
			body;						\
			__asm__ volatile("" ::: "memory");		\
		}							\
	}
/* Keep a value alive without storing it. */
#define BENCH_USE(x) __asm__ volatile("" : : "r"(x))

struct bench_result {
	u64 centi;	/* cycles per iteration x 100, loop overhead subtracted */
	u64 iters;	/* iterations per run */
	u32 runs;
};

/* bench=1 on the command line: long runs; otherwise the quick check form. */
bool bench_full(void);
/* Time loop (calibrated iteration count, median of runs, overhead subtracted). */
void bench_time(bench_loop_t loop, struct bench_result *r);
/* The same with a fixed iteration count (for loops with side effects to count). */
void bench_time_n(bench_loop_t loop, u64 iters, struct bench_result *r);
/* Serialised TSC reads around a region: for workloads that time themselves. */
u64 bench_cycles_start(void);
u64 bench_cycles_stop(void);
/* How the stop is read: "rdtscp-lfence", or "lfence-rdtsc-lfence" where rdtscp cannot run. */
const char *bench_tsc_stop(void);

/* "# pvbench: op name=NAME form=FORM cycles=C iters=N runs=R" and extra. */
void bench_row_op(const char *name, const char *form, const struct bench_result *r,
		  const char *extra_fmt, ...) __attribute__((format(printf, 4, 5)));
/* "# pvbench: op name=NAME form=FORM skip=WHY" (WHY: one word). */
void bench_row_skip(const char *name, const char *form, const char *why);
/* Any other line: "# pvbench: " then the text. */
void bench_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Hypercalls the backend in use counted since boot, or -1 when it counts
 * none (native, VMI).
 */
s64 bench_hypercalls(void);
/* Why the bare native instruction cannot run here, or NULL when it can. */
const char *bench_no_bare(void);

/*
 * The sites of op inside loop (see BENCH_LOOP): how many, and the first
 * one. bench_site_desc() writes how a site was patched and all its bytes:
 * "inline:9c580f1f4000", "call:e8...", "nop:...", "indirect:ff15...",
 * "bare:fa0f1f440000".
 */
u32 bench_loop_sites(bench_loop_t loop, unsigned int op, const struct pvops_site **first);
void bench_site_desc(const struct pvops_site *s, char *desc, u32 size);

#endif
