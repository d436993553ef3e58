// SPDX-License-Identifier: MIT
/* NOP padding: every length decodes as the fewest recommended NOPs. */
#include "tap.h"
#include "internal.h"
#include "../nop_decode.h"

int main(void)
{
	unsigned int len;

	for (len = 0; len <= 15; len++) {
		u8 buf[20];
		int insns;

		memset(buf, 0xcc, sizeof(buf));
		pvops_fill_nops(buf, len);
		insns = nop_count(buf, len);
		OK(insns >= 0, "%u bytes decode as NOPs", len);
		OK(insns == (int)(len + 7) / 8, "%u bytes use %u NOPs", len, (len + 7) / 8);
		OK(buf[len] == 0xcc, "%u bytes: nothing written past the end", len);
	}
	return tap_done();
}
