/* SPDX-License-Identifier: MIT */
/*
 * Exception fixup records. An instruction that may fault on purpose (an
 * MSR probe in a _safe op, a kernel's probe of an address) gets a record;
 * the kernel's #GP/#PF handler calls pvops_fixup_exception(), which moves
 * rip to the fixup.
 */
#ifndef PVOPS_EXTABLE_H
#define PVOPS_EXTABLE_H

#ifndef __ASSEMBLER__
#include <pvops/types.h>

struct pvops_extable {
	pvops_u64 insn;	/* address of the instruction that may fault */
	pvops_u64 fixup;	/* where execution continues when it does */
};
#endif

/* For assembly: .pvops_extable record for labels insn and fixup. */
#define PVOPS_EXTABLE_ENTRY(insn, fixup)				\
	.pushsection .pvops_extable, "a";				\
	.balign 8;							\
	.quad insn, fixup;						\
	.popsection

#ifndef __ASSEMBLER__
__PVOPS_BEGIN_DECLS
pvops_bool pvops_fixup_exception(pvops_u64 *rip);
__PVOPS_END_DECLS
#endif

#endif
