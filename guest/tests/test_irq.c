// SPDX-License-Identifier: MIT
/* irq ops, and the local APIC timer with its EOI through the ops. */
#include "../ktest.h"

#define X86_EFLAGS_IF 0x200
#define WAIT_NS 2000000000ULL	/* bound for a wait that must succeed */
#define TIMER_COUNT 62500	/* about 1 ms at the usual 62.5 MHz (1 GHz / 16) */

/* Wait (interrupts as they are) until the tick count reaches target. */
static bool wait_ticks(u64 target, u64 bound_ns)
{
	u64 t0 = pvops_time_clock_ns();

	while (timer_ticks() < target)
		if (pvops_time_clock_ns() - t0 > bound_ns)
			return false;
	return true;
}

static void save_restore_exact(struct ktest *t)
{
	u64 f0 = pvops_irq_save_fl(), f1;

	pvops_irq_disable();
	f1 = pvops_irq_save_fl();
	KT_EXPECT(t, !(f1 & X86_EFLAGS_IF));
	pvops_irq_restore_fl(f0);
	KT_EXPECT_EQ(t, pvops_irq_save_fl(), f0);

	/* The other way round: a disabled state is restored exactly too. */
	pvops_irq_enable();
	f1 = pvops_irq_save_fl();
	KT_EXPECT(t, f1 & X86_EFLAGS_IF);
	pvops_irq_disable();
	pvops_irq_restore_fl(f1);
	KT_EXPECT_EQ(t, pvops_irq_save_fl(), f1);
	pvops_irq_restore_fl(f0);
	KT_EXPECT_EQ(t, pvops_irq_save_fl(), f0);
}

static void disable_enable(struct ktest *t)
{
	u64 f0 = pvops_irq_save_fl();

	pvops_irq_enable();
	KT_EXPECT(t, pvops_irq_save_fl() & X86_EFLAGS_IF);
	pvops_irq_disable();
	KT_EXPECT(t, !(pvops_irq_save_fl() & X86_EFLAGS_IF));
	pvops_irq_restore_fl(f0);
}

static void timer_ticks_with_irqs_on(struct ktest *t)
{
	u64 t0 = timer_ticks();

	timer_start_periodic(TIMER_COUNT);
	pvops_irq_enable();
	/* Five ticks: each one needs the previous EOI to have been written. */
	KT_EXPECT_MSG(t, wait_ticks(t0 + 5, WAIT_NS), "ticks %llu -> %llu", t0, timer_ticks());
	pvops_irq_disable();
	timer_stop();
}

static void timer_silent_with_irqs_off(struct ktest *t)
{
	u64 t0;

	pvops_irq_disable();
	timer_start_periodic(TIMER_COUNT);
	t0 = timer_ticks();
	ktest_delay_ns(30000000);	/* 30 ms: many periods */
	KT_EXPECT_EQ(t, timer_ticks(), t0);
	pvops_irq_enable();		/* the pending tick arrives now */
	KT_EXPECT(t, wait_ticks(t0 + 1, WAIT_NS));
	pvops_irq_disable();
	timer_stop();
}

static void safe_halt_wakes_on_timer(struct ktest *t)
{
	u64 t0;

	pvops_irq_disable();
	t0 = timer_ticks();
	KT_ASSERT(t, !pvops_time_timer_oneshot(2000000, TIMER_VECTOR));	/* 2 ms */
	pvops_irq_safe_halt();	/* sti; hlt: the tick cannot slip in between */
	KT_EXPECT(t, pvops_irq_save_fl() & X86_EFLAGS_IF);
	pvops_irq_disable();
	KT_EXPECT_EQ(t, timer_ticks(), t0 + 1);
}

static void halt_waits_for_interrupt(struct ktest *t)
{
	u64 t0, c0;
	u32 halts = 0;

	pvops_irq_disable();
	t0 = timer_ticks();
	c0 = pvops_time_clock_ns();
	KT_ASSERT(t, !pvops_time_timer_oneshot(5000000, TIMER_VECTOR));	/* 5 ms */
	pvops_irq_enable();
	while (timer_ticks() == t0 && pvops_time_clock_ns() - c0 < WAIT_NS) {
		pvops_irq_halt();
		halts++;
	}
	pvops_irq_disable();
	KT_EXPECT_EQ(t, timer_ticks(), t0 + 1);
	/*
	 * halt slept until an interrupt: a halt that returned at once would
	 * have gone round this loop thousands of times in 5 ms. (No time is
	 * asserted: a loaded host may stretch or shrink what the clock sees.)
	 */
	KT_EXPECT_MSG(t, halts <= 10, "%u halts before the timer", halts);
}

static void self_ipi_delivered_once(struct ktest *t)
{
	ktest_ipi_arm();
	pvops_apic_send_ipi(0xffffffffU, TEST_IPI_VECTOR);
	KT_EXPECT_EQ(t, ktest_ipi_count(), 0);	/* masked while interrupts are off */
	KT_EXPECT_EQ(t, ktest_ipi_wait(WAIT_NS), 1);
}

static const struct ktest_case irq_cases[] = {
	KTEST_CASE(save_restore_exact),
	KTEST_CASE(disable_enable),
	{},
};
KTEST_SUITE(irq, irq_cases);

static const struct ktest_case apic_cases[] = {
	KTEST_CASE(timer_ticks_with_irqs_on),
	KTEST_CASE(timer_silent_with_irqs_off),
	KTEST_CASE(safe_halt_wakes_on_timer),
	KTEST_CASE(halt_waits_for_interrupt),
	KTEST_CASE(self_ipi_delivered_once),
	{},
};
KTEST_SUITE_SKIP(apic, apic_cases, ktest_needs_apic);
