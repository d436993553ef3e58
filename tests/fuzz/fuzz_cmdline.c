// SPDX-License-Identifier: MIT
/*
 * The command line (core/cmdline.c): any bytes up to a NUL, looked up with
 * the keys pvops takes and some that are prefixes of words. Whatever a
 * lookup answers must point inside the line, its length within the word.
 */
#include "fuzz.h"
#include "internal.h"

static const char *const keys[] = { "pvops", "pvops.patch", "report", "ktest", "bench", "p", "",
				    "pvops=", "vmi", "xen", "kvm.pv_eoi" };

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	char *line = malloc(size + 1);
	size_t k;

	memcpy(line, data, size);
	line[size] = '\0';
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const char *val = NULL;
		u32 len = 0;
		size_t real = strlen(line);

		if (!pvops_cmdline_find(line, keys[k], &val, &len))
			continue;
		if (val < line || val > line + real || val + len > line + real)
			abort();	/* an answer outside the line */
	}
	(void)pvops_cmdline_find(NULL, "pvops", NULL, NULL);
	free(line);
	return 0;
}
