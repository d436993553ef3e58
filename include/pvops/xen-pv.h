/* SPDX-License-Identifier: MIT */
/*
 * What a kernel needs to boot as a Xen PV guest with pvops, and what the
 * Xen backend tells it.
 *
 * In assembly, the kernel's head declares its PV notes once:
 *
 *	#include <pvops/xen-pv.h>
 *	PVOPS_XEN_PV_NOTES xen_pv_start, 0xffffffff80000000
 *
 * Xen then loads each PT_LOAD segment at its physical address plus the
 * virtual base, fills pvops_xen_hypercall_page, and enters xen_pv_start in
 * 64-bit mode on its own page tables with %rsi = start_info (a virtual
 * address). The kernel switches to its own stack, passes the start_info to
 * pvops_init() through pvops_env.entry_info with entry PVOPS_ENTRY_XEN_PV,
 * and from there runs the same code as on any other entry. Before its own
 * page tables exist it reaches pseudo-physical address pa at virt_base + pa
 * (Xen's initial mapping), and it keeps that mapping of everything below
 * the end of Xen's bootstrap elements (see spec/ABI.md, "Xen PV").
 */
#ifndef PVOPS_XEN_PV_H
#define PVOPS_XEN_PV_H

/*
 * Xen's ELF note types (xen/include/public/elfnote.h: fixed numbers of Xen's
 * ABI), so that a kernel's head needs no Xen headers; the Xen backend checks
 * them against Xen's own.
 */
#define PVOPS_XEN_ELFNOTE_ENTRY 1
#define PVOPS_XEN_ELFNOTE_HYPERCALL_PAGE 2
#define PVOPS_XEN_ELFNOTE_VIRT_BASE 3
#define PVOPS_XEN_ELFNOTE_PADDR_OFFSET 4
#define PVOPS_XEN_ELFNOTE_XEN_VERSION 5
#define PVOPS_XEN_ELFNOTE_GUEST_OS 6
#define PVOPS_XEN_ELFNOTE_LOADER 8
#define PVOPS_XEN_ELFNOTE_FEATURES 10
#define PVOPS_XEN_ELFNOTE_PHYS32_ENTRY 18	/* the PVH entry's note */

#ifdef __ASSEMBLER__

/* One Xen ELF note: the header, the descriptor (between labels 3 and 4), the end. */
.macro PVOPS_XEN_ELFNOTE_BEGIN type
	.pushsection .note.Xen, "a", @note
	.balign 4
	.long 2f - 1f
	.long 4f - 3f
	.long \type
1:	.asciz "Xen"
2:	.balign 4
3:
.endm

.macro PVOPS_XEN_ELFNOTE_END
4:	.balign 4
	.popsection
.endm

/* A note whose descriptor is a 64-bit value, or a string. */
.macro PVOPS_XEN_ELFNOTE type, value
	PVOPS_XEN_ELFNOTE_BEGIN \type
	.quad \value
	PVOPS_XEN_ELFNOTE_END
.endm

.macro PVOPS_XEN_ELFNOTE_STR type, str
	PVOPS_XEN_ELFNOTE_BEGIN \type
	.asciz "\str"
	PVOPS_XEN_ELFNOTE_END
.endm

.macro PVOPS_XEN_PV_NOTES entry, virt_base
	PVOPS_XEN_ELFNOTE_STR PVOPS_XEN_ELFNOTE_GUEST_OS, "pvops"
	PVOPS_XEN_ELFNOTE_STR PVOPS_XEN_ELFNOTE_XEN_VERSION, "xen-3.0"
	PVOPS_XEN_ELFNOTE_STR PVOPS_XEN_ELFNOTE_LOADER, "generic"
	PVOPS_XEN_ELFNOTE PVOPS_XEN_ELFNOTE_VIRT_BASE, \virt_base
	PVOPS_XEN_ELFNOTE PVOPS_XEN_ELFNOTE_PADDR_OFFSET, 0
	PVOPS_XEN_ELFNOTE PVOPS_XEN_ELFNOTE_ENTRY, pvops_xen_pv_start
	/* Xen enters the library first (ABI 1.3: ops work before pvops_init()), then \entry. */
	.pushsection .rodata.pvops_xen_pv_entry, "a"
	.balign 8
	.globl pvops_xen_pv_kernel_entry
pvops_xen_pv_kernel_entry:
	.quad \entry
	.popsection
	PVOPS_XEN_ELFNOTE PVOPS_XEN_ELFNOTE_HYPERCALL_PAGE, pvops_xen_hypercall_page
	PVOPS_XEN_ELFNOTE_STR PVOPS_XEN_ELFNOTE_FEATURES, "!writable_page_tables"
.endm

#else /* !__ASSEMBLER__ */

#include <pvops/types.h>

__PVOPS_BEGIN_DECLS

/* Filled in by Xen from the HYPERCALL_PAGE note: 128 entries of 32 bytes. */
extern const char pvops_xen_hypercall_page[4096];

/*
 * Page-table entries one lazy-MMU flush can carry under Xen PV (more are
 * sent in several hypercalls). The backends' counters ("hypercalls",
 * "mmu_updates", ...) are read with pvops_counter_read(), <pvops/introspect.h>.
 */
#define PVOPS_XEN_LAZY_BATCH 512

/*
 * The wall clock from shared_info (seconds and nanoseconds since the Unix
 * epoch, at Xen's system time 0) plus the clock op's nanoseconds: 0, or
 * -PVOPS_ENODEV when no Xen backend is in use.
 */
int pvops_xen_wallclock(pvops_u64 *sec, pvops_u32 *nsec);

/*
 * A hypercall of the kernel's own (a toolstack, a driver) through the
 * hypercall page, counted with the backend's: Xen's result, or -38
 * (Xen's ENOSYS) when the Xen backend is not in use. Nothing is logged:
 * the caller names its own failures, with pvops_xen_strerror(rc) giving
 * Xen's name for the error ("EINVAL").
 */
long pvops_xen_hypercall(unsigned int nr, pvops_u64 a1, pvops_u64 a2, pvops_u64 a3, pvops_u64 a4, pvops_u64 a5);
const char *pvops_xen_strerror(long err);

__PVOPS_END_DECLS
#endif /* __ASSEMBLER__ */
#endif /* PVOPS_XEN_PV_H */
