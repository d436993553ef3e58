// SPDX-License-Identifier: MIT
/*
 * What the KVM backend promises, checked on KVM itself: each paravirtual
 * feature is used exactly when its CPUID bit is offered and its op
 * reports native otherwise (the masked-feature environments), kvmclock is
 * monotonic and runs at the TSC rate it implies, PV EOI skips real EOIs
 * in a timer storm without losing a tick, steal time never decreases, the
 * wall clock is plausible, lock.wait halts until an interrupt. Hypercalls
 * run only with ktest.hypercalls=1 (a host whose KVM does not complete
 * vmcall never returns from one); the cross-CPU cases need a second CPU.
 * Longer than most files (~430 lines): one suite per backend, as for the
 * other backends.
 */
/* The KVM ABI: Linux UAPI (linux-libc-dev), as the backend uses it. */
#include <linux/errno.h>
#include <linux/kvm_para.h>

#include "../ktest/ktest.h"
#include <pvops/kvm.h>

#define STORM_TICKS 100
#define TIMER_COUNT 62500
#define CLOCK_READS 10000

/* The backend's features, as bits for this suite's tables (names: <pvops/introspect.h>). */
static const char *const feature_names[] = {
	"kvmclock", "kvmclock-stable", "wallclock", "pv-eoi", "steal-time", "nop-io-delay",
	"pv-send-ipi", "pv-tlb-flush", "pv-sched-yield", "pv-unhalt",
};
#define F_CLOCK		(1U << 0)
#define F_CLOCK_STABLE	(1U << 1)
#define F_WALLCLOCK	(1U << 2)
#define F_PV_EOI	(1U << 3)
#define F_STEAL_TIME	(1U << 4)
#define F_NOP_IO_DELAY	(1U << 5)
#define F_PV_SEND_IPI	(1U << 6)
#define F_PV_TLB_FLUSH	(1U << 7)
#define F_PV_SCHED_YIELD (1U << 8)
#define F_PV_UNHALT	(1U << 9)

/* One snapshot: what KVM offers, the features in use, the counters. */
struct kvm_view {
	u32 features, cpuid_features;
	u64 tsc_khz;
	u64 clock_clamps, hypercalls, hypercall_faults, ipi_hypercalls, flushes_deferred;
	u64 lock_waits, kicks, yields;
};

static struct kvm_view stats(void)
{
	struct pvops_kvm_info info = { 0 };
	struct kvm_view v = { 0 };

	pvops_kvm_get_info(&info);
	v.features = ktest_features(feature_names, sizeof(feature_names) / sizeof(feature_names[0]));
	v.cpuid_features = info.cpuid_features;
	v.tsc_khz = info.tsc_khz;
	v.clock_clamps = ktest_counter("clock_clamps");
	v.hypercalls = ktest_counter("hypercalls");
	v.hypercall_faults = ktest_counter("hypercall_faults");
	v.ipi_hypercalls = ktest_counter("ipi_hypercalls");
	v.flushes_deferred = ktest_counter("flushes_deferred");
	v.lock_waits = ktest_counter("lock_waits");
	v.kicks = ktest_counter("kicks");
	v.yields = ktest_counter("yields");
	return v;
}

static const char *impl_of(unsigned int op)
{
	struct pvops_op_stats st;

	pvops_get_op_stats(op, &st);
	return st.impl;
}

#define KVM_BIT(f) (1U << KVM_FEATURE_##f)

struct feature_op {
	const char *feature;
	u32 offered;		/* CPUID bits, any of which offers it */
	u32 in_use;		/* F_* */
	unsigned int op;
	const char *impl;	/* the op's implementation when offered; native when masked */
};

/*
 * The per-feature fallback: with the bit offered the op is the backend's,
 * masked (QEMU -cpu host,kvm-pv-eoi=off...) it is native, the rest intact.
 */
static void each_feature_on_its_own_bit(struct ktest *t)
{
	static const struct feature_op map[] = {
		{ "kvmclock", KVM_BIT(CLOCKSOURCE) | KVM_BIT(CLOCKSOURCE2), F_CLOCK,
		  PVOPS_OP_time_clock_ns, "kvm" },
		{ "pv-eoi", KVM_BIT(PV_EOI), F_PV_EOI, PVOPS_OP_apic_eoi, "kvm" },
		{ "steal-time", KVM_BIT(STEAL_TIME), F_STEAL_TIME, PVOPS_OP_time_steal_ns,
		  "kvm" },
		{ "nop-io-delay", KVM_BIT(NOP_IO_DELAY), F_NOP_IO_DELAY,
		  PVOPS_OP_cpu_io_delay, "empty" },
		{ "pv-send-ipi", KVM_BIT(PV_SEND_IPI), F_PV_SEND_IPI,
		  PVOPS_OP_apic_send_ipi_mask, "kvm" },
		{ "pv-sched-yield", KVM_BIT(PV_SCHED_YIELD), F_PV_SCHED_YIELD,
		  PVOPS_OP_lock_yield_to, "kvm" },
		{ "pv-unhalt", KVM_BIT(PV_UNHALT), F_PV_UNHALT, PVOPS_OP_lock_wait, "kvm" },
	};
	struct kvm_view st = stats();
	u32 i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		const struct feature_op *m = &map[i];
		bool offered = st.cpuid_features & m->offered;
		bool used = st.features & m->in_use;
		const char *impl = impl_of(m->op);
		const char *want = offered ? m->impl : "native";

		printk("    # each_feature_on_its_own_bit: %-14s %-11s %-7s %s.%s\n", m->feature,
		       offered ? "offered" : "not offered", impl, pvops_op_info[m->op].group,
		       pvops_op_info[m->op].name);
		/* Hypercall features stop when the host faults the instruction. */
		if (offered && !used && st.hypercall_faults &&
		    (m->in_use & (F_PV_SEND_IPI | F_PV_SCHED_YIELD |
				  F_PV_UNHALT))) {
			printk("    # each_feature_on_its_own_bit: %s fell back to native: the "
			       "host faulted a hypercall\n", m->feature);
			used = true;
		}
		KT_EXPECT_MSG(t, offered == used, "%s offered %d, in use %d", m->feature, offered,
			      used);
		KT_EXPECT_MSG(t, !pvops_strncmp(impl, want, 8), "%s: op %s is %s, expected %s",
			      m->feature, pvops_op_info[m->op].name, impl, want);
	}
	/* PV TLB flush works through steal time's preempted byte: both or native. */
	KT_EXPECT_EQ(t, !!(st.features & F_PV_TLB_FLUSH),
		     (st.cpuid_features & KVM_BIT(PV_TLB_FLUSH)) &&
		     (st.features & F_STEAL_TIME));
}

/* kvmclock: never backwards over many reads, and at the TSC rate it implies. */
static void kvmclock_monotonic_at_tsc_rate(struct ktest *t)
{
	struct kvm_view st = stats();
	u64 prev, now, c0, c1, tsc0, tsc1, w0, w1, khz, slack;
	u32 i, back = 0;

	if (!(st.features & F_CLOCK)) {
		ktest_skip(t, "kvmclock not offered: time.clock_ns is native (suite time)");
		return;
	}
	prev = pvops_time_clock_ns();
	for (i = 0; i < CLOCK_READS; i++) {
		now = pvops_time_clock_ns();
		if (now < prev)
			back++;
		prev = now;
	}
	KT_EXPECT_EQ(t, back, 0);
	/* Each end a bracketed (clock, TSC) pair: a preemption between the reads is measured. */
	ktest_clock_tsc(&c0, &tsc0, &w0);
	ktest_delay_ns(50000000);	/* the span measured over */
	ktest_clock_tsc(&c1, &tsc1, &w1);
	khz = (tsc1 - tsc0) * 1000000ULL / (c1 - c0);
	/* What the brackets leave open, in parts of the span (+ the 1%). */
	slack = (w0 + w1) * 1000000ULL / (tsc1 - tsc0);
	if (slack > 500000)	/* the pairs say nothing; the bound stays meaningful */
		slack = 500000;
	printk("    # kvmclock_monotonic_at_tsc_rate: %u reads, tsc %llu kHz by kvmclock, "
	       "%llu kHz measured over 50 ms (brackets %llu+%llu cycles), stable=%d clamps=%llu\n",
	       CLOCK_READS, pvops_time_tsc_khz(), khz, w0, w1,
	       !!(st.features & F_CLOCK_STABLE), stats().clock_clamps);
	KT_EXPECT(t, pvops_time_tsc_khz() == st.tsc_khz && st.tsc_khz);
	/* One TSC on both sides: 1%, as in suite time, only catches a wrong scale. */
	KT_EXPECT_MSG(t, khz * 1000000 > st.tsc_khz * (990000 - slack) &&
			 khz * 1000000 < st.tsc_khz * (1010000 + slack),
		      "measured %llu kHz vs %llu kHz (slack %llu ppm)", khz, st.tsc_khz, slack);
}

/*
 * A periodic timer storm: every tick arrives, every EOI is accounted for
 * (skipped or written), and KVM made some of them unnecessary.
 */
static void pv_eoi_skips_in_timer_storm(struct ktest *t)
{
	struct ktest_eoi_storm r;
	u64 msr;

	if (!(stats().features & F_PV_EOI)) {
		ktest_skip(t, "PV EOI not offered: apic.eoi is native");
		return;
	}
	if (!timer_ready()) {
		ktest_skip(t, "no local APIC timer");
		return;
	}
	ktest_eoi_storm(STORM_TICKS, TIMER_COUNT, KTEST_DEADLINE_NS, &r);
	msr = pvops_cpu_read_msr(MSR_KVM_PV_EOI_EN);
	printk("    # pv_eoi_skips_in_timer_storm: %llu ticks, EOIs skipped %llu, written %llu "
	       "(MSR_KVM_PV_EOI_EN %#llx)\n", r.ticks, r.skipped, r.written, msr);
	KT_EXPECT(t, r.ticks >= STORM_TICKS);
	KT_EXPECT_EQ(t, r.skipped + r.written, r.ticks);
	/* The host holds the word's address: registration took. */
	KT_EXPECT_MSG(t, (msr & KVM_MSR_ENABLED) && (msr & ~63ULL),
		      "MSR_KVM_PV_EOI_EN reads %#llx", msr);
	/*
	 * Whether KVM offers an EOI-free interrupt is its decision (it does
	 * not with APIC virtualization, or with another interrupt pending);
	 * a host that never does, with registration accepted, is reported.
	 */
	if (!t->failed && !r.skipped) {
		ktest_skip(t, "KVM set no PV EOI bit in the storm (registration accepted): "
			      "host declines PV EOI");
		return;
	}
	KT_EXPECT(t, r.skipped > 0);
}

static void steal_time_nondecreasing(struct ktest *t)
{
	u64 prev, now;
	u32 i, back = 0;

	if (!(stats().features & F_STEAL_TIME)) {
		ktest_skip(t, "steal time not offered: time.steal_ns is native (0)");
		return;
	}
	prev = pvops_time_steal_ns(cpuid_apic_id());
	for (i = 0; i < 2000; i++) {
		now = pvops_time_steal_ns(cpuid_apic_id());
		if (now < prev)
			back++;
		prev = now;
		if (i % 100 == 0)
			ktest_delay_ns(1000000);
	}
	printk("    # steal_time_nondecreasing: %llu ns stolen so far, %llu ns of clock\n", prev,
	       pvops_time_clock_ns());
	KT_EXPECT_EQ(t, back, 0);
	KT_EXPECT(t, prev <= pvops_time_clock_ns());	/* ABI: never more than the clock */
	/* The CPU reading it is running; a CPU that does not exist has no steal. */
	KT_EXPECT_EQ(t, pvops_lock_vcpu_is_preempted(cpuid_apic_id()), 0);
	KT_EXPECT_EQ(t, pvops_time_steal_ns(200), 0);
}

static void wallclock_plausible(struct ktest *t)
{
	u64 s0, s1, a0, b0, a1, b1, wall;
	u32 n0, n1;

	/* Each wall-clock read bracketed by clock reads (a0 .. b0, a1 .. b1). */
	a0 = pvops_time_clock_ns();
	if (pvops_kvm_wallclock(&s0, &n0)) {
		ktest_skip(t, "kvmclock not offered: no KVM wall clock");
		return;
	}
	b0 = pvops_time_clock_ns();
	ktest_delay_ns(20000000);	/* the span compared */
	a1 = pvops_time_clock_ns();
	KT_ASSERT(t, !pvops_kvm_wallclock(&s1, &n1));
	b1 = pvops_time_clock_ns();
	wall = (s1 - s0) * 1000000000ULL + n1 - n0;
	printk("    # wallclock_plausible: %llu.%09u s since 1970; %llu ns of wall clock in "
	       "%llu..%llu ns of clock\n", s1, n1, wall, a1 - b0, b1 - a0);
	KT_EXPECT_MSG(t, s0 > 1577836800ULL && s0 < 4102444800ULL,	/* 2020 .. 2100 */
		      "wall clock %llu s", s0);
	/* Within the brackets, give or take 1 ms. */
	KT_EXPECT_MSG(t, wall + 1000000 >= a1 - b0 && wall <= b1 - a0 + 1000000,
		      "%llu ns of wall clock outside %llu..%llu ns of clock", wall, a1 - b0,
		      b1 - a0);
}

/* lock.wait with PV unhalt: no halt when the value moved, else halt until an interrupt. */
static void lock_wait_halts_until_interrupt(struct ktest *t)
{
	static volatile u8 lock_byte = 1;
	struct kvm_view s0 = stats();
	u64 t0;

	if (!(s0.features & F_PV_UNHALT)) {
		ktest_skip(t, "PV unhalt not offered: lock.wait is native (pause)");
		return;
	}
	pvops_irq_disable();
	pvops_lock_wait(&lock_byte, 0);		/* *ptr != val: returns at once */
	KT_EXPECT_EQ(t, stats().lock_waits, s0.lock_waits);
	t0 = timer_ticks();
	KT_ASSERT(t, !pvops_time_timer_oneshot(1000000, TIMER_VECTOR));
	pvops_irq_enable();
	pvops_lock_wait(&lock_byte, 1);		/* halts; the timer ends it */
	KT_EXPECT(t, pvops_irq_save_fl() & 0x200);	/* interrupts stay enabled */
	pvops_irq_disable();
	KT_EXPECT_EQ(t, timer_ticks(), t0 + 1);
	KT_EXPECT_EQ(t, stats().lock_waits, s0.lock_waits + 1);
}

/*
 * The hypercall path itself, to this CPU: an unknown call is KVM_ENOSYS,
 * sched yield to itself succeeds, KVM_HC_SEND_IPI to its own APIC id
 * delivers one IPI. Only with ktest.hypercalls=1.
 */
static void hypercalls_complete(struct ktest *t)
{
	struct kvm_view s0 = stats();
	u32 me = cpuid_apic_id();
	long r;

	if (!options.test_hypercalls) {
		ktest_skip(t, "hypercalls not requested (ktest.hypercalls=1; vmcall hangs on "
			      "some hosts, e.g. kvm_pvm)");
		return;
	}
	printk("    # hypercalls_complete: KVM hypercall 99 (a host that stops here does not "
	       "complete hypercalls)\n");
	r = pvops_kvm_hypercall(99, 0, 0, 0, 0);
	printk("    # hypercalls_complete: returned %ld (%s)\n", r, pvops_kvm_strerror(r));
	if (r == PVOPS_KVM_HC_FAULTED) {
		/* The safe outcome: features native, the ops still work. */
		KT_EXPECT_EQ(t, stats().features & (F_PV_SEND_IPI | F_PV_UNHALT |
						    F_PV_SCHED_YIELD), 0);
		KT_EXPECT_EQ(t, pvops_kvm_hypercall(KVM_HC_SCHED_YIELD, me, 0, 0, 0),
			     PVOPS_KVM_HC_FAULTED);
		pvops_lock_yield_to(me);
		pvops_lock_kick(me);
		/* No second attempt after the fault. */
		KT_EXPECT_EQ(t, stats().hypercalls, s0.hypercalls + 1);
		if (!t->failed)
			ktest_skip(t, "the host faults hypercall instructions (it rewrites them); "
				      "fell back to native");
		return;
	}
	KT_EXPECT_EQ(t, r, -KVM_ENOSYS);
	if (s0.features & F_PV_SCHED_YIELD)
		KT_EXPECT_EQ(t, pvops_kvm_hypercall(KVM_HC_SCHED_YIELD, me, 0, 0, 0), 0);
	if (s0.features & F_PV_SEND_IPI) {
		ktest_ipi_arm();
		r = pvops_kvm_hypercall(KVM_HC_SEND_IPI, 1, 0, me, TEST_IPI_VECTOR);
		KT_EXPECT_EQ(t, r, 1);	/* the number of CPUs it was delivered to */
		KT_EXPECT_EQ(t, ktest_ipi_wait(KTEST_DEADLINE_NS), 1);
	}
	KT_EXPECT(t, stats().hypercalls > s0.hypercalls);
}

/* The cross-CPU features need a CPU to cross to, and working hypercalls. */
static struct cpu *peer_cpu(struct ktest *t, u32 feature, const char *name)
{
	struct kvm_view st = stats();

	if (smp_cpus_online() < 2) {
		ktest_skip(t, KTEST_NEEDS_SECOND_CPU);
		return NULL;
	}
	if (!(st.features & feature)) {
		ktest_skip(t, st.hypercall_faults ? "the host faults hypercall instructions: "
			   "fell back to native (suite smp covers the op)" : name);
		return NULL;
	}
	return smp_other_cpu();
}

#define PV_IPI_VECTOR 0x35
static void pv_ipi_irq(struct trap_frame *f)
{
	(void)f;
	__atomic_add_fetch(&this_cpu()->scratch[1], 1, __ATOMIC_SEQ_CST);
	pvops_apic_eoi();
}

static void pv_send_ipi_to_other_cpu(struct ktest *t)
{
	struct cpu *peer = peer_cpu(t, F_PV_SEND_IPI, "PV send IPI not offered");
	struct kvm_view s0 = stats();
	struct pvops_cpu_set set;

	if (!peer)
		return;
	peer->scratch[1] = 0;
	set_irq_handler(PV_IPI_VECTOR, pv_ipi_irq);
	pvops_cpu_set_clear(&set);
	pvops_cpu_set_add(&set, peer->id);
	pvops_apic_send_ipi_mask(&set, PV_IPI_VECTOR);
	KT_WAIT_UNTIL(t, __atomic_load_n(&peer->scratch[1], __ATOMIC_SEQ_CST),
		      "the PV IPI reaching CPU %u", peer->id);
	ktest_delay_ns(1000000);	/* a window for a duplicate (a later one passes unseen) */
	set_irq_handler(PV_IPI_VECTOR, NULL);
	KT_EXPECT_EQ(t, peer->scratch[1], 1);
	KT_EXPECT_EQ(t, stats().ipi_hypercalls, s0.ipi_hypercalls + 1);
}

/* Each flush is either left to KVM (the vCPU was preempted) or shot down: never both. */
static void pv_tlb_flush_spares_preempted_cpu(struct ktest *t)
{
	struct cpu *peer = peer_cpu(t, F_PV_TLB_FLUSH, "PV TLB flush not offered");
	struct kvm_view s0 = stats();
	struct pvops_cpu_set set;
	u32 i, deferred;

	if (!peer)
		return;
	pvops_cpu_set_clear(&set);
	pvops_cpu_set_add(&set, peer->id);
	ktest_shootdowns = 0;
	for (i = 0; i < 200; i++)
		pvops_mmu_flush_tlb_multi(&set, PVOPS_FLUSH_ALL, ktest_counted_shootdown);
	deferred = (u32)(stats().flushes_deferred - s0.flushes_deferred);
	printk("    # pv_tlb_flush_spares_preempted_cpu: 200 flushes: %u left to KVM "
	       "(preempted), %u shot down\n", deferred, ktest_shootdowns);
	KT_EXPECT_EQ(t, deferred + ktest_shootdowns, 200);
}

static void pv_unhalt_kick_wakes_waiter(struct ktest *t)
{
	struct cpu *peer = peer_cpu(t, F_PV_UNHALT, "PV unhalt not offered");
	struct kvm_view s0 = stats();

	if (!peer)
		return;
	pvops_lock_kick(peer->id);	/* nobody waits: harmless */
	KT_EXPECT_EQ(t, stats().kicks, s0.kicks + 1);
}

static const struct ktest_case kvm_cases[] = {
	KTEST_CASE(each_feature_on_its_own_bit),
	KTEST_CASE(kvmclock_monotonic_at_tsc_rate),
	KTEST_CASE(pv_eoi_skips_in_timer_storm),
	KTEST_CASE(steal_time_nondecreasing),
	KTEST_CASE(wallclock_plausible),
	KTEST_CASE(lock_wait_halts_until_interrupt),
	KTEST_CASE(hypercalls_complete),
	KTEST_CASE(pv_send_ipi_to_other_cpu),
	KTEST_CASE(pv_tlb_flush_spares_preempted_cpu),
	KTEST_CASE(pv_unhalt_kick_wakes_waiter),
	{},
};
KTEST_SUITE_BACKEND(kvm, kvm_cases, "kvm");
