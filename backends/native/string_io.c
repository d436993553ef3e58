// SPDX-License-Identifier: MIT
/*
 * ABI 1.3's native forms of io.ins, io.outs (string port I/O) and
 * cpu.stts (cpu.clts is inline bytes).
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
