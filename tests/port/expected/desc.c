/* Descriptor tables, one instruction per statement inside other code. */
#include "cpu.h"
#include <pvops/port.h>

struct dtr {
	u16 limit;
	u64 base;
} __attribute__((packed));

static struct dtr gdtr, idtr;

void load_tables(u16 tss_sel)
{
	pvops_cpu_load_gdt((const struct pvops_desc_ptr *)(&gdtr));
	pvops_cpu_load_idt((const struct pvops_desc_ptr *)(&idtr));
	pvops_cpu_load_tr(tss_sel);
	pvops_cpu_clts();
}

void return_to_user(void)
{
	/* pvops-port: left: a privileged instruction no op covers (tools/pvops-port -v says which) */
	asm volatile("swapgs; iretq");
}

void set_cr2(u64 v)
{
	/* pvops-port: left: a privileged instruction no op covers (tools/pvops-port -v says which) */
	asm volatile("mov %0, %%cr2" : : "r"(v));
}

u64 ticks(void)
{
	return rdtsc();
}
