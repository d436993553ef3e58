// SPDX-License-Identifier: MIT
/*
 * pvbench, hot ops: each op timed in the same boot as
 *	patched	  the pvops site as every kernel has it (patched at boot)
 *	unpatched the same site left as the indirect call through the table
 *	native	  the bare native instruction: a site given the native bytes
 *		  of spec/ops.def, or the instruction itself (cpuid, rdtsc)
 * Before timing, each case checks the sites it times are what it reports:
 * patched sites no longer call through the table (and under the native
 * backend are the native bytes), unpatched ones still do, bare ones hold
 * the native bytes. Those checks are the tests; the times are only printed.
 */
#include "bench.h"

struct op_bench {
	const char *name;
	unsigned int op;
	bench_loop_t patched, unpatched, bare;
	bench_loop_t native;		/* the instruction written out (no op) */
	const char *native_what;
};

static u64 irq_flags;			/* interrupts off */
static pval_t some_pval;
static pte_t some_pte;
static u8 flush_page[PVOPS_PAGE_SIZE] __attribute__((aligned(PVOPS_PAGE_SIZE)));

#define USE_R(x) BENCH_USE(x)
#define USE_V(x) x
/* op_patched, op_unpatched: the wrapper and its unpatched twin. */
#define OP_LOOPS(tag, fn, args, use)					\
	BENCH_LOOP(tag##_patched, use(pvops_##fn args))			\
	BENCH_LOOP(tag##_unpatched, use(pvops_unpatched_##fn args))
#define BARE_LOOP(tag, fn, args, use) BENCH_LOOP(tag##_bare, use(pvops_bare_##fn args))

OP_LOOPS(save_fl, irq_save_fl, (), USE_R)
BARE_LOOP(save_fl, irq_save_fl, (), USE_R)
OP_LOOPS(restore_fl, irq_restore_fl, (irq_flags), USE_V)
BARE_LOOP(restore_fl, irq_restore_fl, (irq_flags), USE_V)
OP_LOOPS(disable, irq_disable, (), USE_V)
BARE_LOOP(disable, irq_disable, (), USE_V)
OP_LOOPS(enable, irq_enable, (), USE_V)
BARE_LOOP(enable, irq_enable, (), USE_V)
OP_LOOPS(cr2, mmu_read_cr2, (), USE_R)
BARE_LOOP(cr2, mmu_read_cr2, (), USE_R)
OP_LOOPS(cr3, mmu_read_cr3, (), USE_R)
BARE_LOOP(cr3, mmu_read_cr3, (), USE_R)
OP_LOOPS(make_pte, mmu_make_pte, (some_pval), USE_R)
BARE_LOOP(make_pte, mmu_make_pte, (some_pval), USE_R)
OP_LOOPS(pte_val, mmu_pte_val, (some_pte), USE_R)
BARE_LOOP(pte_val, mmu_pte_val, (some_pte), USE_R)
OP_LOOPS(flush_one, mmu_flush_tlb_one, ((u64)(uptr)flush_page), USE_V)
BARE_LOOP(flush_one, mmu_flush_tlb_one, ((u64)(uptr)flush_page), USE_V)
OP_LOOPS(eoi, apic_eoi, (), USE_V)
OP_LOOPS(clock, time_clock_ns, (), USE_R)
BENCH_LOOP(cpuid_patched, ({
	struct pvops_cpuid_regs r;

	pvops_cpu_cpuid(0, 0, &r);
	BENCH_USE(r.eax);
}))
BENCH_LOOP(cpuid_unpatched, ({
	struct pvops_cpuid_regs r;

	pvops_unpatched_cpu_cpuid(0, 0, &r);
	BENCH_USE(r.eax);
}))

/* cpuid is not privileged: the instruction itself, for reference (an exit in an HVM guest). */
BENCH_LOOP(cpuid_native, ({
	u32 a = 0, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	BENCH_USE(a);
}))
/* What every TSC clock rests on. */
BENCH_LOOP(clock_native, ({
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	BENCH_USE(lo);
}))

/* Does the site still call through its table slot (call *pvops_ops+8*op(%rip))? */
static bool site_is_table_call(const struct pvops_site *s)
{
	const u8 *b = (const u8 *)(uptr)s->addr;
	u64 slot = (u64)(uptr)&pvops_ops + 8ULL * s->op;
	s32 disp;

	if (b[0] != 0xff || b[1] != 0x15)
		return false;
	pvops_memcpy(&disp, b + 2, 4);
	return s->addr + 6 + (u64)(s64)disp == slot;
}

static void check_patched(struct ktest *t, const struct op_bench *b, const struct pvops_site *s)
{
	const u8 *p = (const u8 *)(uptr)s->addr;
	const struct pvops_op_info *info = &pvops_op_info[b->op];
	const void *fn = ((const void *const *)&pvops_ops)[b->op];

	KT_EXPECT_MSG(t, !site_is_table_call(s), "%s: patched site still calls the table", b->name);
	if (p[0] == 0xe8 && fn != NULL) {
		s32 rel;

		pvops_memcpy(&rel, p + 1, 4);
		KT_EXPECT_MSG(t, s->addr + 5 + (u64)(s64)rel == (u64)(uptr)fn,
			      "%s: the direct call does not reach the op's function", b->name);
	}
	/* Under native, an op with native bytes is patched to exactly those bytes. */
	if (!pvops_strncmp(pvops_backend_name(), "native", 7) && info->native_len)
		KT_EXPECT_MSG(t, !pvops_memcmp(p, info->native, info->native_len),
			      "%s: native patched site is not the native bytes", b->name);
}

static void check_bare(struct ktest *t, const struct op_bench *b, const struct pvops_site *s)
{
	const struct pvops_op_info *info = &pvops_op_info[b->op];

	KT_EXPECT_MSG(t, !pvops_memcmp((const void *)(uptr)s->addr, info->native, info->native_len),
		      "%s: bare site is not the native bytes", b->name);
	KT_EXPECT_MSG(t, !site_is_table_call(s), "%s: bare site still calls the table", b->name);
}

/* Check and time one form (the case fails when its site is missing or wrong). */
static void one_form(struct ktest *t, const struct op_bench *b, bench_loop_t loop,
		     const char *form)
{
	const struct pvops_site *s;
	struct bench_result r;
	char desc[48];
	u32 n = bench_loop_sites(loop, b->op, &s);

	KT_ASSERT(t, n >= 1);
	if (!pvops_strncmp(form, "patched", 8))
		check_patched(t, b, s);
	else if (!pvops_strncmp(form, "unpatched", 10))
		KT_EXPECT_MSG(t, site_is_table_call(s), "%s: unpatched site was patched", b->name);
	else
		check_bare(t, b, s);
	bench_site_desc(s, desc, sizeof(desc));
	if (loop == b->bare && bench_no_bare()) {
		bench_row_skip(b->name, "native", bench_no_bare());
		return;
	}
	bench_time(loop, &r);
	bench_row_op(b->name, loop == b->bare ? "native" : form, &r, "site=%s", desc);
}

static void run_op(struct ktest *t, const struct op_bench *b)
{
	u64 fl = pvops_irq_save_fl();
	struct bench_result r;

	some_pval = pvops_pval(pvops_pfn(kernel_va_to_pa(flush_page) >> PVOPS_PAGE_SHIFT), 0x3);
	some_pte = pvops_mmu_make_pte(some_pval);
	pvops_irq_disable();
	irq_flags = pvops_irq_save_fl();
	one_form(t, b, b->patched, "patched");
	one_form(t, b, b->unpatched, "unpatched");
	if (b->bare)
		one_form(t, b, b->bare, "bare");
	if (b->native) {
		bench_time(b->native, &r);
		bench_row_op(b->name, "native", &r, "site=%s", b->native_what);
	}
	pvops_irq_restore_fl(fl);
}

#define OP_CASE(tag, opname, op_, bare_, native_, what)			\
	static void tag(struct ktest *t)				\
	{								\
		static const struct op_bench b = {			\
			opname, PVOPS_OP_##op_, tag##_patched, tag##_unpatched, \
			bare_, native_, what };				\
		run_op(t, &b);						\
	}

OP_CASE(save_fl, "irq.save_fl", irq_save_fl, save_fl_bare, NULL, NULL)
OP_CASE(restore_fl, "irq.restore_fl", irq_restore_fl, restore_fl_bare, NULL, NULL)
OP_CASE(disable, "irq.disable", irq_disable, disable_bare, NULL, NULL)
OP_CASE(enable, "irq.enable", irq_enable, enable_bare, NULL, NULL)
OP_CASE(cr2, "mmu.read_cr2", mmu_read_cr2, cr2_bare, NULL, NULL)
OP_CASE(cr3, "mmu.read_cr3", mmu_read_cr3, cr3_bare, NULL, NULL)
OP_CASE(pte_val, "mmu.pte_val", mmu_pte_val, pte_val_bare, NULL, NULL)
OP_CASE(flush_one, "mmu.flush_tlb_one", mmu_flush_tlb_one, flush_one_bare, NULL, NULL)
OP_CASE(eoi, "apic.eoi", apic_eoi, NULL, NULL, NULL)
OP_CASE(clock, "time.clock_ns", time_clock_ns, NULL, clock_native, "rdtsc")
OP_CASE(cpuid, "cpu.cpuid", cpu_cpuid, NULL, cpuid_native, "cpuid")

static void make_pte(struct ktest *t)
{
	static const struct op_bench b = { "mmu.make_pte", PVOPS_OP_mmu_make_pte,
		make_pte_patched, make_pte_unpatched, make_pte_bare, NULL, NULL };

	some_pval = pvops_pval(pvops_pfn(kernel_va_to_pa(flush_page) >> PVOPS_PAGE_SHIFT), 0x3);
	some_pte = pvops_mmu_make_pte(some_pval);
	/* What is timed must be a real conversion: the round trip gives the value back. */
	KT_EXPECT_EQ(t, (__force u64)pvops_mmu_pte_val(some_pte), (__force u64)some_pval);
	run_op(t, &b);
}

/*
 * The per-CPU lookup itself (ABI 1.4): the load of this CPU's slot that
 * pvops' patched sites make ("slot", the guest's %gs:0), against what
 * ABI 1.3 did, the kernel's cpu_id called through a pointer ("cpu_id").
 */
static u32 (*volatile cpu_id_fn)(void) = smp_this_cpu_id;
BENCH_LOOP(lookup_slot, ({
	u64 v;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(v));
	BENCH_USE(v);
}))
BENCH_LOOP(lookup_cpu_id, BENCH_USE(cpu_id_fn()))

static void percpu_lookup(struct ktest *t)
{
	struct bench_result r;

	bench_time(lookup_cpu_id, &r);
	bench_row_op("percpu.lookup", "cpu_id", &r, "site=indirect-call");
	if (options.percpu_off) {
		bench_row_skip("percpu.lookup", "slot", "percpu=0");
		return;
	}
	KT_EXPECT(t, percpu_areas[this_cpu()->index].pvops != 0 || !pvops_backend_is("xen"));
	bench_time(lookup_slot, &r);
	bench_row_op("percpu.lookup", "slot", &r, "site=gs-load");
}

/*
 * bench=1: the hot ops the per-CPU slot serves (ABI 1.4), timed before
 * smp_init starts a second CPU ("before-smp"), for the same boot's
 * "patched" rows after it: the cost of SMP as a number.
 */
void bench_before_smp(void)
{
	static const struct {
		const char *name;
		bench_loop_t loop;
	} hot[] = {
		{ "irq.save_fl", save_fl_patched }, { "irq.restore_fl", restore_fl_patched },
		{ "irq.disable", disable_patched }, { "irq.enable", enable_patched },
		{ "mmu.read_cr2", cr2_patched },
	};
	u64 fl = pvops_irq_save_fl();
	struct bench_result r;
	u32 i;

	pvops_irq_disable();
	irq_flags = pvops_irq_save_fl();
	for (i = 0; i < sizeof(hot) / sizeof(hot[0]); i++) {
		bench_time(hot[i].loop, &r);
		bench_row_op(hot[i].name, "before-smp", &r, "cpus=1");
	}
	pvops_irq_restore_fl(fl);
}

static const struct ktest_case bench_op_cases[] = {
	KTEST_CASE(save_fl),
	KTEST_CASE(restore_fl),
	KTEST_CASE(disable),
	KTEST_CASE(enable),
	KTEST_CASE(cr2),
	KTEST_CASE(cr3),
	KTEST_CASE(make_pte),
	KTEST_CASE(pte_val),
	KTEST_CASE(flush_one),
	KTEST_CASE(eoi),
	KTEST_CASE(clock),
	KTEST_CASE(cpuid),
	KTEST_CASE(percpu_lookup),
	{}
};
KTEST_SUITE(pvbench_ops, bench_op_cases);
