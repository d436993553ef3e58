// SPDX-License-Identifier: MIT
/*
 * The ops table. It sits alone in .pvops_ro_after_init, which the kernel's
 * linker script places where it is write-protected after pvops_init()
 * (PVOPS_RO_AFTER_INIT in <pvops/pvops.lds.h>).
 */
#include <pvops/ops.h>

struct pvops_ops pvops_ops __attribute__((section(".pvops_ro_after_init"), aligned(4096)));

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
	"ret\n\t"
	".size pvops_empty_op, .-pvops_empty_op\n\t"
	".popsection");
