// SPDX-License-Identifier: MIT
/*
 * The Xen numbers the backend's assembly (entry.S) needs, taken from Xen's
 * public headers by the compiler itself: built with the kernel's flags to
 * assembly only (never linked), each "->NAME value" marker becomes a
 * #define in build/gen/xen-offsets.h (Makefile). Nothing is kept by hand.
 */
#include "../common/xen.h"

#define DEFINE(sym, val) __asm__ volatile("\n.ascii \"->" #sym " %c0\"" : : "i"(val))

void xen_asm_offsets(void);
void xen_asm_offsets(void)
{
	/* struct vcpu_info, which starts shared_info (vCPU 0's) */
	DEFINE(XEN_VI_UPCALL_PENDING, __builtin_offsetof(struct vcpu_info, evtchn_upcall_pending));
	DEFINE(XEN_VI_UPCALL_MASK, __builtin_offsetof(struct vcpu_info, evtchn_upcall_mask));
	DEFINE(XEN_VI_CR2, __builtin_offsetof(struct vcpu_info, arch.cr2));
	/* hypercall numbers: entries of the hypercall page, 32 bytes each */
	DEFINE(XEN_HC_XEN_VERSION, __HYPERVISOR_xen_version);
	DEFINE(XEN_HC_IRET, __HYPERVISOR_iret);
}
