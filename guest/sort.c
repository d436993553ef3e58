// SPDX-License-Identifier: MIT
/* Sorting the few numbers a test or a benchmark takes a median of. */
#include "kernel.h"

void sort_u64(u64 *v, u32 n)
{
	u32 i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			u64 x = v[j];

			v[j] = v[j - 1];
			v[j - 1] = x;
		}
}
