// SPDX-License-Identifier: MIT
/*
 * The freestanding string and memory helpers (see <pvops/string.h>). A
 * freestanding compiler may also emit calls to memcpy/memset itself; these
 * are the library's own, called by name.
 */
#include <pvops/string.h>

u64 pvops_strlen(const char *s)
{
	u64 n = 0;

	while (s[n])
		n++;
	return n;
}

int pvops_strncmp(const char *a, const char *b, u64 n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (u8)*a - (u8)*b;
		if (!*a)
			break;
	}
	return 0;
}

void *pvops_memcpy(void *d, const void *s, u64 n)
{
	u8 *dp = d;
	const u8 *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

void *pvops_memset(void *d, int c, u64 n)
{
	u8 *dp = d;

	while (n--)
		*dp++ = (u8)c;
	return d;
}

int pvops_memcmp(const void *a, const void *b, u64 n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}
