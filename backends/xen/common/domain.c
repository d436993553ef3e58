// SPDX-License-Identifier: MIT
/*
 * The domain as both Xen backends see it: shared_info (mapped over a page
 * of the kernel image: the PV backend redirects that page's frame, the
 * HVM backend asks XENMEM_add_to_physmap), whether this is the hardware
 * domain, where Xen's CPUID leaves are, and the counters both backends
 * keep (the descriptors' table, <pvops/introspect.h>).
 */
#include "xen.h"
#include <xen/elfnote.h>

/* The PV entry reaches vCPU 0's vcpu_info at shared_info's start (gen/asm-offsets.c). */
_Static_assert(__builtin_offsetof(struct shared_info, vcpu_info) == 0, "vcpu 0 first");

/* <pvops/xen-pv.h> spells Xen's note numbers for kernels without Xen's headers. */
_Static_assert(PVOPS_XEN_ELFNOTE_ENTRY == XEN_ELFNOTE_ENTRY &&
	       PVOPS_XEN_ELFNOTE_HYPERCALL_PAGE == XEN_ELFNOTE_HYPERCALL_PAGE &&
	       PVOPS_XEN_ELFNOTE_VIRT_BASE == XEN_ELFNOTE_VIRT_BASE &&
	       PVOPS_XEN_ELFNOTE_PADDR_OFFSET == XEN_ELFNOTE_PADDR_OFFSET &&
	       PVOPS_XEN_ELFNOTE_XEN_VERSION == XEN_ELFNOTE_XEN_VERSION &&
	       PVOPS_XEN_ELFNOTE_GUEST_OS == XEN_ELFNOTE_GUEST_OS &&
	       PVOPS_XEN_ELFNOTE_LOADER == XEN_ELFNOTE_LOADER &&
	       PVOPS_XEN_ELFNOTE_FEATURES == XEN_ELFNOTE_FEATURES &&
	       PVOPS_XEN_ELFNOTE_PHYS32_ENTRY == XEN_ELFNOTE_PHYS32_ENTRY, "Xen's note numbers");

/*
 * Set before the kernel's first instruction under Xen PV (pv/early.c), so
 * in .data, never .bss: a kernel clears its .bss after entry, which would
 * wipe them (and, for the shared page, the shared_info mapped there).
 */
#define XEN_EARLY __attribute__((section(".data.pvops_xen_early")))
u8 xen_shared_page[PVOPS_PAGE_SIZE] XEN_EARLY __attribute__((aligned(PVOPS_PAGE_SIZE)));
struct shared_info *xen_shared = (struct shared_info *)(void *)xen_shared_page;
bool xen_initdomain XEN_EARLY;
bool xen_active;
u32 xen_cpuid_base;

struct pvops_counter xen_counters[XEN_NR_COUNTERS] = {
	[XEN_C_HYPERCALLS] = { .name = "hypercalls" },
	[XEN_C_HYPERCALL_FAILURES] = { .name = "hypercall_failures" },
	[XEN_C_MMU_UPDATE_CALLS] = { .name = "mmu_update_calls" },
	[XEN_C_MMU_UPDATES] = { .name = "mmu_updates" },
	[XEN_C_MULTICALLS] = { .name = "multicalls" },
	[XEN_C_EVENTS] = { .name = "events" },
	[XEN_C_UPCALLS] = { .name = "upcalls" },
	[XEN_C_AP_STARTS] = { .name = "ap_starts" },
};

long xen_version(void)
{
	return XEN_HC(xen_version, "XENVER_version", XENVER_version, 0, 0, 0, 0);
}
