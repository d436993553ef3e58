/* SPDX-License-Identifier: MIT */
/*
 * A KUnit-style test framework for the reference guest. Suites print KTAP
 * version 1 on the console, nested one level as KUnit does.
 *
 *	static void my_case(struct ktest *t) { KT_EXPECT(t, 1 + 1 == 2); }
 *	static const struct ktest_case my_cases[] = { KTEST_CASE(my_case), {} };
 *	KTEST_SUITE(my_suite, my_cases);
 */
#ifndef GUEST_KTEST_H
#define GUEST_KTEST_H

#include "../kernel.h"

struct ktest {
	const char *name;
	bool failed;
	bool skipped;
	char skip_reason[96];
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;
	/* Optional: skip the whole suite with a reason when it returns one. */
	const char *(*skip)(void);
	/* Optional: the suite tests this backend; skipped under any other. */
	const char *backend;
};

#define KTEST_CASE(fn) { #fn, fn }
#define KTEST_SUITE(sym, cases_) \
	static const struct ktest_suite __ktest_##sym			\
	__attribute__((used, section(".ktest_suites"), aligned(8))) =	\
		{ #sym, cases_, NULL, NULL }
#define KTEST_SUITE_SKIP(sym, cases_, skip_fn) \
	static const struct ktest_suite __ktest_##sym			\
	__attribute__((used, section(".ktest_suites"), aligned(8))) =	\
		{ #sym, cases_, skip_fn, NULL }
/* A backend's own suite: "the NAME backend is not in use" under the others. */
#define KTEST_SUITE_BACKEND(sym, cases_, name_) \
	static const struct ktest_suite __ktest_##sym			\
	__attribute__((used, section(".ktest_suites"), aligned(8))) =	\
		{ #sym, cases_, NULL, name_ }

/* The skip reason of the cases that need a second CPU. */
#define KTEST_NEEDS_SECOND_CPU "one CPU: the machine lists one (the matrix boots each environment with 2 as well)"

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void ktest_skip(struct ktest *t, const char *reason);

#define KT_EXPECT(t, cond) \
	do { if (!(cond)) ktest_fail(t, __FILE__, __LINE__, "expected %s", #cond); } while (0)
#define KT_EXPECT_MSG(t, cond, fmt, ...) \
	do { if (!(cond)) ktest_fail(t, __FILE__, __LINE__, "expected %s: " fmt, #cond, \
				     ##__VA_ARGS__); } while (0)
#define KT_EXPECT_EQ(t, a, b)						\
	do {								\
		u64 __a = (u64)(a), __b = (u64)(b);			\
		if (__a != __b)						\
			ktest_fail(t, __FILE__, __LINE__, "%s == %s: %#llx != %#llx", \
				   #a, #b, __a, __b);			\
	} while (0)
/* Stop the case on failure. */
#define KT_ASSERT(t, cond) \
	do { if (!(cond)) { ktest_fail(t, __FILE__, __LINE__, "expected %s", #cond); return; } } while (0)
#define KT_ASSERT_MSG(t, cond, fmt, ...)					\
	do {									\
		if (!(cond)) {							\
			ktest_fail(t, __FILE__, __LINE__, "expected %s: " fmt, #cond,	\
				   ##__VA_ARGS__);				\
			return;							\
		}								\
	} while (0)

/*
 * Busy-wait on the clock op. Never to wait for another CPU, a timer or a
 * device to reach a state: poll for the state (ktest_wait_until) or
 * handshake (ktest_point). Only where nothing is asserted about the other
 * side having acted (a window for a duplicate that must not come, a span
 * of clock to measure).
 */
void ktest_delay_ns(u64 ns);

/*
 * The deadline of a wait for something that must happen: generous (a
 * loaded 2-core host runs Xen under TCG with four vCPUs), and its expiry
 * is a failure that names what never happened.
 */
#define KTEST_DEADLINE_NS 10000000000ULL	/* 10 s */

/*
 * Poll cond (re-evaluated each time round, with pause) until it holds or
 * max_ns of clock have passed; the value is whether it held.
 */
#define ktest_wait_until(cond, max_ns) ({					\
	u64 __kw_t0 = pvops_time_clock_ns();					\
	bool __kw_ok;								\
	while (!(__kw_ok = !!(cond)) &&						\
	       pvops_time_clock_ns() - __kw_t0 < (u64)(max_ns))			\
		__asm__ volatile("pause" ::: "memory");				\
	__kw_ok || !!(cond);							\
})
/*
 * ktest_wait_until with KTEST_DEADLINE_NS; on expiry the case fails with
 * "never happened within 10 s: <what>". The value is whether cond held.
 */
#define KT_WAIT_UNTIL(t, cond, what_fmt, ...) ({				\
	bool __kt_ok = ktest_wait_until(cond, KTEST_DEADLINE_NS);		\
	if (!__kt_ok)								\
		ktest_fail(t, __FILE__, __LINE__, "never happened within %llu s: " \
			   what_fmt " (waited for %s)", KTEST_DEADLINE_NS / 1000000000ULL, \
			   ##__VA_ARGS__, #cond);				\
	__kt_ok;								\
})

/*
 * A cross-CPU handshake: one CPU says it reached a point (just before it
 * waits, or once it did something), another waits for that with the
 * deadline instead of guessing how long the first needs to get there.
 *	static struct ktest_point armed;
 *	peer:	ktest_point_reach(&armed); pvops_lock_wait(...);
 *	here:	ktest_point_clear(&armed); start peer;
 *		if (!ktest_point_wait(t, &armed, "the peer reaching lock.wait")) return;
 */
struct ktest_point {
	u32 reached;	/* times the point was reached since the clear */
};
void ktest_point_clear(struct ktest_point *p);
void ktest_point_reach(struct ktest_point *p);
bool ktest_point_wait(struct ktest *t, struct ktest_point *p, const char *what);

/*
 * The clock op and the TSC read together: the tightest of a few
 * rdtsc/clock/rdtsc brackets (a vCPU preempted in between widens one);
 * *tsc is the bracket's middle, *width_cycles its width.
 */
void ktest_clock_tsc(u64 *ns, u64 *tsc, u64 *width_cycles);

/*
 * helpers.c. IPIs on TEST_IPI_VECTOR: arm (interrupts off, count
 * 0, handler set), send, then wait up to max_ns for one with interrupts on
 * (plus 1 ms for a duplicate); returns how many arrived, handler removed.
 */
void ktest_ipi_arm(void);
u32 ktest_ipi_count(void);
u32 ktest_ipi_wait(u64 max_ns);
/* The kernel's shootdown (smp_shootdown), counting its calls in ktest_shootdowns. */
extern u32 ktest_shootdowns;
void ktest_counted_shootdown(const struct pvops_cpu_set *cpus, u64 va);
/* A suite's skip function: "no local APIC timer" when the timer did not come up. */
const char *ktest_needs_apic(void);
/* The periodic timer (count ticks) with interrupts on until n ticks or max_ns: the ticks. */
u64 ktest_timer_storm(u32 n, u32 count, u64 max_ns);
/*
 * Called with interrupts off: halt until the timer tick count leaves t0 or
 * max_ns have passed, and return how many halts that took. Each halt is
 * irq.safe_halt, so a tick between the check and the halt is not lost.
 */
u32 ktest_halt_until_tick(u64 t0, u64 max_ns);
/*
 * EOIs the backend in use counted since boot (KVM PV EOI, Hyper-V APIC
 * assist): written to the APIC, and found unnecessary. false (and 0)
 * when the backend counts none.
 */
bool ktest_eoi_counts(u64 *written, u64 *skipped);
/* The backend's counter called name (<pvops/introspect.h>), 0 when it has none. */
u64 ktest_counter(const char *name);
/* Bit i set when the backend has feature names[i] in use. */
u32 ktest_features(const char *const *names, u32 n);
/* ktest_timer_storm() with the EOIs counted during it. */
struct ktest_eoi_storm {
	u64 ticks, skipped, written;
};
void ktest_eoi_storm(u32 n, u32 count, u64 max_ns, struct ktest_eoi_storm *r);

#endif
