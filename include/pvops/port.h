/* SPDX-License-Identifier: MIT */
/*
 * For a kernel ported with tools/pvops-port: its page-table entries as the
 * plain 64-bit values it always used (a physical address | flags), stored and
 * read through the mmu ops. pvops_pte_store(p, v) is "*p = v" and
 * pvops_pte_load(p) is "*p" for an entry at any level: under Xen PV the
 * store is a validated update of a read-only page and the frame number goes
 * from pseudo-physical to machine form and back; natively both are a move.
 * (The upper levels' set ops, set_pmd and up, do the same as set_pte in
 * every backend of ABI 1.x; a kernel that knows the level may call them.)
 */
#ifndef PVOPS_PORT_H
#define PVOPS_PORT_H

#include <pvops/pvops.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A raw entry value (physical address | flags) as the ops take it, and back. */
static inline pvops_pval_t pvops_pval_of(pvops_u64 v)
{
	return (__pvops_force pvops_pval_t)v;
}

static inline pvops_u64 pvops_pval_u64(pvops_pval_t v)
{
	return (__pvops_force pvops_u64)v;
}

/* *entry = v, for an entry of any level. */
static inline void pvops_pte_store(volatile void *entry, pvops_u64 v)
{
	pvops_mmu_set_pte((pvops_pte_t *)entry, pvops_mmu_make_pte(pvops_pval_of(v)));
}

/* *entry, for an entry of any level: the physical address | flags it holds. */
static inline pvops_u64 pvops_pte_load(const volatile void *entry)
{
	return pvops_pval_u64(pvops_mmu_pte_val(*(const volatile pvops_pte_t *)entry));
}

#ifdef __cplusplus
}
#endif

#endif /* PVOPS_PORT_H */
