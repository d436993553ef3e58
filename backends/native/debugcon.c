// SPDX-License-Identifier: MIT
/*
 * The debug console at port 0xE9 (Bochs' and QEMU's isa-debugcon, and
 * Xen's for HVM and PVH guests, printed on Xen's console): one byte a
 * write, nothing to set up. Backends whose platform has it and no UART
 * take it as console.write.
 */
#include "native.h"

void pvops_debugcon_write(const char *buf, u64 len)
{
	while (len--)
		__asm__ volatile("outb %b0, $0xe9" : : "a"(*buf++));
}
