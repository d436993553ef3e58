// SPDX-License-Identifier: MIT
/*
 * pvbench timing: serialised TSC reads around a loop, an iteration count
 * calibrated to a run length, the median of several runs, the empty
 * loop's median subtracted. And the one line format every result uses.
 */
#include "bench.h"

#define RUNS_FULL 7
#define RUNS_QUICK 3
#define MAX_RUNS 9

static int have_rdtscp = -1;

bool bench_full(void)
{
	return options.bench;
}

u64 bench_cycles_start(void)
{
	u32 lo, hi;

	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

/*
 * Does rdtscp run? CPUID may say so while the hypervisor cannot emulate
 * the intercepted instruction (Xen 4.17 HVM under QEMU's SVM raises #GP):
 * one try, with an exception fixup.
 */
static bool rdtscp_runs(void)
{
	struct pvops_cpuid_regs r;
	u32 lo, hi, aux, ok = 1;

	pvops_cpu_cpuid(0x80000000, 0, &r);
	if (r.eax < 0x80000001)
		return false;
	pvops_cpu_cpuid(0x80000001, 0, &r);
	if (!(r.edx & (1U << 27)))
		return false;
	__asm__ volatile("1: rdtscp\n\t"
			 "jmp 3f\n"
			 "2: xor %[ok], %[ok]\n"
			 "3:\n\t"
			 ".pushsection .pvops_extable, \"a\"\n\t"
			 ".balign 8\n\t"
			 ".quad 1b, 2b\n\t"
			 ".popsection"
			 : "=a"(lo), "=d"(hi), "=c"(aux), [ok] "+r"(ok) : : "memory");
	return ok;
}

static bool use_rdtscp(void)
{
	if (have_rdtscp < 0)
		have_rdtscp = rdtscp_runs();
	return have_rdtscp;
}

const char *bench_tsc_stop(void)
{
	return use_rdtscp() ? "rdtscp-lfence" : "lfence-rdtsc-lfence";
}

u64 bench_cycles_stop(void)
{
	u32 lo, hi, aux;

	/* rdtscp waits for the loop's instructions; lfence keeps later ones out. */
	if (use_rdtscp())
		__asm__ volatile("rdtscp; lfence" : "=a"(lo), "=d"(hi), "=c"(aux) : : "memory");
	else
		__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	(void)aux;
	return ((u64)hi << 32) | lo;
}

BENCH_LOOP(loop_empty, )

static u64 run_once(bench_loop_t loop, u64 n)
{
	u64 t0 = bench_cycles_start();

	loop(n);
	return bench_cycles_stop() - t0;
}

static u64 median(u64 *v, u32 n)
{
	sort_u64(v, n);
	return v[n / 2];
}

void bench_time_n(bench_loop_t loop, u64 iters, struct bench_result *r)
{
	u64 full[MAX_RUNS], empty[MAX_RUNS], f, e;
	u32 i, runs = bench_full() ? RUNS_FULL : RUNS_QUICK;

	loop(1);	/* warm: first-touch costs are not the op's */
	for (i = 0; i < runs; i++) {
		empty[i] = run_once(loop_empty, iters);
		full[i] = run_once(loop, iters);
	}
	f = median(full, runs);
	e = median(empty, runs);
	r->centi = f > e ? (f - e) * 100 / iters : 0;
	r->iters = iters;
	r->runs = runs;
}

/*
 * With bench=1 the iteration count is calibrated to about 1 ms a run. The
 * quick form (make check) is bounded by work, not by how fast the host
 * is: QUICK_ITERS iterations a run, whatever an iteration costs there.
 */
#define QUICK_ITERS 16

void bench_time(bench_loop_t loop, struct bench_result *r)
{
	u64 khz = pvops_time_tsc_khz(), n = 8;

	if (!bench_full()) {
		bench_time_n(loop, QUICK_ITERS, r);
		return;
	}
	if (!khz)
		khz = 1000000;
	loop(1);
	while (n < (1ULL << 20) && run_once(loop, n) < khz)
		n *= 2;
	bench_time_n(loop, n, r);
}

static void vline(const char *prefix, const char *fmt, va_list ap)
{
	char buf[384];	/* the boot line, with its rate source, is the longest */

	pvops_vsnprintf(buf, sizeof(buf), fmt, ap);
	printk("    # pvbench: %s%s\n", prefix, buf);
}

static void line(const char *prefix, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(prefix, fmt, ap);
	va_end(ap);
}

void bench_line(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline("", fmt, ap);
	va_end(ap);
}

void bench_row_op(const char *name, const char *form, const struct bench_result *r,
		  const char *extra_fmt, ...)
{
	char extra[128] = "";
	va_list ap;

	if (extra_fmt) {
		extra[0] = ' ';
		va_start(ap, extra_fmt);
		pvops_vsnprintf(extra + 1, sizeof(extra) - 1, extra_fmt, ap);
		va_end(ap);
	}
	line("op ", "name=%s form=%s cycles=%llu.%02llu iters=%llu runs=%u%s", name, form,
	     r->centi / 100, r->centi % 100, r->iters, r->runs, extra);
}

void bench_row_skip(const char *name, const char *form, const char *why)
{
	line("op ", "name=%s form=%s skip=%s", name, form, why);
}

s64 bench_hypercalls(void)
{
	u64 n;

	return pvops_counter_read("hypercalls", &n) ? -1 : (s64)n;
}

const char *bench_no_bare(void)
{
	if (bootinfo.entry == PVOPS_ENTRY_XEN_PV)
		return "xen-pv-kernel-runs-in-ring-3";
	return NULL;
}

u32 bench_loop_sites(bench_loop_t loop, unsigned int op, const struct pvops_site **first)
{
	unsigned int n, i;
	const struct pvops_site *s = pvops_sites(&n);
	u64 lo = (u64)(uptr)loop, hi = lo + BENCH_LOOP_ALIGN;
	u32 found = 0;

	*first = NULL;
	for (i = 0; i < n; i++) {
		if (s[i].addr < lo || s[i].addr >= hi || s[i].op != op)
			continue;
		if (!found++)
			*first = &s[i];
	}
	return found;
}

void bench_site_desc(const struct pvops_site *s, char *desc, u32 size)
{
	const u8 *b = (const u8 *)(uptr)s->addr;
	const char *kind = "inline";
	struct pvops_op_stats st;
	u32 i, n;

	pvops_get_op_stats(s->op, &st);
	if (s->flags & PVOPS_SITE_KEEP_INDIRECT)
		kind = "indirect";
	else if (s->flags & PVOPS_SITE_BARE)
		kind = "bare";
	else if (b[0] == 0xe8)
		kind = "call";
	else if (!pvops_strncmp(st.impl, "empty", 6))
		kind = "nop";
	n = (u32)pvops_snprintf(desc, size, "%s:", kind);
	for (i = 0; i < s->len && n + 3 <= size; i++)
		n += (u32)pvops_snprintf(desc + n, size - n, "%02x", b[i]);
}
