/* SPDX-License-Identifier: MIT */
/*
 * What a libFuzzer harness of tests/fuzz/ gives the library code it runs on
 * the host (the same source files the library is built from, no copy): the
 * current env, and pvops_log kept quiet unless FUZZ_VERBOSE is set (the
 * messages are formatted all the same, so a bad format argument still runs).
 */
#ifndef TESTS_FUZZ_H
#define TESTS_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <string.h>
#include <stdint.h>
#include <pvops/backend.h>
#include <pvops/fmt.h>

static struct pvops_env fuzz_env;

const struct pvops_env *pvops_cur_env(void)
{
	return &fuzz_env;
}

/* A message of the code under test: formatted always, shown with FUZZ_VERBOSE. */
static void fuzz_vsay(const char *fmt, va_list ap)
{
	char buf[512];

	pvops_vsnprintf(buf, sizeof(buf), fmt, ap);
	if (getenv("FUZZ_VERBOSE"))
		fputs(buf, stderr);
}

void pvops_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fuzz_vsay(fmt, ap);
	va_end(ap);
}

/* Little-endian reads from the fuzz input, 0 past its end. */
static inline u32 fuzz_u32(const u8 *d, size_t n, size_t off)
{
	u32 v = 0;
	size_t i;

	for (i = 0; i < 4 && off + i < n; i++)
		v |= (u32)d[off + i] << (8 * i);
	return v;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#endif
