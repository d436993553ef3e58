/* SPDX-License-Identifier: MIT */
/* Minimal TAP producer for the host unit tests. */
#ifndef HOST_TAP_H
#define HOST_TAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

#define OK(cond, ...)							\
	do {								\
		int tap_ok_ = !!(cond);	/* once: cond may have effects */ \
		tap_n++;						\
		if (tap_ok_) {						\
			printf("ok %d - ", tap_n);			\
		} else {						\
			printf("not ok %d - ", tap_n);			\
			tap_failed++;					\
		}							\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		if (!tap_ok_)						\
			printf("# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
	} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
