// SPDX-License-Identifier: MIT
/* Fixture for make check: sparse must reject each of these mixes. */
#include <pvops/pvops.h>

pte_t mix_pval_as_pte(pval_t v);
pte_t mix_pval_as_pte(pval_t v)
{
	return v;			/* pseudo-physical value stored as a machine entry */
}

mfn_t mix_pfn_as_mfn(pfn_t p);
mfn_t mix_pfn_as_mfn(pfn_t p)
{
	return p;			/* pseudo-physical frame used as a machine frame */
}

u64 mix_entry_as_int(pmd_t e);
u64 mix_entry_as_int(pmd_t e)
{
	return e & 1;			/* entry bits read without pmd_val */
}
