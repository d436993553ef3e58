/* SPDX-License-Identifier: MIT */
/* pvops_log for a host test: every message appended to logged[] (clear it to start over). */
#ifndef HOST_LOGGED_H
#define HOST_LOGGED_H

#include <stdarg.h>
#include <string.h>

static char logged[4096];

static inline void logged_vappend(const char *fmt, va_list ap)
{
	size_t n = strlen(logged);

	pvops_vsnprintf(logged + n, sizeof(logged) - n, fmt, ap);
}

void pvops_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	logged_vappend(fmt, ap);
	va_end(ap);
}

#endif
