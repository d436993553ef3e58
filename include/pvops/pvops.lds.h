/* SPDX-License-Identifier: MIT */
/*
 * Linker-script pieces for a kernel that links libpvops.a, for a script run
 * through cpp. (A script that is not preprocessed INCLUDEs the same pieces
 * installed as plain files: pvops/rodata.lds and pvops/ro-after-init.lds in
 * the library directory, which pkg-config's -L names.)
 *
 * PVOPS_RODATA goes inside a read-only output section (e.g. .rodata): the
 * call-site records, the backend descriptors, the exception table and the
 * library's per-CPU load sites (ABI 1.4), with
 * the symbols core walks them by. PVOPS_RO_AFTER_INIT goes inside the output
 * section the kernel write-protects once pvops_init() has returned; it holds
 * the ops table, page-aligned and alone in its page. Neither input section
 * matches .data.* or .rodata.*, so no generic rule of the kernel's script can
 * take them first; a script that leaves them out does not link (core refers to
 * the symbols).
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
	__pvops_extable_end = .;					\
	. = ALIGN(8);							\
	__pvops_percpu_sites_start = .;					\
	KEEP(*(.pvops_percpu_sites))					\
	__pvops_percpu_sites_end = .;

#define PVOPS_RO_AFTER_INIT						\
	. = ALIGN(4096);						\
	KEEP(*(.pvops_ro_after_init))					\
	. = ALIGN(4096);

#endif
