/* SPDX-License-Identifier: MIT */
/*
 * The ELF image reader of the launcher (launch.c): the loadable
 * segments at their physical addresses and the PVH entry point
 * (XEN_ELFNOTE_PHYS32_ENTRY). Pure logic: the host tests run it too.
 */
#ifndef GUEST_ELF_IMAGE_H
#define GUEST_ELF_IMAGE_H

#include <pvops/types.h>

#define ELF_MAX_LOAD 8

struct elf_load {
	u64 paddr, offset, filesz, memsz;
};

struct elf_image {
	const u8 *data;
	u64 size;
	u64 phys_entry;		/* the PVH entry, 0 when the image has none */
	u64 phys_end;		/* end of the highest segment in memory */
	u32 nr_load;
	struct elf_load load[ELF_MAX_LOAD];
};

/*
 * Check the image (a 64-bit x86-64 executable whose headers, segments and
 * notes lie inside the file) and describe it. Returns 0, or -1 with *why
 * naming the defect.
 */
int elf_parse(const void *data, u64 size, struct elf_image *img, const char **why);

#endif
