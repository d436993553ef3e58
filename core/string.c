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

/*
 * memcpy and memset are string instructions, quadwords then the bytes
 * left (the ABI has DF clear at every call): where each step is costly
 * (the lab's software KVM: a byte loop ~4,400 cycles a byte, rep stosb
 * ~850, rep stosq ~120 a byte; TCG ~10) a page is 0.5M cycles, not 18M,
 * and nothing is lost anywhere else.
 */
void *pvops_memcpy(void *d, const void *s, u64 n)
{
	void *ret = d;
	u64 q = n / 8, b = n % 8;

	__asm__ volatile("rep movsq; movq %[b], %%rcx; rep movsb"
			 : "+D"(d), "+S"(s), "+c"(q)
			 : [b] "r"(b)
			 : "memory");
	return ret;
}

void *pvops_memset(void *d, int c, u64 n)
{
	void *ret = d;
	u64 q = n / 8, b = n % 8, v = (u8)c * 0x0101010101010101ULL;

	__asm__ volatile("rep stosq; movq %[b], %%rcx; rep stosb"
			 : "+D"(d), "+c"(q)
			 : "a"(v), [b] "r"(b)
			 : "memory");
	return ret;
}

int pvops_memcmp(const void *a, const void *b, u64 n)
{
	const u8 *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}
