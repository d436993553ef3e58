/* SPDX-License-Identifier: MIT */
/* The string and memory helpers the library needs anyway (core/string.c). */
#ifndef PVOPS_STRING_H
#define PVOPS_STRING_H

#include <pvops/types.h>

u64 pvops_strlen(const char *s);
int pvops_strncmp(const char *a, const char *b, u64 n);
void *pvops_memcpy(void *d, const void *s, u64 n);
void *pvops_memset(void *d, int c, u64 n);
int pvops_memcmp(const void *a, const void *b, u64 n);

#endif /* PVOPS_STRING_H */
