/* SPDX-License-Identifier: MIT */
/*
 * Call sites in assembly. A kernel's entry code jumps to the JUMP ops
 * (irq.iret) through a patchable site:
 *
 *	#include <pvops/asm.h>
 *	PVOPS_ASM_JUMP(PVOPS_ID_irq_iret)	// instead of iretq
 *
 * The site is "jmp *pvops_ops+8*id(%rip)" (6 bytes) with a record in
 * .pvops_sites; the patcher makes it the backend's bytes (native: iretq)
 * or a direct jmp.
 */
#ifndef PVOPS_ASM_H
#define PVOPS_ASM_H

/* PVOPS_ID_<group>_<name>: generated from spec/ops.def (tools/gen-ops.c). */
#include <pvops/ids.h>

#define __PVOPS_ASM_CONV_JUMP 2

#ifdef __ASSEMBLER__
#define PVOPS_ASM_JUMP(id)						\
771:	jmp *(pvops_ops + 8 * (id))(%rip);				\
772:	.pushsection .pvops_sites, "a";					\
	.balign 8;							\
	.quad 771b;							\
	.short (id);							\
	.byte 772b - 771b;						\
	.byte __PVOPS_ASM_CONV_JUMP;					\
	.long 0;							\
	.popsection
#endif

#endif
