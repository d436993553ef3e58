/* SPDX-License-Identifier: MIT */
/*
 * The Hyper-V hypercall page: the backend gives its address to the
 * HYPERCALL MSR and the hypervisor writes the calling sequence (vmcall or
 * vmmcall, ret) into it. Until then it holds int3: the backend checks
 * that the page was written before the first call.
 */
	.pushsection .text.pvops_hv_hypercall_page, "ax", @progbits
	.balign 4096
	.globl hv_hypercall_page
	.type hv_hypercall_page, @object
hv_hypercall_page:
	.fill 4096, 1, 0xcc
	.size hv_hypercall_page, 4096
	.popsection

	.section .note.GNU-stack, "", @progbits
