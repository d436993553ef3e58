/* More spellings: macros, an MSR number moved into %ecx inside the asm, a "g" operand,
 * flags named *_BIT and *_FLAGS_PRESENT, a table known by what is stored into it. */
#include "cpu.h"

#define irq_off() __asm__ __volatile__("cli");
#define irq_on() __asm__ __volatile__("sti")
#define PRESENT_BIT 1
#define WRITE_BIT 2
#define VMM_FLAGS_PRESENT 1
#define APIC_EOI_REGISTER_OFFSET 0xB0

extern void write_apic_register(u32 reg, u32 v);
extern u64 *table_at(u64 pa);

u64 msr_read(u32 address)
{
	u32 low = 0, high = 0;

	asm("movl %2, %%ecx;"
	    "rdmsr;"
	    : "=a"(low), "=d"(high)
	    : "g"(address));
	return (u64)low | ((u64)high << 32);
}

struct idtr_t {
	u16 limit;
	u64 base;
} __attribute__((packed)) idtr;

void idt_load(void)
{
	__asm__ __volatile__("lidt %0" : : "g"(idtr));
}

void handler_done(void)
{
	write_apic_register(APIC_EOI_REGISTER_OFFSET, 0x0l);
}

void link(u64 *root, int i, u64 next, u64 huge_pa)
{
	if (!(root[i] & PRESENT_BIT))
		root[i] = next | WRITE_BIT | PRESENT_BIT;
	root[i + 1] = huge_pa | 0x80;
}

void map_user(u64 *pd, int i, u64 pa)
{
	pd[i] = pa | VMM_FLAGS_PRESENT;
}
