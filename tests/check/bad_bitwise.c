// SPDX-License-Identifier: MIT
/* Fixture for make check: sparse must reject each of these mixes. */
#include <pvops/pvops.h>

pvops_pte_t mix_pval_as_pte(pvops_pval_t v);
pvops_pte_t mix_pval_as_pte(pvops_pval_t v)
{
	return v;			/* pseudo-physical value stored as a machine entry */
}

pvops_mfn_t mix_pfn_as_mfn(pvops_pfn_t p);
pvops_mfn_t mix_pfn_as_mfn(pvops_pfn_t p)
{
	return p;			/* pseudo-physical frame used as a machine frame */
}

pvops_u64 mix_entry_as_int(pvops_pmd_t e);
pvops_u64 mix_entry_as_int(pvops_pmd_t e)
{
	return e & 1;			/* entry bits read without pmd_val */
}
