// SPDX-License-Identifier: MIT
/*
 * The local APIC timer, through the apic ops. The legacy PIC is moved out
 * of the exception vectors and masked first, through the io ops, where the
 * platform has the legacy devices (no PVOPS_CAP_NO_LEGACY_IO).
 */
#include "kernel.h"

static volatile u64 ticks, tick_tsc;
static bool ready;

static void timer_irq(struct trap_frame *f)
{
	(void)f;
	tick_tsc = rdtsc();
	ticks++;
	pvops_apic_eoi();
}

static void pic_disable(void)
{
	/* ICW1-4: vectors 0x20-0x2f, cascade, 8086 mode; then mask all. */
	pvops_io_outb(0x20, 0x11);
	pvops_io_outb(0xa0, 0x11);
	pvops_io_outb(0x21, 0x20);
	pvops_io_outb(0xa1, 0x28);
	pvops_io_outb(0x21, 0x04);
	pvops_io_outb(0xa1, 0x02);
	pvops_io_outb(0x21, 0x01);
	pvops_io_outb(0xa1, 0x01);
	pvops_io_outb(0x21, 0xff);
	pvops_io_outb(0xa1, 0xff);
}

int timer_init(void)
{
	/* A platform without the legacy devices (a Xen PV domU) has no PIC to move. */
	if (!(pvops_backend_caps() & PVOPS_CAP_NO_LEGACY_IO))
		pic_disable();
	set_irq_handler(TIMER_VECTOR, timer_irq);
	ready = !pvops_apic_setup(SPURIOUS_VECTOR);
	return ready ? 0 : -PVOPS_ENODEV;
}

bool timer_ready(void)
{
	return ready;
}

u64 timer_ticks(void)
{
	return ticks;
}

/* The TSC when the last tick came (read first thing in its handler). */
u64 timer_last_tick_tsc(void)
{
	return tick_tsc;
}

void timer_start_periodic(u32 count)
{
	pvops_apic_timer_set(TIMER_VECTOR, count, PVOPS_TIMER_PERIODIC);
}

void timer_stop(void)
{
	pvops_apic_timer_set(TIMER_VECTOR, 0, PVOPS_TIMER_STOP);
}
