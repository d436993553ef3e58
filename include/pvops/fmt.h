/* SPDX-License-Identifier: MIT */
/*
 * A small freestanding formatter, shared by the library and kernels that
 * have no libc: %d %i %u %x %X %p %s %c %%, with 'l', 'll', 'z' sizes,
 * '0' padding and a field width.
 */
#ifndef PVOPS_FMT_H
#define PVOPS_FMT_H

#include <pvops/types.h>
#include <pvops/string.h>
#include <stdarg.h>

__PVOPS_BEGIN_DECLS

int pvops_vsnprintf(char *buf, pvops_u64 size, const char *fmt, va_list ap);
int pvops_snprintf(char *buf, pvops_u64 size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

__PVOPS_END_DECLS
#endif /* PVOPS_FMT_H */
