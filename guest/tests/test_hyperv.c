// SPDX-License-Identifier: MIT
/*
 * What the Hyper-V backend promises, checked against the hypervisor that
 * implements the interface: hypercall status values (the TLFS codes for
 * success, an unknown call and a bad parameter), EOIs skipped through the
 * APIC-assist word during a timer storm with no tick lost, the flush and
 * IPI hypercalls behind the ops, synthetic-timer messages taken, and the
 * clock on the partition reference time.
 */
#include "../ktest/ktest.h"
#include <pvops/hyperv.h>

#define STORM_TICKS 100
#define TIMER_COUNT 62500
#define HV_MSR_TIME_REF_COUNT 0x40000020
#define HVCALL_NOTIFY_LONG_SPIN_WAIT 0x0008
#define HVCALL_SEND_SYNTHETIC_CLUSTER_IPI 0x000b
#define HV_FAST (1ULL << 16)

/* The backend's features this suite looks at, as bits (names: <pvops/introspect.h>). */
static const char *const feature_names[] = {
	"hypercall-page", "ref-tsc-page", "time-ref-count", "apic-assist", "flush-hypercalls",
	"cluster-ipi", "stimer",
};
#define F_HYPERCALL_PAGE (1U << 0)
#define F_REF_TSC_PAGE (1U << 1)
#define F_TIME_REF_COUNT (1U << 2)
#define F_APIC_ASSIST (1U << 3)
#define F_FLUSH_HYPERCALL (1U << 4)
#define F_CLUSTER_IPI (1U << 5)
#define F_STIMER (1U << 6)

/* One snapshot: the features in use, the counters, the retries leaf. */
struct hv_view {
	u32 features, spin_retries;
	u64 hypercalls, hypercall_failures, flush_hypercalls, flush_fallbacks, ipi_hypercalls;
	u64 stimer_messages, long_spin_notifies;
};

static struct hv_view stats(void)
{
	struct pvops_hyperv_info info = { 0 };
	struct hv_view v = { 0 };

	pvops_hyperv_get_info(&info);
	v.features = ktest_features(feature_names, sizeof(feature_names) / sizeof(feature_names[0]));
	v.spin_retries = info.spin_retries;
	v.hypercalls = ktest_counter("hypercalls");
	v.hypercall_failures = ktest_counter("hypercall_failures");
	v.flush_hypercalls = ktest_counter("flush_hypercalls");
	v.flush_fallbacks = ktest_counter("flush_fallbacks");
	v.ipi_hypercalls = ktest_counter("ipi_hypercalls");
	v.stimer_messages = ktest_counter("stimer_messages");
	v.long_spin_notifies = ktest_counter("long_spin_notifies");
	return v;
}

static void expect_status(struct ktest *t, const char *what, u64 r, u16 want)
{
	printk("    # hypercall_status_values: %s -> %#llx (%s)\n", what, r,
	       pvops_hyperv_status_name((u16)r));
	KT_EXPECT_MSG(t, (u16)r == want, "%s: status %#x, expected %#x", what, (u16)r, want);
}

static void hypercall_status_values(struct ktest *t)
{
	struct hv_view s0 = stats(), s1;

	expect_status(t, "HvCallNotifyLongSpinWait(1)", pvops_hyperv_notify_long_spin_wait(1),
		      0x0000);
	expect_status(t, "call code 0x99", pvops_hyperv_hypercall(0x99 | HV_FAST, 0, 0), 0x0002);
	expect_status(t, "cluster IPI, vector 5",
		      pvops_hyperv_hypercall(HVCALL_SEND_SYNTHETIC_CLUSTER_IPI | HV_FAST, 5, 1),
		      0x0005);
	s1 = stats();
	KT_EXPECT_EQ(t, s1.hypercalls, s0.hypercalls + 3);
	KT_EXPECT_EQ(t, s1.hypercall_failures, s0.hypercall_failures + 2);
}

/* The clock is the partition reference time: 100 ns units of the MSR, or the TSC page. */
static void clock_is_reference_time(struct ktest *t)
{
	u32 f = stats().features;
	u64 a, r, b;

	KT_EXPECT(t, f & (F_REF_TSC_PAGE | F_TIME_REF_COUNT));
	a = pvops_time_clock_ns();
	r = pvops_cpu_read_msr(HV_MSR_TIME_REF_COUNT) * 100;
	b = pvops_time_clock_ns();
	KT_EXPECT_MSG(t, a <= r + 100 && r <= b + 100, "clock %llu, reference %llu, clock %llu",
		      a, r, b);
}


/*
 * A periodic timer storm: every tick arrives, and at least some of the
 * EOIs were made unnecessary by the hypervisor's APIC-assist bit.
 */
static void apic_assist_skips_eois(struct ktest *t)
{
	struct ktest_eoi_storm r;

	if (!(stats().features & F_APIC_ASSIST)) {
		ktest_skip(t, "no VP assist page (APIC access MSRs not offered)");
		return;
	}
	if (!timer_ready()) {
		ktest_skip(t, "no local APIC timer");
		return;
	}
	ktest_eoi_storm(STORM_TICKS, TIMER_COUNT, KTEST_DEADLINE_NS, &r);
	printk("    # apic_assist_skips_eois: %llu ticks, EOIs skipped %llu, written %llu\n",
	       r.ticks, r.skipped, r.written);
	KT_EXPECT(t, r.ticks >= STORM_TICKS);
	KT_EXPECT(t, r.skipped > 0);
	KT_EXPECT_EQ(t, r.skipped + r.written, r.ticks);
}

static void flushes_go_through_hypercalls(struct ktest *t)
{
	struct hv_view s0 = stats(), s1;

	if (!(s0.features & F_FLUSH_HYPERCALL)) {
		ktest_skip(t, "no hypercall page");
		return;
	}
	/* Local flushes are native: a hypercall costs more than invlpg. */
	pvops_mmu_flush_tlb_one(SCRATCH_BASE);
	pvops_mmu_flush_tlb_local();
	pvops_mmu_flush_tlb_all();
	s1 = stats();
	KT_EXPECT_EQ(t, s1.flush_hypercalls, s0.flush_hypercalls);
	if (smp_cpus_online() < 2)
		return;
	/* Another CPU: one hypercall per flush, and no shootdown left to the kernel. */
	{
		struct pvops_cpu_set set;

		smp_others(&set);
		ktest_shootdowns = 0;
		pvops_mmu_flush_tlb_multi(&set, SCRATCH_BASE, ktest_counted_shootdown);
		pvops_mmu_flush_tlb_multi(&set, PVOPS_FLUSH_ALL, ktest_counted_shootdown);
		s1 = stats();
		KT_EXPECT_EQ(t, s1.flush_hypercalls, s0.flush_hypercalls + 2);
		KT_EXPECT_EQ(t, s1.flush_fallbacks, s0.flush_fallbacks);
		KT_EXPECT_EQ(t, ktest_shootdowns, 0);
	}
}

/*
 * lock.wait spins and, after the retries the hypervisor asked for (CPUID
 * 0x40000004 EBX), notifies it once; a wait that finds the value moved
 * starts the count over and notifies nothing.
 */
static void lock_wait_notifies_long_spin(struct ktest *t)
{
	struct hv_view s0 = stats(), s1;
	volatile u8 byte = 0;
	u32 i, n = s0.spin_retries;

	if (!(s0.features & F_HYPERCALL_PAGE)) {
		ktest_skip(t, "no hypercall page");
		return;
	}
	if (!n || n == 0xffffffffU) {
		static char why[96];

		/* Xen's viridian fills leaf 4 only for a Windows-style guest OS id. */
		pvops_snprintf(why, sizeof(why),
			       "the hypervisor recommends no spin notification "
			       "(CPUID 0x40000004 EBX = %#x)", n);
		ktest_skip(t, why);
		return;
	}
	byte = 1;
	pvops_lock_wait(&byte, 0);	/* moved: the count starts over */
	byte = 0;
	for (i = 0; i + 1 < n; i++)
		pvops_lock_wait(&byte, 0);
	s1 = stats();
	KT_EXPECT_EQ(t, s1.long_spin_notifies, s0.long_spin_notifies);
	pvops_lock_wait(&byte, 0);	/* the n-th retry */
	s1 = stats();
	KT_EXPECT_EQ(t, s1.long_spin_notifies, s0.long_spin_notifies + 1);
	KT_EXPECT_EQ(t, s1.hypercalls, s0.hypercalls + 1);
	KT_EXPECT_EQ(t, s1.hypercall_failures, s0.hypercall_failures);
	printk("    # lock_wait_notifies_long_spin: %u retries, then one HvCallNotifyLongSpinWait\n", n);
}

static void self_ipi_through_hypercall(struct ktest *t)
{
	struct hv_view s0 = stats();

	if (!(s0.features & F_CLUSTER_IPI)) {
		ktest_skip(t, "no hypercall page");
		return;
	}
	ktest_ipi_arm();
	pvops_apic_send_ipi(0xffffffffU, TEST_IPI_VECTOR);
	KT_EXPECT_EQ(t, ktest_ipi_count(), 0);	/* held while interrupts are off */
	KT_EXPECT_EQ(t, ktest_ipi_wait(KTEST_DEADLINE_NS), 1);
	KT_EXPECT_EQ(t, stats().ipi_hypercalls, s0.ipi_hypercalls + 1);
	KT_EXPECT_EQ(t, stats().hypercall_failures, s0.hypercall_failures);
}

static void stimer_message_taken(struct ktest *t)
{
	struct hv_view s0 = stats();
	u64 t0 = timer_ticks();

	if (!(s0.features & F_STIMER)) {
		ktest_skip(t, "no synthetic timers (SynIC and STIMER privileges not offered)");
		return;
	}
	pvops_irq_disable();
	KT_ASSERT(t, !pvops_time_timer_oneshot(1000000, TIMER_VECTOR));
	ktest_halt_until_tick(t0, KTEST_DEADLINE_NS);
	KT_EXPECT_EQ(t, timer_ticks(), t0 + 1);
	KT_EXPECT_EQ(t, stats().stimer_messages, s0.stimer_messages + 1);
}

static const struct ktest_case hyperv_cases[] = {
	KTEST_CASE(hypercall_status_values),
	KTEST_CASE(clock_is_reference_time),
	KTEST_CASE(apic_assist_skips_eois),
	KTEST_CASE(flushes_go_through_hypercalls),
	KTEST_CASE(self_ipi_through_hypercall),
	KTEST_CASE(lock_wait_notifies_long_spin),
	KTEST_CASE(stimer_message_taken),
	{},
};
KTEST_SUITE_BACKEND(hyperv, hyperv_cases, "hyperv");
