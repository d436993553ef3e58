// SPDX-License-Identifier: MIT
/*
 * Native power ops. Shutdown tries, in order: QEMU's isa-debug-exit port
 * (0xf4; QEMU exits with status * 2 + 1), the ACPI PM1a control ports of
 * QEMU's PIIX4/ICH9 (0x604) and of Bochs/older QEMU (0xb004), then stops
 * the CPU with interrupts off.
 */
#include "native.h"
#include "insn.h"

void pvops_native_shutdown(u32 status)
{
	raw_outb(0xf4, (u8)status);
	raw_outw(0x604, 0x2000);
	raw_outw(0xb004, 0x2000);
	for (;;)
		__asm__ volatile("cli; hlt");
}

void native_reboot(void)
{
	static const struct {
		u16 limit;
		u64 base;
	} __attribute__((packed)) no_idt = { 0, 0 };

	raw_outb(0x64, 0xfe);	/* keyboard controller pulse reset */
	raw_outb(0xcf9, 0x06);	/* PCI reset control: hard reset */
	/* Triple fault. */
	__asm__ volatile("lidt %0; int3" : : "m"(no_idt));
	for (;;)
		__asm__ volatile("cli; hlt");
}
