// SPDX-License-Identifier: MIT
/*
 * memcpy, memmove, memset and memcmp, weak. A freestanding compiler (GCC
 * and Clang alike) may emit calls to these four at any time, for a struct
 * copy or a zeroed array, even in code that never names them; a kernel
 * that links libpvops.a without a C library would then fail to link. The
 * library provides them weak: a kernel that has its own (strong) keeps its
 * own, one that has none gets these. Written with string instructions
 * (and a byte loop for memcmp), so that no compiler can turn their bodies
 * back into calls to themselves.
 */
#include <pvops/types.h>

#define PVOPS_WEAK __attribute__((weak))

void *memcpy(void *dst, const void *src, unsigned long n);
void *memmove(void *dst, const void *src, unsigned long n);
void *memset(void *dst, int c, unsigned long n);
int memcmp(const void *a, const void *b, unsigned long n);

PVOPS_WEAK void *memcpy(void *dst, const void *src, unsigned long n)
{
	void *d = dst;

	__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
	return dst;
}

PVOPS_WEAK void *memmove(void *dst, const void *src, unsigned long n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n) {
		__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	} else if (n) {
		/* Overlapping with dst above src: copy backwards. */
		d += n - 1;
		s += n - 1;
		__asm__ volatile("std; rep movsb; cld" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	}
	return dst;
}

PVOPS_WEAK void *memset(void *dst, int c, unsigned long n)
{
	void *d = dst;

	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

PVOPS_WEAK int memcmp(const void *a, const void *b, unsigned long n)
{
	const volatile unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x < *y ? -1 : 1;
	return 0;
}
