// SPDX-License-Identifier: MIT
/* Fixture for tools/check-privileged: both stores must be reported. */
#include <pvops/types.h>

void bad_store(pte_t *ptep, pmd_t *pmd, pte_t v, pmd_t m);
void bad_store(pte_t *ptep, pmd_t *pmd, pte_t v, pmd_t m)
{
	*ptep = v;
	pmd[3] = m;
}
