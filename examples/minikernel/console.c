// SPDX-License-Identifier: MIT
/* minikernel's console: its own formatter, a buffer until pvops can write. */
#include <stdarg.h>
#include <pvops/pvops.h>
#include "kernel.h"

static char early[4096];
static u32 early_len;
static bool ready;

static void out(const char *s, u32 n)
{
	if (ready) {
		pvops_console_write(s, n);
		return;
	}
	while (n-- && early_len < sizeof(early))
		early[early_len++] = *s++;
}

void console_ready(void)
{
	ready = true;
	out(early, early_len);
}

static u32 fmt_num(char *b, u64 v, u32 base, bool neg)
{
	char t[24];
	u32 n = 0, k = 0;

	do {
		t[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		b[k++] = '-';
	while (n)
		b[k++] = t[--n];
	return k;
}

void kprintf(const char *fmt, ...)
{
	char buf[256];
	u32 n = 0;
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt && n < sizeof(buf) - 24; fmt++) {
		bool lng = false;

		if (*fmt != '%') {
			buf[n++] = *fmt;
			continue;
		}
		fmt++;
		while (*fmt == 'l') {
			lng = true;
			fmt++;
		}
		if (*fmt == 's') {
			const char *s = va_arg(ap, const char *);

			while (*s && n < sizeof(buf) - 1)
				buf[n++] = *s++;
		} else if (*fmt == 'd') {
			long v = lng ? va_arg(ap, long) : va_arg(ap, int);

			n += fmt_num(buf + n, (u64)(v < 0 ? -v : v), 10, v < 0);
		} else if (*fmt == 'u' || *fmt == 'x') {
			u64 v = lng ? va_arg(ap, u64) : va_arg(ap, u32);

			n += fmt_num(buf + n, v, *fmt == 'x' ? 16 : 10, false);
		} else {
			buf[n++] = *fmt;
		}
	}
	va_end(ap);
	out(buf, n);
}

/* This kernel's own: the library's weak copies give way to them. */
void *memcpy(void *d, const void *s, unsigned long n)
{
	volatile u8 *dd = d;
	const u8 *ss = s;

	while (n--)
		*dd++ = *ss++;
	return d;
}

void *memset(void *d, int c, unsigned long n)
{
	volatile u8 *dd = d;

	while (n--)
		*dd++ = (u8)c;
	return d;
}

unsigned long strlen(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}
