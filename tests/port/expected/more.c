/* More spellings: macros, an MSR number moved into %ecx inside the asm, a "g" operand,
 * flags named *_BIT and *_FLAGS_PRESENT, a table known by what is stored into it. */
#include "cpu.h"
#include <pvops/port.h>

#define irq_off() pvops_irq_disable();
#define irq_on() pvops_irq_enable()
#define PRESENT_BIT 1
#define WRITE_BIT 2
#define VMM_FLAGS_PRESENT 1
#define APIC_EOI_REGISTER_OFFSET 0xB0

extern void write_apic_register(u32 reg, u32 v);
extern u64 *table_at(u64 pa);

u64 msr_read(u32 address)
{
	u32 low = 0, high = 0;

	{
		pvops_u64 __pvops_msr = pvops_cpu_read_msr(address);
		low = (__typeof__(low))__pvops_msr;
		high = (__typeof__(high))(__pvops_msr >> 32);
	}
	return (u64)low | ((u64)high << 32);
}

struct idtr_t {
	u16 limit;
	u64 base;
} __attribute__((packed)) idtr;

void idt_load(void)
{
	pvops_cpu_load_idt((const struct pvops_desc_ptr *)(&idtr));
}

void handler_done(void)
{
	pvops_apic_eoi();
}

void link(u64 *root, int i, u64 next, u64 huge_pa)
{
	if (!(pvops_pte_load(&root[i]) & PRESENT_BIT))
		pvops_pte_store(&root[i], next | WRITE_BIT | PRESENT_BIT);
	pvops_pte_store(&root[i + 1], huge_pa | 0x80);
}

void map_user(u64 *pd, int i, u64 pa)
{
	pvops_pte_store(&pd[i], pa | VMM_FLAGS_PRESENT);
}
