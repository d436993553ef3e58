/* SPDX-License-Identifier: MIT */
/*
 * The reference guest: one ELF64 image, linked at a high virtual address
 * with a low physical load address (as Linux does). The boot sections run
 * at their physical address with paging off; everything else runs high.
 */
#include "layout.h"
#include <pvops/pvops.lds.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(pvh_start32)

PHDRS
{
	boot PT_LOAD FLAGS(7);
	text PT_LOAD FLAGS(5);
	rodata PT_LOAD FLAGS(4);
	data PT_LOAD FLAGS(6);
	syms PT_LOAD FLAGS(4);
	note PT_NOTE FLAGS(4);
}

SECTIONS
{
	. = KERNEL_PHYS;
	_boot_start = .;
	.boot : {
		KEEP(*(.boot.header))
		*(.boot.text)
		*(.boot.data)
	} :boot
	. = ALIGN(4096);
	_boot_end = .;

	. += KERNEL_VBASE;
	_text_start = .;
	.text : AT(ADDR(.text) - KERNEL_VBASE) {
		*(.text .text.*)
	} :text
	. = ALIGN(4096);
	_text_end = .;

	_rodata_start = .;
	.rodata : AT(ADDR(.rodata) - KERNEL_VBASE) {
		*(.rodata .rodata.*)
		PVOPS_RODATA
		. = ALIGN(8);
		__ktest_suites_start = .;
		KEEP(*(.ktest_suites))
		__ktest_suites_end = .;
	} :rodata
	.note : AT(ADDR(.note) - KERNEL_VBASE) {
		KEEP(*(.note.Xen))
	} :rodata :note
	.ro_after_init : AT(ADDR(.ro_after_init) - KERNEL_VBASE) {
		PVOPS_RO_AFTER_INIT
	} :rodata
	. = ALIGN(4096);
	_rodata_end = .;

	_data_start = .;
	.data : AT(ADDR(.data) - KERNEL_VBASE) {
		*(.data .data.*)
	} :data
	.bss : AT(ADDR(.bss) - KERNEL_VBASE) {
		_bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(16);
		_bss_end = .;
	} :data
	. = ALIGN(4096);
	_data_end = .;

	/* Last, so that its size moves nothing (tools/gen-ksyms links twice). */
	_syms_start = .;
	.ksyms : AT(ADDR(.ksyms) - KERNEL_VBASE) {
		KEEP(*(.ksyms))
	} :syms
	. = ALIGN(4096);
	_syms_end = .;
	_kernel_end = .;

	/DISCARD/ : {
		*(.comment)
		*(.note.GNU-stack)
		*(.note.gnu.property)
		*(.eh_frame)
	}
}
