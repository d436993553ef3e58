/* SPDX-License-Identifier: MIT */
/* The reference VMI ROM's own definitions (C and assembly). */
#ifndef VMI_NATIVE_ROM_H
#define VMI_NATIVE_ROM_H

#include <pvops/vmi-rom.h>

/*
 * Every symbol is the ROM's own: reached PC-relative, never through a GOT
 * (Clang would use one for a symbol only declared here; the ROM must be
 * position independent without any relocation).
 */
#ifndef __ASSEMBLER__
#pragma GCC visibility push(hidden)
#endif

#define ROM_NR_CALLS 43		/* every call of VMI 4.1 (checked in native.c) */
#define VMI_ROM_DATA_SIZE 64	/* struct rom_state, rounded up */

/* One row of the relocation table (calls.S), in call-number order. */
#define ROM_RELOC_SIZE 12
#ifndef __ASSEMBLER__
struct rom_reloc {
	int entry;		/* self-relative: the entry is at &entry + entry */
	int bytes;		/* self-relative, INLINE only */
	unsigned char type;
	unsigned char len;
	unsigned short pad;
};
#endif

#endif
