/* SPDX-License-Identifier: MIT */
/*
 * A small freestanding formatter, shared by the library and kernels that
 * have no libc: %d %i %u %x %X %p %s %c %%, with 'l', 'll', 'z' sizes,
 * '0' padding and a field width.
 */
#ifndef PVOPS_FMT_H
#define PVOPS_FMT_H

#include <pvops/types.h>
#include <stdarg.h>

int pvops_vsnprintf(char *buf, u64 size, const char *fmt, va_list ap);
int pvops_snprintf(char *buf, u64 size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* String helpers the library needs anyway. */
u64 pvops_strlen(const char *s);
int pvops_strncmp(const char *a, const char *b, u64 n);
void *pvops_memcpy(void *d, const void *s, u64 n);
void *pvops_memset(void *d, int c, u64 n);
int pvops_memcmp(const void *a, const void *b, u64 n);

#endif /* PVOPS_FMT_H */
