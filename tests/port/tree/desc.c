/* Descriptor tables, one instruction per statement inside other code. */
#include "cpu.h"

struct dtr {
	u16 limit;
	u64 base;
} __attribute__((packed));

static struct dtr gdtr, idtr;

void load_tables(u16 tss_sel)
{
	asm volatile("lgdt %0" : : "m"(gdtr));
	__asm__ volatile("lidt (%0)" : : "r"(&idtr));
	asm volatile("ltr %0" : : "r"(tss_sel));
	asm volatile("clts");
}

void return_to_user(void)
{
	asm volatile("swapgs; iretq");
}

void set_cr2(u64 v)
{
	asm volatile("mov %0, %%cr2" : : "r"(v));
}

u64 ticks(void)
{
	return rdtsc();
}
