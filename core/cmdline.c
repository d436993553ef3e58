// SPDX-License-Identifier: MIT
/*
 * Command-line lookup: words separated by spaces, "key=value" or "key".
 */
#include <pvops/pvops.h>
#include "internal.h"

bool pvops_cmdline_find(const char *cmdline, const char *key, const char **val,
			u32 *len)
{
	u64 klen = pvops_strlen(key);
	const char *p = cmdline;

	if (!p)
		return false;
	while (*p) {
		const char *w;
		u32 wlen = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		w = p;
		while (*p && *p != ' ' && *p != '\t') {
			p++;
			wlen++;
		}
		if (wlen >= klen && !pvops_strncmp(w, key, klen) &&
		    (wlen == klen || w[klen] == '=')) {
			if (val)
				*val = wlen == klen ? w + wlen : w + klen + 1;
			if (len)
				*len = wlen == klen ? 0 : wlen - (u32)klen - 1;
			return true;
		}
	}
	return false;
}
