/* The helper-header idiom: static inline wrappers, rewritten once inside. */
#ifndef CPU_H
#define CPU_H
typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

static inline void x86_cli(void)
{
	asm volatile("cli");
}

static inline void x86_sti(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

static inline void safe_halt(void)
{
	asm volatile("sti; hlt" : : : "memory");
}

static inline void halt(void)
{
	__asm__("hlt");
}

static inline u64 save_flags(void)
{
	u64 f;

	asm volatile("pushfq\n\tpopq %0" : "=rm"(f) : : "memory");
	return f;
}

static inline u64 irq_save(void)
{
	u64 f;

	asm volatile("pushf ; pop %0 ; cli" : "=r"(f) : : "memory");
	return f;
}

static inline void restore_flags(u64 f)
{
	asm volatile("push %0; popf" : : "g"(f) : "memory", "cc");
}

static inline u64 read_cr0(void)
{
	u64 v;

	asm volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline u64 read_cr2(void)
{
	u64 v;

	__asm__ volatile("movq %%cr2,%0" : "=r"(v));
	return v;
}

static inline u64 read_cr3(void)
{
	u64 v;

	asm volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(u64 v)
{
	asm volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline void write_cr4(u64 v)
{
	asm volatile("mov %0,%%cr4" : : "r"(v));
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

static inline void invlpg(void *va)
{
	asm volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void flush_page(unsigned long va)
{
	asm volatile("invlpg %0" : : "m"(*(char *)va) : "memory");
}

static inline void wbinvd(void)
{
	asm volatile("wbinvd" : : : "memory");
}

static inline u8 inb(u16 port)
{
	u8 v;

	asm volatile("inb %w1, %b0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u32 inl(u16 port)
{
	u32 v;

	asm volatile("in %1,%0" : "=a"(v) : "d"(port));
	return v;
}

static inline void outb(u16 port, u8 v)
{
	asm volatile("outb %b0, %w1" : : "a"(v), "Nd"(port));
}

static inline void outw(u16 port, u16 v)
{
	asm volatile("out %0,%1" : : "a"(v), "d"(port));
}

static inline void insl(u16 port, void *addr, int cnt)
{
	asm volatile("cld; rep insl" : "=D"(addr), "=c"(cnt) : "d"(port), "0"(addr), "1"(cnt)
		     : "memory", "cc");
}

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
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
