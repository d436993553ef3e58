/* SPDX-License-Identifier: MIT */
/*
 * An independent decoder of the recommended multi-byte NOPs, for the tests
 * that check the patcher's padding (host: tests/host/test_nops.c; guest:
 * guest/tests/test_patch.c). Written from the SDM's NOP table, not from
 * core/nops.c, so that the two can disagree.
 */
#ifndef TESTS_NOP_DECODE_H
#define TESTS_NOP_DECODE_H

/* Length of the NOP at p (at most n bytes available), or 0 if none. */
static inline int nop_len(const unsigned char *p, unsigned int n)
{
	if (n >= 1 && p[0] == 0x90)
		return 1;
	if (n >= 2 && p[0] == 0x66 && p[1] == 0x90)
		return 2;
	if (n >= 3 && p[0] == 0x0f && p[1] == 0x1f) {
		unsigned char modrm = p[2];

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

/* Number of NOPs that [p, p + n) decodes to, or -1 if it is not all NOPs. */
static inline int nop_count(const unsigned char *p, unsigned int n)
{
	int count = 0;

	while (n) {
		int k = nop_len(p, n);

		if (!k)
			return -1;
		p += k;
		n -= (unsigned int)k;
		count++;
	}
	return count;
}

#endif
