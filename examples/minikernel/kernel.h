/* SPDX-License-Identifier: MIT */
/*
 * minikernel: a small kernel of its own that takes pvops as any third-party
 * kernel would: from an installed copy, through pkg-config (see Makefile),
 * with its own types, console, page tables and entry code. Its names clash
 * on purpose with the ones pvops keeps to itself (u64 here is unsigned long,
 * pte_t a struct): the public headers must not care.
 */
#ifndef MINIKERNEL_H
#define MINIKERNEL_H

typedef unsigned long u64;	/* pvops' own is unsigned long long: no clash allowed */
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;
#ifndef __cplusplus
typedef int bool;		/* its own, not <stdbool.h>'s */
#define true 1
#define false 0
#define NULL ((void *)0)
#endif
typedef struct { u64 val; } pte_t;	/* this kernel's entry type, not pvops' */

#define KBASE 0xffffffff80000000UL	/* the image runs at PA + KBASE */
#define PAGE 4096UL

/* How it was entered (entry.S): pvops' enum pvops_entry values, as the stubs pass them. */
#define ENTRY_PVH 1
#define ENTRY_MB2 2
#define ENTRY_XEN_PV 3
#define ENTRY_MB1 4

/* console.c: a buffer until pvops can write, then pvops' console op. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_ready(void);

/* boot.c: the command line and what pvops_init() gets. */
struct pvops_env;
const struct pvops_env *boot_env(u32 how, u64 info);
const struct pvops_env *boot_env_late(void);

/* mm.c: pages from a pool in the image; a mapping built through the mmu ops. */
void *page_alloc(void);
u64 virt_to_phys(const void *va);
void *phys_to_virt(u64 pa);
int map_test_page(u64 va, void *page);
int unmap_test_page(u64 va);

/* traps.c: #GP and #PF go to pvops_fixup_exception first. */
void traps_init(void);

/* smp.c: a second CPU through this kernel's own trampoline (ap.S). */
int smp_own_trampoline(const char **why);

/* cxx.cpp */
#ifdef __cplusplus
extern "C"
#endif
int cxx_check(char *why, unsigned long len);

/* Our own string functions: the library's weak ones must give way to these. */
void *memcpy(void *d, const void *s, unsigned long n);
void *memset(void *d, int c, unsigned long n);
unsigned long strlen(const char *s);

#endif
