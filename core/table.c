// SPDX-License-Identifier: MIT
/*
 * The ops table sits alone in .pvops_ro_after_init, which the kernel's
 * linker script places where it is write-protected after pvops_init()
 * (PVOPS_RO_AFTER_INIT in <pvops/pvops.lds.h>). It is defined, filled with
 * the native implementation, by the native backend (always linked):
 * backends/native/native.c.
 */
#include <pvops/ops.h>
#include <pvops/asm.h>

/*
 * What an empty op's slot holds once its sites are NOPs: a bare ret, so
 * that a site left indirect on purpose (PVOPS_SITE_KEEP_INDIRECT) or a
 * kernel reading the table never calls address 0. It touches no
 * register, which every calling convention allows.
 */
__asm__(".pushsection .text\n\t"
	".globl pvops_empty_op\n\t"
	".type pvops_empty_op, @function\n"
	"pvops_empty_op:\n\t"
	PVOPS_ENDBR_STR
	"ret\n\t"
	".size pvops_empty_op, .-pvops_empty_op\n\t"
	".popsection");
