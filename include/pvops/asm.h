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

/*
 * ABI 1.4: a per-CPU load site in a backend's assembly: PVOPS_PERCPU_SITE_LEN
 * bytes from start, a fallback that leaves this CPU's per-CPU pointer in
 * %rax and begins with "leaq sym(%rip), %rax"; where the kernel gives a
 * per-CPU slot, init rewrites them to one segment-relative load of it and a
 * jump past the rest (core/percpu.c).
 */
#define PVOPS_PERCPU_SITE_LEN 21
#ifdef __ASSEMBLER__
.macro PVOPS_PERCPU_SITE start, end
	.if \end - \start - PVOPS_PERCPU_SITE_LEN
	.error "a per-CPU site is PVOPS_PERCPU_SITE_LEN bytes"
	.endif
	.pushsection .pvops_percpu_sites, "a"
	.balign 8
	.quad \start
	.popsection
.endm
#endif

/*
 * The landing pad of an indirect-branch target under CET's IBT: ENDBR64 when
 * the code is built with -fcf-protection (the compiler defines __CET__),
 * nothing otherwise. PVOPS_ENDBR in assembly, PVOPS_ENDBR_STR in a C asm
 * string. Every assembly function whose address goes into the ops table, an
 * IDT or a descriptor starts with it (tools/check-endbr).
 */
#ifdef __CET__
#define PVOPS_ENDBR endbr64
#define PVOPS_ENDBR_STR "endbr64\n\t"
#else
#define PVOPS_ENDBR
#define PVOPS_ENDBR_STR ""
#endif

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
