/* SPDX-License-Identifier: MIT */
/*
 * What the kernel hands to pvops at init: its command line and the few
 * services a backend needs from a kernel (mapping device memory, getting
 * a page). Every field is the kernel's; pvops keeps the pointer.
 */
#ifndef PVOPS_ENV_H
#define PVOPS_ENV_H

#include <pvops/types.h>

__PVOPS_BEGIN_DECLS

/* How the kernel was entered; backends may only run on matching entries. */
enum pvops_entry {
	PVOPS_ENTRY_UNKNOWN = 0,
	PVOPS_ENTRY_PVH,	/* Xen PVH ABI: 32-bit flat, hvm_start_info */
	PVOPS_ENTRY_MULTIBOOT2,	/* multiboot2 loader (GRUB) */
	PVOPS_ENTRY_XEN_PV,	/* Xen PV: 64-bit, start_info */
	PVOPS_ENTRY_MULTIBOOT1,	/* multiboot (version 1) loader: QEMU -kernel, GRUB (1.3) */
};

struct pvops_env {
	const char *cmdline;		/* NUL-terminated kernel command line */
	enum pvops_entry entry;
	const void *entry_info;		/* hvm_start_info, mb2 info, start_info */
	/* Map len bytes of device memory at pa, uncached; NULL on failure. */
	void *(*map_mmio)(pvops_u64 pa, pvops_u64 len);
	/* The kernel's virtual address of pseudo-physical address pa. */
	void *(*phys_to_virt)(pvops_u64 pa);
	pvops_u64 (*virt_to_phys)(const void *va);
	/* A zeroed, page-aligned page, or NULL. */
	void *(*alloc_page)(void);
	/*
	 * SMP (ABI 1.2). This CPU's id as the cross-CPU ops name it, from
	 * the kernel's own per-CPU data: backends with per-CPU state call it
	 * on hot paths. NULL on a kernel that starts no CPU (the boot CPU's
	 * id is used).
	 */
	pvops_u32 (*cpu_id)(void);
	/*
	 * PVOPS_TRAMPOLINE_SIZE bytes of RAM below 1 MiB, page aligned, that
	 * the kernel leaves to pvops: where smp.cpu_up starts a CPU in real
	 * mode (INIT-SIPI-SIPI). 0 when there is none.
	 */
	pvops_u64 trampoline_pa;
	/*
	 * ABI 1.4: one pointer's room in the kernel's own per-CPU area, for
	 * pvops' per-CPU state: percpu_seg PVOPS_PERCPU_GS (the Linux
	 * convention) or PVOPS_PERCPU_FS, and the 8-byte-aligned offset from
	 * that segment's base. The kernel loads each CPU's base before the
	 * CPU's first op: the boot CPU's before pvops_init(), a CPU smp.cpu_up
	 * starts through boot->percpu_base (pvops loads it), a CPU it starts
	 * itself before pvops_cpu_init_ap(). pvops writes the slot on each CPU
	 * and its hot paths read it with one load (spec/ABI.md 3.13).
	 * PVOPS_PERCPU_NONE (0): pvops asks cpu_id instead.
	 */
	pvops_u32 percpu_seg;
	pvops_u32 percpu_offset;
};

#define PVOPS_PERCPU_NONE 0
#define PVOPS_PERCPU_GS 1
#define PVOPS_PERCPU_FS 2

#define PVOPS_TRAMPOLINE_SIZE 0x4000

__PVOPS_END_DECLS
#endif /* PVOPS_ENV_H */
