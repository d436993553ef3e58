// SPDX-License-Identifier: MIT
/* NOP padding: every length decodes as the fewest recommended NOPs. */
#include "tap.h"
#include "internal.h"

/* An independent decoder of the Intel-recommended NOP forms. */
static int nop_len(const u8 *p, unsigned int n)
{
	if (n >= 1 && p[0] == 0x90)
		return 1;
	if (n >= 2 && p[0] == 0x66 && p[1] == 0x90)
		return 2;
	if (n >= 3 && p[0] == 0x0f && p[1] == 0x1f) {
		u8 modrm = p[2];

		if (modrm == 0x00)
			return 3;
		if (modrm == 0x40 && n >= 4 && !p[3])
			return 4;
		if (modrm == 0x44 && n >= 5 && !p[3] && !p[4])
			return 5;
		if (modrm == 0x80 && n >= 7 && !p[3] && !p[4] && !p[5] && !p[6])
			return 7;
		if (modrm == 0x84 && n >= 8 && !p[3] && !p[4] && !p[5] && !p[6] && !p[7])
			return 8;
	}
	if (n >= 6 && p[0] == 0x66 && p[1] == 0x0f && p[2] == 0x1f && p[3] == 0x44 &&
	    !p[4] && !p[5])
		return 6;
	return 0;
}

int main(void)
{
	unsigned int len;

	for (len = 0; len <= 15; len++) {
		u8 buf[20];
		unsigned int off = 0, insns = 0;
		bool ok = true;

		memset(buf, 0xcc, sizeof(buf));
		pvops_fill_nops(buf, len);
		while (off < len) {
			int k = nop_len(buf + off, len - off);

			if (!k) {
				ok = false;
				break;
			}
			off += (unsigned int)k;
			insns++;
		}
		OK(ok && off == len, "%u bytes decode as NOPs", len);
		OK(insns == (len + 7) / 8, "%u bytes use %u NOPs", len, (len + 7) / 8);
		OK(buf[len] == 0xcc, "%u bytes: nothing written past the end", len);
	}
	return tap_done();
}
