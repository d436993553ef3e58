// SPDX-License-Identifier: MIT
/*
 * Exception fixups for the instructions that backends expect to fault.
 */
#include <pvops/pvops.h>
#include <pvops/backend.h>

extern const struct pvops_extable __pvops_extable_start[], __pvops_extable_end[];

bool pvops_fixup_exception(u64 *rip)
{
	const struct pvops_extable *e;

	for (e = __pvops_extable_start; e < __pvops_extable_end; e++) {
		if (e->insn == *rip) {
			*rip = e->fixup;
			return true;
		}
	}
	return false;
}
