#include <pvops/port.h>
/* The helper-header idiom: static inline wrappers, rewritten once inside. */
#ifndef CPU_H
#define CPU_H
typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

static inline void x86_cli(void)
{
	pvops_irq_disable();
}

static inline void x86_sti(void)
{
	pvops_irq_enable();
}

static inline void safe_halt(void)
{
	pvops_irq_safe_halt();
}

static inline void halt(void)
{
	pvops_irq_halt();
}

static inline u64 save_flags(void)
{
	u64 f;

	f = pvops_irq_save_fl();
	return f;
}

static inline u64 irq_save(void)
{
	u64 f;

	{
		f = pvops_irq_save_fl();
		pvops_irq_disable();
	}
	return f;
}

static inline void restore_flags(u64 f)
{
	pvops_irq_restore_fl(f);
}

static inline u64 read_cr0(void)
{
	u64 v;

	v = pvops_cpu_read_cr0();
	return v;
}

static inline u64 read_cr2(void)
{
	u64 v;

	v = pvops_mmu_read_cr2();
	return v;
}

static inline u64 read_cr3(void)
{
	u64 v;

	v = pvops_mmu_read_cr3();
	return v;
}

static inline void write_cr3(u64 v)
{
	pvops_mmu_write_cr3(v);
}

static inline void write_cr4(u64 v)
{
	pvops_cpu_write_cr4(v);
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	{
		pvops_u64 __pvops_msr = pvops_cpu_read_msr(msr);
		lo = (__typeof__(lo))__pvops_msr;
		hi = (__typeof__(hi))(__pvops_msr >> 32);
	}
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	pvops_cpu_write_msr(msr,
			    ((pvops_u64)((u32)(v >> 32)) << 32) | (pvops_u32)((u32)v));
}

static inline void invlpg(void *va)
{
	pvops_mmu_flush_tlb_one((pvops_u64)(va));
}

static inline void flush_page(unsigned long va)
{
	pvops_mmu_flush_tlb_one((pvops_u64)((char *)va));
}

static inline void wbinvd(void)
{
	pvops_cpu_wbinvd();
}

static inline u8 inb(u16 port)
{
	u8 v;

	v = pvops_io_inb(port);
	return v;
}

static inline u32 inl(u16 port)
{
	u32 v;

	v = sizeof(v) == 1 ? pvops_io_inb(port) : sizeof(v) == 2 ? pvops_io_inw(port) : pvops_io_inl(port);
	return v;
}

static inline void outb(u16 port, u8 v)
{
	pvops_io_outb(port, v);
}

static inline void outw(u16 port, u16 v)
{
	sizeof(v) == 1 ? pvops_io_outb(port, v) : sizeof(v) == 2 ? pvops_io_outw(port,
										 v) : pvops_io_outl(port,
												    v);
}

static inline void insl(u16 port, void *addr, int cnt)
{
	pvops_io_ins(port, addr, cnt, 4);
}

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	{
		struct pvops_cpuid_regs __pvops_r;
		pvops_cpu_cpuid(leaf, sub, &__pvops_r);
		*a = __pvops_r.eax;
		*b = __pvops_r.ebx;
		*c = __pvops_r.ecx;
		*d = __pvops_r.edx;
	}
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void cpu_relax(void)
{
	asm volatile("pause" ::: "memory");
}
#endif
