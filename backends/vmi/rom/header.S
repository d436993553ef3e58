/* SPDX-License-Identifier: MIT */
/*
 * The reference VMI 4.1 ROM: its header (spec/VMI.md section 2). The ROM
 * is linked at 0 and position independent; tools/vmi-rom fills in the
 * length and the checksum byte after objcopy.
 */
#include "rom.h"

	.section .rom.header, "ax"
	.globl vmi_rom_header
vmi_rom_header:
	.short VMI_ROM_SIGNATURE		/* 0x00: 55 AA */
	.byte 0					/* 0x02: length, set by tools/vmi-rom */
	.byte 0xcb				/* 0x03: real-mode init: lret */
	.byte 0x90, 0x90, 0x90			/* 0x04 */
	.byte 0					/* 0x07 */
	.long VMI_CLASS_SIGNATURE		/* 0x08: "cVmi" */
	.byte VMI_ABI_MINOR			/* 0x0c */
	.byte VMI_ABI_MAJOR			/* 0x0d */
	.short VMI_HDR_LEN_4_0			/* 0x0e */
	.short ROM_NR_CALLS			/* 0x10 */
	.short 0				/* 0x12: flags */
	.long VMI_ROM_DATA_SIZE			/* 0x14 */
	.short pcir - vmi_rom_header		/* 0x18 */
	.short 0				/* 0x1a: no PnP header */
	.short license - vmi_rom_header		/* 0x1c */
	.short name - vmi_rom_header		/* 0x1e */
	.globl vmi_rom_data_va
vmi_rom_data_va:
	.quad 0					/* 0x20: the guest writes it */
	.fill VMI_ROM_OFF_INIT - 0x28, 1, 0
	/* 0x80, 0x88: the fixed entries, 8 bytes each */
	jmp vmi_rom_init
	.fill VMI_ROM_OFF_GET_RELOC - (. - vmi_rom_header), 1, 0xcc
	jmp vmi_rom_get_reloc
	.fill VMI_HDR_LEN_4_0 - (. - vmi_rom_header), 1, 0xcc

	/* PCI data structure (PCI Firmware Specification 3.0, 5.1.2): no device. */
	.balign 4
pcir:
	.ascii "PCIR"
	.short 0xffff				/* vendor: the ROM sits on no PCI function */
	.short 0xffff				/* device */
	.short 0				/* device list */
	.short 0x18				/* structure length */
	.byte 3					/* structure revision */
	.byte 0x00, 0x80, 0x05			/* class: memory controller, other */
	.short 0				/* image length, set by tools/vmi-rom */
	.short 0x0100				/* revision of code and data */
	.byte 0					/* code type: x86 (the real-mode stub) */
	.byte 0x80				/* indicator: last image */
	.short 0				/* max runtime image length */
	.short 0, 0				/* config utility, DMTF CLP entry */

	/* What vmi_init() returns once its checks pass: VMI_OK; the broken-ROM
	 * corpus (tools/vmi-rom) makes one ROM return an error here. */
	.balign 4
	.globl vmi_rom_init_result
vmi_rom_init_result:
	.long VMI_OK
	/* What set_ap_state() returns for a state it can load: VMI_OK; tools/vmi-rom
	 * ap-refuses makes a ROM that refuses every state with VMI_ERR_INVAL. */
	.globl vmi_rom_ap_result
vmi_rom_ap_result:
	.long VMI_OK
license:
	.asciz "MIT"
name:
	.asciz "pvops native ROM (VMI 4.1 reference)"

	.section .note.GNU-stack, "", @progbits
