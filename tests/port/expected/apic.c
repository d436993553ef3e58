/* Local APIC EOI, the ways kernels write it. */
#include "cpu.h"
#include <pvops/port.h>

#define LAPIC_EOI 0x0B0
#define LAPIC_TPR 0x080
#define EOI (0x00B0 / 4)
#define X2APIC_EOI_MSR 0x80b

extern volatile u32 *lapic;
extern unsigned long lapic_base;

static void lapic_write(u32 reg, u32 v)
{
	*(volatile u32 *)(lapic_base + reg) = v;
}

static void lapicw(int index, int value)
{
	lapic[index] = value;
}

void eoi_a(void)
{
	pvops_apic_eoi();
}

void eoi_b(void)
{
	pvops_apic_eoi();
}

void eoi_c(void)
{
	pvops_apic_eoi();
}

void eoi_d(void)
{
	pvops_apic_eoi();
}

void eoi_e(void)
{
	pvops_apic_eoi();
}

void eoi_f(void)
{
	pvops_apic_eoi();
}

void not_eoi(void)
{
	lapic_write(LAPIC_TPR, 0);
	lapicw(0x300 / 4, 0x4500);
}

void raw_on_purpose(void)
{
	/* pvops-port: raw (a benchmark of the bare store) */
	lapic[EOI] = 0;
}
