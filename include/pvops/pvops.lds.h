/* SPDX-License-Identifier: MIT */
/*
 * Linker-script pieces for a kernel that links libpvops.a (run the script
 * through cpp). Place PVOPS_RODATA in a read-only output section and
 * PVOPS_RO_AFTER_INIT in the part of .data the kernel write-protects once
 * pvops_init() has returned: it holds the ops table.
 */
#ifndef PVOPS_LDS_H
#define PVOPS_LDS_H

#define PVOPS_RODATA							\
	. = ALIGN(8);							\
	__pvops_sites_start = .;					\
	KEEP(*(.pvops_sites))						\
	__pvops_sites_end = .;						\
	. = ALIGN(8);							\
	__pvops_backends_start = .;					\
	KEEP(*(.pvops_backends))					\
	__pvops_backends_end = .;					\
	. = ALIGN(8);							\
	__pvops_extable_start = .;					\
	KEEP(*(.pvops_extable))						\
	__pvops_extable_end = .;

#define PVOPS_RO_AFTER_INIT						\
	. = ALIGN(4096);						\
	KEEP(*(.data.pvops_ro))						\
	. = ALIGN(4096);

#endif
