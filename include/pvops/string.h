/* SPDX-License-Identifier: MIT */
/* The string and memory helpers the library needs anyway (core/string.c). */
#ifndef PVOPS_STRING_H
#define PVOPS_STRING_H

#include <pvops/types.h>

__PVOPS_BEGIN_DECLS

pvops_u64 pvops_strlen(const char *s);
int pvops_strncmp(const char *a, const char *b, pvops_u64 n);
void *pvops_memcpy(void *d, const void *s, pvops_u64 n);
void *pvops_memset(void *d, int c, pvops_u64 n);
int pvops_memcmp(const void *a, const void *b, pvops_u64 n);

__PVOPS_END_DECLS
#endif /* PVOPS_STRING_H */
