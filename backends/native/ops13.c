// SPDX-License-Identifier: MIT
/*
 * ABI 1.3's native forms of io.ins, io.outs (string port I/O), cpu.stts
 * (cpu.clts is inline bytes), cpu.xgetbv, cpu.xsetbv and time.clock_stable.
 */
#include "native.h"

void native_ins(u16 port, void *buf, u64 count, u32 width)
{
	if (width == 1)
		__asm__ volatile("rep insb" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
	else if (width == 2)
		__asm__ volatile("rep insw" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
	else if (width == 4)
		__asm__ volatile("rep insl" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}

void native_outs(u16 port, const void *buf, u64 count, u32 width)
{
	if (width == 1)
		__asm__ volatile("rep outsb" : "+S"(buf), "+c"(count) : "d"(port) : "memory");
	else if (width == 2)
		__asm__ volatile("rep outsw" : "+S"(buf), "+c"(count) : "d"(port) : "memory");
	else if (width == 4)
		__asm__ volatile("rep outsl" : "+S"(buf), "+c"(count) : "d"(port) : "memory");
}

void native_stts(void)
{
	u64 cr0;

	__asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
	__asm__ volatile("mov %0, %%cr0" : : "r"(cr0 | 0x8) : "memory");
}

u64 native_xgetbv(u32 index)
{
	u32 lo, hi;

	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(index));
	return ((u64)hi << 32) | lo;
}

void native_xsetbv(u32 index, u64 val)
{
	__asm__ volatile("xsetbv" : : "c"(index), "a"((u32)val), "d"((u32)(val >> 32)) : "memory");
}

/* An invariant TSC (CPUID 0x80000007 EDX bit 8) is one clock on every CPU. */
u32 native_clock_stable(void)
{
	struct pvops_cpuid_regs r;

	native_cpuid(0x80000000, 0, &r);
	if (r.eax < 0x80000007)
		return 0;
	native_cpuid(0x80000007, 0, &r);
	return (r.edx >> 8) & 1;
}
