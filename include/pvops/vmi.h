/* SPDX-License-Identifier: MIT */
/*
 * What the VMI backend tells the kernel: the ROM it bound to, how each call
 * was bound, and the ROM's wall clock. The ROM ABI itself is
 * <pvops/vmi-rom.h> (spec/VMI.md).
 */
#ifndef PVOPS_VMI_H
#define PVOPS_VMI_H

#include <pvops/types.h>
#include <pvops/vmi-rom.h>

__PVOPS_BEGIN_DECLS

struct pvops_vmi_info {
	pvops_u64 rom_pa;		/* where the scan found the ROM */
	pvops_u32 rom_size;		/* bytes (length field x 512) */
	pvops_u8 major, minor;	/* the ROM's version */
	pvops_u16 nr_calls;		/* calls asked: those of min(ROM minor, guest minor) */
	const pvops_u8 *copy;		/* the executable copy the sites call into */
	const char *name;	/* the ROM's name string (in the copy) */
	const char *license;	/* its license string */
	pvops_u64 cycle_hz;		/* get_cycle_frequency(), 0 when not bound */
	pvops_u32 relocs[VMI_RELOC_MAX + 1];	/* calls bound per relocation type */
};

/* Fill info and return 0, or -PVOPS_ENODEV when the VMI backend is not in use. */
int pvops_vmi_get_info(struct pvops_vmi_info *info);

/* The validated relocation of call (entry_off/bytes_off into info.copy): 0, or -PVOPS_E*. */
int pvops_vmi_reloc(unsigned int call, struct vmi_reloc *out);

/* The ROM's wall clock (ns since 1970): 0, -PVOPS_ENOSYS (not offered or
 * unknown) or -PVOPS_ENODEV. */
int pvops_vmi_wallclock(pvops_u64 *ns);

__PVOPS_END_DECLS
#endif /* PVOPS_VMI_H */
