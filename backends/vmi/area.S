/* SPDX-License-Identifier: MIT */
/*
 * Where the VMI backend copies the ROM: kernel text (executable, within
 * reach of every rel32 call site), VMI_ROM_MAX_SIZE bytes. It is written
 * once, during pvops_init, while the sites are patched too.
 */
#include <pvops/vmi-rom.h>

	.section .text.pvops_vmi_rom, "ax", @progbits
	.balign 4096
	.globl vmi_rom_area
vmi_rom_area:
	.fill VMI_ROM_MAX_SIZE, 1, 0xcc
	.size vmi_rom_area, . - vmi_rom_area

	.section .note.GNU-stack, "", @progbits
