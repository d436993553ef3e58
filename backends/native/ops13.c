// SPDX-License-Identifier: MIT
/*
 * ABI 1.3's native forms of io.ins, io.outs (string port I/O), cpu.stts
 * (cpu.clts is inline bytes), cpu.xgetbv, cpu.xsetbv and time.clock_stable.
 */
#include "native.h"

/*
 * The PCI configuration ports (0xcf8-0xcff) take string I/O one access at
 * a time, with in/out: Xen forwards a rep to an HVM guest's device model as
 * one request of count items, and qemu-xen aborts on a PCI configuration
 * request whose count is not 1 (hw_error "PCI config access: bad count"),
 * leaving the vCPU waiting for ever (found by the xl-hvm environment). No
 * driver streams configuration space, so nothing is lost anywhere.
 */
static bool pci_config_port(u16 port, u32 width)
{
	return port + width > 0xcf8 && port <= 0xcff;
}

static void ins_single(u16 port, void *buf, u64 count, u32 width)
{
	u8 *p = buf;
	u64 i;

	for (i = 0; i < count; i++, p += width) {
		if (width == 1)
			__asm__ volatile("inb %w1, %b0" : "=a"(*p) : "Nd"(port));
		else if (width == 2)
			__asm__ volatile("inw %w1, %w0" : "=a"(*(u16 *)p) : "Nd"(port));
		else
			__asm__ volatile("inl %w1, %k0" : "=a"(*(u32 *)p) : "Nd"(port));
	}
}

static void outs_single(u16 port, const void *buf, u64 count, u32 width)
{
	const u8 *p = buf;
	u64 i;

	for (i = 0; i < count; i++, p += width) {
		if (width == 1)
			__asm__ volatile("outb %b0, %w1" : : "a"(*p), "Nd"(port));
		else if (width == 2)
			__asm__ volatile("outw %w0, %w1" : : "a"(*(const u16 *)p), "Nd"(port));
		else
			__asm__ volatile("outl %k0, %w1" : : "a"(*(const u32 *)p), "Nd"(port));
	}
}

void native_ins(u16 port, void *buf, u64 count, u32 width)
{
	if ((width == 1 || width == 2 || width == 4) && pci_config_port(port, width))
		ins_single(port, buf, count, width);
	else if (width == 1)
		__asm__ volatile("rep insb" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
	else if (width == 2)
		__asm__ volatile("rep insw" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
	else if (width == 4)
		__asm__ volatile("rep insl" : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}

void native_outs(u16 port, const void *buf, u64 count, u32 width)
{
	if ((width == 1 || width == 2 || width == 4) && pci_config_port(port, width))
		outs_single(port, buf, count, width);
	else if (width == 1)
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
