/* SPDX-License-Identifier: MIT */
/*
 * The short names the library and the reference guest are written with,
 * for the pvops_* types of <pvops/types.h>. Private: never installed, and
 * never included by a public header (a kernel that links pvops has its own
 * u64, bool and pte_t). The build gives it to every library and guest file
 * (-include, Makefile).
 */
#ifndef PVOPS_SHORT_H
#define PVOPS_SHORT_H
#ifndef __ASSEMBLER__	/* forced on every file, assembly too (a host test's .S) */

#include <pvops/types.h>

typedef pvops_u8 u8;
typedef pvops_u16 u16;
typedef pvops_u32 u32;
typedef pvops_u64 u64;
typedef pvops_s8 s8;
typedef pvops_s16 s16;
typedef pvops_s32 s32;
typedef pvops_s64 s64;
typedef pvops_uptr uptr;
typedef pvops_pfn_t pfn_t;
typedef pvops_mfn_t mfn_t;
typedef pvops_pval_t pval_t;
typedef pvops_pte_t pte_t;
typedef pvops_pmd_t pmd_t;
typedef pvops_pud_t pud_t;
typedef pvops_p4d_t p4d_t;

#ifndef __cplusplus
#define bool _Bool
#define true 1
#define false 0
#endif
#ifndef NULL
#define NULL ((void *)0)
#endif
/* Spelled as Linux's UAPI spells them, which backends/kvm includes after this. */
#ifdef __CHECKER__
#define __bitwise __attribute__((bitwise))
#define __force __attribute__((force))
#else
#define __bitwise
#define __force
#endif

#endif /* __ASSEMBLER__ */
#endif /* PVOPS_SHORT_H */
