/* SPDX-License-Identifier: MIT */
/*
 * The fields of the PVH boot protocol's start info the native backend reads
 * (its RSDP), so that a native-only build needs no Xen headers. The layout is
 * Xen's public ABI (xen/include/public/arch-x86/hvm/start_info.h, version 1);
 * where those headers are installed, it is checked against them.
 */
#ifndef PVOPS_NATIVE_PVH_START_H
#define PVOPS_NATIVE_PVH_START_H

#define PVH_START_MAGIC 0x336ec578	/* XEN_HVM_START_MAGIC_VALUE */

struct pvh_start_info {
	u32 magic;
	u32 version;
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;
	u64 cmdline_paddr;
	u64 rsdp_paddr;
	u64 memmap_paddr;		/* version 1 */
	u32 memmap_entries;
	u32 reserved;
};

#if !defined(__CHECKER__) && defined(__has_include)	/* sparse has no __has_include */
#if __has_include(<xen/arch-x86/hvm/start_info.h>)
#include <stdint.h>
#include <xen/arch-x86/hvm/start_info.h>
_Static_assert(PVH_START_MAGIC == XEN_HVM_START_MAGIC_VALUE, "PVH magic");
_Static_assert(sizeof(struct pvh_start_info) == sizeof(struct hvm_start_info), "PVH size");
_Static_assert(__builtin_offsetof(struct pvh_start_info, rsdp_paddr) ==
	       __builtin_offsetof(struct hvm_start_info, rsdp_paddr), "PVH rsdp_paddr");
_Static_assert(__builtin_offsetof(struct pvh_start_info, version) ==
	       __builtin_offsetof(struct hvm_start_info, version), "PVH version");
#endif
#endif

#endif
