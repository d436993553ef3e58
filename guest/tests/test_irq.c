// SPDX-License-Identifier: MIT
/* irq ops, and the local APIC timer with its EOI through the ops. */
#include "../ktest/ktest.h"

#define X86_EFLAGS_IF 0x200
#define TIMER_COUNT 62500	/* about 1 ms at the usual 62.5 MHz (1 GHz / 16) */

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
	KT_WAIT_UNTIL(t, timer_ticks() >= t0 + 5, "5 periodic ticks (from %llu, now %llu)", t0,
		      timer_ticks());
	pvops_irq_disable();
	timer_stop();
}

static void timer_silent_with_irqs_off(struct ktest *t)
{
	u64 t0;

	pvops_irq_disable();
	timer_start_periodic(TIMER_COUNT);
	t0 = timer_ticks();
	/* 30 ms: many periods. A tick that must not come; a late one passes, never fails. */
	ktest_delay_ns(30000000);
	KT_EXPECT_EQ(t, timer_ticks(), t0);
	pvops_irq_enable();		/* the pending tick arrives now */
	KT_WAIT_UNTIL(t, timer_ticks() >= t0 + 1, "the tick held while interrupts were off");
	pvops_irq_disable();
	timer_stop();
}

static void safe_halt_wakes_on_timer(struct ktest *t)
{
	u64 t0;
	u32 halts;

	pvops_irq_disable();
	t0 = timer_ticks();
	KT_ASSERT(t, !pvops_time_timer_oneshot(2000000, TIMER_VECTOR));	/* 2 ms */
	/* sti; hlt until the tick: it cannot slip in between the check and the halt. */
	halts = ktest_halt_until_tick(t0, KTEST_DEADLINE_NS);
	KT_EXPECT_MSG(t, timer_ticks() == t0 + 1, "ticks %llu -> %llu after %u safe halts",
		      t0, timer_ticks(), halts);
	KT_EXPECT_MSG(t, halts <= 10, "%u halts before the timer", halts);
}

#define HALT_TICKS 3

/*
 * irq.halt (hlt, interrupts as they are) sleeps until an interrupt. With
 * interrupts on, a tick may land between the loop's check and the halt:
 * the timer is periodic, so the next one ends that halt (a one-shot tick
 * lost there would leave the CPU halted for good).
 */
/*
 * With the timer periodic (about 5 ms) and interrupts on, call wait() until
 * HALT_TICKS ticks came (within the deadline); expect them, and return how
 * many times wait() ran. Periodic: a tick landing between the loop's check
 * and the wait is followed by the next one.
 */
static u32 wait_for_ticks(struct ktest *t, void (*wait)(void))
{
	u64 t0;
	u32 waits = 0;

	pvops_irq_disable();
	t0 = timer_ticks();
	timer_start_periodic(TIMER_COUNT * 5);
	pvops_irq_enable();
	ktest_wait_until(({
		bool __done = timer_ticks() >= t0 + HALT_TICKS;

		if (!__done) {
			wait();
			waits++;
		}
		__done;
	}), KTEST_DEADLINE_NS);
	pvops_irq_disable();
	timer_stop();
	KT_EXPECT_MSG(t, timer_ticks() >= t0 + HALT_TICKS, "ticks %llu -> %llu", t0,
		      timer_ticks());
	return waits;
}

static void halt_once(void)
{
	pvops_irq_halt();
}

static void halt_waits_for_interrupt(struct ktest *t)
{
	u32 halts = wait_for_ticks(t, halt_once);

	/*
	 * halt slept until an interrupt: a halt that returned at once would go
	 * round this loop thousands of times in three periods. (Only other
	 * interrupts add halts; no time is asserted.)
	 */
	KT_EXPECT_MSG(t, halts <= HALT_TICKS + 10, "%u halts for %u ticks", halts, HALT_TICKS);
}

/*
 * ABI 1.3: cpu.monitor and cpu.mwait. Armed on a line of this case's, with
 * interrupts on and the timer periodic, mwait returns by a tick at the
 * latest (a tick between the arming and the mwait is followed by the next
 * one), as halt does above. Where monitor says -PVOPS_ENOTSUP (no MONITOR in CPUID leaf
 * 1, or Xen PV), mwait returns at once.
 */
static volatile u64 mwait_line[8] __attribute__((aligned(64)));

static void monitor_mwait_once(void)
{
	pvops_cpu_monitor(mwait_line, 0, 0);
	pvops_cpu_mwait(0, 0);
}

static void mwait_waits_for_interrupt(struct ktest *t)
{
	struct pvops_cpuid_regs r;
	u32 waits;
	int rc;

	pvops_cpu_cpuid(1, 0, &r);
	rc = pvops_cpu_monitor(mwait_line, 0, 0);
	if (rc == -PVOPS_ENOTSUP) {
		pvops_cpu_mwait(0, 0);	/* a pause: returns */
		KT_ASSERT_MSG(t, !(r.ecx & (1U << 3)) || pvops_backend_is("xen-pv"),
			      "cpu.monitor refused though CPUID leaf 1 has MONITOR (ecx %#x)", r.ecx);
		ktest_skip(t, "no MONITOR/MWAIT (CPUID 1 ECX bit 3, or Xen PV): monitor refused, "
			   "mwait returned");
		return;
	}
	KT_ASSERT_MSG(t, rc == 0, "cpu.monitor returned %d", rc);
	waits = wait_for_ticks(t, monitor_mwait_once);
	/* MWAIT may return early for any reason (QEMU's TCG with 2 CPUs always does). */
	printk("    # mwait_waits_for_interrupt: %u mwaits for %u ticks\n", waits, HALT_TICKS);
}

/*
 * ABI 1.3: apic.read and apic.write. The ID register holds this CPU's APIC
 * id (whole in x2APIC mode, bits 31:24 in xAPIC mode), the version register
 * an integrated APIC's, and the TPR keeps what is written.
 */
static void registers_read_and_written(struct ktest *t)
{
	u32 id, ver, me = cpuid_apic_id();

	if (!(pvops_backend_caps() & PVOPS_CAP_PRIVILEGED)) {
		ktest_skip(t, "no local APIC of the kernel's under this backend");
		return;
	}
	id = pvops_apic_read(0x20);
	ver = pvops_apic_read(0x30);
	printk("    # registers_read_and_written: ID %#x, version %#x (APIC id %u)\n", id, ver, me);
	KT_EXPECT_MSG(t, id == me || id >> 24 == me, "ID register %#x, APIC id %u", id, me);
	KT_EXPECT_MSG(t, (ver & 0xff) >= 0x10 && (ver & 0xff) <= 0x1f && ((ver >> 16) & 0xff) >= 3,
		      "version register %#x: not an integrated APIC's", ver);
	pvops_apic_write(0x80, 0x20);
	KT_EXPECT_EQ(t, pvops_apic_read(0x80) & 0xff, 0x20);
	pvops_apic_write(0x80, 0);
	KT_EXPECT_EQ(t, pvops_apic_read(0x80) & 0xff, 0);
}

/* ABI 1.3: the rate of apic.timer_set's ticks is known once the APIC is set up. */
static void timer_rate_known(struct ktest *t)
{
	u64 hz = pvops_apic_timer_hz();

	printk("    # timer_rate_known: %llu Hz\n", hz);
	KT_EXPECT_MSG(t, hz >= 1000000 && hz <= 10000000000ULL,
		      "apic.timer_hz %llu Hz: not a plausible timer (1 MHz to 10 GHz)", hz);
}

static void self_ipi_delivered_once(struct ktest *t)
{
	ktest_ipi_arm();
	pvops_apic_send_ipi(0xffffffffU, TEST_IPI_VECTOR);
	KT_EXPECT_EQ(t, ktest_ipi_count(), 0);	/* masked while interrupts are off */
	KT_EXPECT_EQ(t, ktest_ipi_wait(KTEST_DEADLINE_NS), 1);
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
	KTEST_CASE(mwait_waits_for_interrupt),
	KTEST_CASE(self_ipi_delivered_once),
	KTEST_CASE(timer_rate_known),
	KTEST_CASE(registers_read_and_written),
	{},
};
KTEST_SUITE_SKIP(apic, apic_cases, ktest_needs_apic);
