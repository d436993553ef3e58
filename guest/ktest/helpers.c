// SPDX-License-Identifier: MIT
/*
 * What several suites do with interrupts: count the IPIs of the test
 * vector that arrive, run a periodic timer storm, count shootdowns.
 */
#include "ktest.h"

static volatile u32 ipis;

const char *ktest_needs_apic(void)
{
	return timer_ready() ? NULL : "no local APIC timer";
}

static void count_ipi(struct trap_frame *f)
{
	(void)f;
	ipis++;
	pvops_apic_eoi();
}

void ktest_ipi_arm(void)
{
	pvops_irq_disable();
	ipis = 0;
	set_irq_handler(TEST_IPI_VECTOR, count_ipi);
}

u32 ktest_ipi_count(void)
{
	return ipis;
}

u32 ktest_ipi_wait(u64 max_ns)
{
	pvops_irq_enable();
	ktest_wait_until(ipis, max_ns);
	/*
	 * A window for a second delivery, which must not come: one that comes
	 * later than this passes unseen, so this wait can never fail a test.
	 */
	ktest_delay_ns(1000000);
	pvops_irq_disable();
	set_irq_handler(TEST_IPI_VECTOR, NULL);
	return ipis;
}

u64 ktest_timer_storm(u32 n, u32 count, u64 max_ns)
{
	u64 t0 = timer_ticks(), c0 = pvops_time_clock_ns();

	timer_start_periodic(count);
	pvops_irq_enable();
	while (timer_ticks() < t0 + n && pvops_time_clock_ns() - c0 < max_ns)
		pvops_irq_halt();
	pvops_irq_disable();
	timer_stop();
	return timer_ticks() - t0;
}

u32 ktest_halt_until_tick(u64 t0, u64 max_ns)
{
	u64 c0 = pvops_time_clock_ns();
	u32 halts = 0;

	while (timer_ticks() == t0 && pvops_time_clock_ns() - c0 < max_ns) {
		pvops_irq_safe_halt();	/* sti; hlt: the tick cannot slip in between */
		pvops_irq_disable();
		halts++;
	}
	return halts;
}

u64 ktest_counter(const char *name)
{
	u64 v;

	pvops_counter_read(name, &v);
	return v;
}

u32 ktest_features(const char *const *names, u32 n)
{
	u32 i, bits = 0;

	for (i = 0; i < n; i++)
		if (pvops_feature_in_use(names[i]))
			bits |= 1U << i;
	return bits;
}

/* Any backend that avoids EOIs counts both (<pvops/introspect.h>): none is named here. */
bool ktest_eoi_counts(u64 *written, u64 *skipped)
{
	bool counted = !pvops_counter_read("eoi_written", written);

	return !pvops_counter_read("eoi_skipped", skipped) && counted;
}

void ktest_eoi_storm(u32 n, u32 count, u64 max_ns, struct ktest_eoi_storm *r)
{
	u64 w0, s0, w1, s1;

	ktest_eoi_counts(&w0, &s0);
	r->ticks = ktest_timer_storm(n, count, max_ns);
	ktest_eoi_counts(&w1, &s1);
	r->written = w1 - w0;
	r->skipped = s1 - s0;
}

u32 ktest_shootdowns;

void ktest_counted_shootdown(const struct pvops_cpu_set *cpus, u64 va)
{
	ktest_shootdowns++;
	smp_shootdown(cpus, va);
}
