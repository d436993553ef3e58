// SPDX-License-Identifier: MIT
/*
 * The launcher's ELF reader (guest/xen-launch/elf_image.c, from its own
 * source): the input is the image, in an allocation of exactly its size.
 * An image it accepts must describe only bytes inside the file and
 * segments that do not wrap.
 */
#include "fuzz.h"
#include "xen-launch/elf_image.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct elf_image img;
	const char *why = NULL;
	u8 *copy = malloc(size ? size : 1);
	u32 i;

	memcpy(copy, data, size);
	if (!elf_parse(copy, size, &img, &why)) {
		if (!img.nr_load || img.nr_load > ELF_MAX_LOAD || !img.phys_entry)
			abort();
		for (i = 0; i < img.nr_load; i++) {
			const struct elf_load *l = &img.load[i];

			if (l->offset > size || l->filesz > size - l->offset || l->filesz > l->memsz ||
			    l->paddr + l->memsz < l->paddr || l->paddr + l->memsz > img.phys_end)
				abort();
		}
	} else if (!why) {
		abort();	/* refused without saying why */
	}
	free(copy);
	return 0;
}
