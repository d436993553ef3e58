/* SPDX-License-Identifier: MIT */
/*
 * The hypercall page: Xen writes one 32-byte entry per hypercall here when
 * it builds a PV domain from the kernel's XEN_ELFNOTE_HYPERCALL_PAGE note.
 * Until then it holds int3, so that a missing note shows at once: the
 * backend refuses to start when the page is still the poison.
 */
	.pushsection .text.pvops_xen_hypercall_page, "ax", @progbits
	.balign 4096
	.globl pvops_xen_hypercall_page
	.type pvops_xen_hypercall_page, @object
pvops_xen_hypercall_page:
	.fill 4096, 1, 0xcc
	.size pvops_xen_hypercall_page, 4096
	.popsection

	.section .note.GNU-stack, "", @progbits
