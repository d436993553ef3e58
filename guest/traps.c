// SPDX-License-Identifier: MIT
/*
 * GDT, TSS and IDT, loaded through the cpu ops, and the C side of every
 * interrupt and exception. An unexpected exception prints a dump (vector,
 * error code, rip, cr2, registers) and stops the machine.
 */
#include "kernel.h"

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __attribute__((packed));

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define TSS_SEL 0x18

/* Per CPU: GDT, TSS, the double-fault stack and the ring-0 stack (sp0). */
static u64 gdts[MAX_CPUS][5] __attribute__((aligned(16)));
static struct tss64 tsss[MAX_CPUS] __attribute__((aligned(16)));
static u8 df_stacks[MAX_CPUS][4096] __attribute__((aligned(16)));
static u8 kernel_stacks[MAX_CPUS][4096] __attribute__((aligned(16)));
static struct pvops_idt_gate idt[256] __attribute__((aligned(16)));
static irq_handler_t handlers[256];
struct fault_record last_fault;
extern const char trap_stubs[];

static const char *const exc_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
	"#BR bound range", "#UD invalid opcode", "#NM device not available",
	"#DF double fault", "coprocessor overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault", "#GP general protection",
	"#PF page fault", "reserved", "#MF x87 error", "#AC alignment check",
	"#MC machine check", "#XM SIMD error", "#VE virtualization", "#CP control protection",
};

/* TSS.rsp0 sits at offset 4: x86 allows the unaligned access. */
static u64 *rsp0_slot(u32 index)
{
	return (u64 *)(void *)((u8 *)&tsss[index] + __builtin_offsetof(struct tss64, rsp));
}

u64 *tss_rsp0_slot(void)
{
	return rsp0_slot(this_cpu()->index);
}

void set_irq_handler(u32 vector, irq_handler_t h)
{
	handlers[vector & 0xff] = h;
}

static void dump(const struct trap_frame *f, u64 cr2)
{
	const char *name = f->vector < 32 && exc_names[f->vector] ? exc_names[f->vector] : "?";
	const char *sym;
	u64 off = 0;

	printk("\nEXCEPTION: vector %llu (%s) error %#llx\n", f->vector, name, f->error);
	printk("  rip %016llx cs %04llx rflags %016llx\n", f->rip, f->cs, f->rflags);
	sym = ksym_lookup(f->rip, &off);
	if (sym)
		printk("  rip is %s+%#llx\n", sym, off);
	else
		printk("  rip is outside the kernel's text\n");
	printk("  rsp %016llx ss %04llx cr2 %016llx\n", f->rsp, f->ss, cr2);
	printk("  rax %016llx rbx %016llx rcx %016llx rdx %016llx\n", f->rax, f->rbx,
	       f->rcx, f->rdx);
	printk("  rsi %016llx rdi %016llx rbp %016llx\n", f->rsi, f->rdi, f->rbp);
	printk("  r8  %016llx r9  %016llx r10 %016llx r11 %016llx\n", f->r8, f->r9,
	       f->r10, f->r11);
	printk("  r12 %016llx r13 %016llx r14 %016llx r15 %016llx\n", f->r12, f->r13,
	       f->r14, f->r15);
	if (pvops_init_step()) {
		printk("  during pvops_init: %s\n", pvops_init_step());
		/* pvops keeps its lines during init: what it said up to the fault. */
		printk("  pvops said so far:\n%s", pvops_log_buffer());
	}
}

void trap_dispatch(struct trap_frame *f);
void trap_dispatch(struct trap_frame *f)
{
	u64 v = f->vector;

	if (v < 32) {
		u64 cr2 = v == 14 ? pvops_mmu_read_cr2() : 0;
		u64 rip = f->rip;

		if ((v == 13 || v == 14) && pvops_fixup_exception(&f->rip)) {
			last_fault.count++;
			last_fault.vector = v;
			last_fault.error = f->error;
			last_fault.rip = rip;
			last_fault.cr2 = cr2;
			return;
		}
		dump(f, cr2);
		panic("unexpected exception %llu at %016llx", v, rip);
	}
	if (handlers[v]) {
		handlers[v](f);
		return;
	}
	printk("pvguest: unexpected interrupt, vector %#llx\n", v);
}

static void set_gate(u32 vec, u64 addr, u8 ist)
{
	struct pvops_idt_gate *g = &idt[vec];

	g->off_lo = (u16)addr;
	g->sel = KERNEL_CS;
	g->ist = ist;
	g->type = 0x8e;	/* present, DPL 0, 64-bit interrupt gate */
	g->off_mid = (u16)(addr >> 16);
	g->off_hi = (u32)(addr >> 32);
	g->reserved = 0;
}

void traps_cpu_init(u32 index)
{
	struct pvops_desc_ptr gdtr, idtr;
	struct tss64 *tss = &tsss[index];
	u64 *gdt = gdts[index];
	u64 base = (u64)(uptr)tss;

	gdt[0] = 0;
	gdt[1] = 0x00af9a000000ffffULL;	/* kernel code, 64-bit */
	gdt[2] = 0x00cf92000000ffffULL;	/* kernel data */
	gdt[3] = (sizeof(*tss) - 1) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
		 (((base >> 24) & 0xff) << 56);
	gdt[4] = base >> 32;
	tss->iomap_base = sizeof(*tss);
	tss->ist[0] = (u64)(uptr)(df_stacks[index] + sizeof(df_stacks[index]));

	gdtr.limit = sizeof(gdts[index]) - 1;
	gdtr.base = (u64)(uptr)gdt;
	pvops_cpu_load_gdt(&gdtr);
	/*
	 * The boot GDT had the same code and data selectors, so the segment
	 * registers stay valid without a reload (and under Xen PV the kernel
	 * runs on Xen's flat selectors, which a reload would replace).
	 */
	pvops_cpu_load_tr(TSS_SEL);
	pvops_cpu_load_sp0(rsp0_slot(index),
			   (u64)(uptr)(kernel_stacks[index] + sizeof(kernel_stacks[index])));
	idtr.limit = sizeof(idt) - 1;
	idtr.base = (u64)(uptr)idt;
	pvops_cpu_load_idt(&idtr);
}

/* The boot CPU: the IDT every CPU shares, then its own tables. */
void traps_init(void)
{
	u32 i;

	for (i = 0; i < 256; i++)
		set_gate(i, (u64)(uptr)(trap_stubs + 16 * i), i == 8 ? 1 : 0);
	traps_cpu_init(0);
}
