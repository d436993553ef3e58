/* SPDX-License-Identifier: MIT */
/*
 * The reference ROM's use of set_ap_state's scratch (spec/VMI.md section
 * 6.7), VMI_AP_SCRATCH_SIZE bytes below 1 MiB:
 *   page 0: the start-up code (ap.S) from offset 0, then the data below;
 *   page 1: PML4, which the new CPU copies from the state's cr3 and whose
 *           entry 0 it points at page 2 (the first 2 MiB, identity);
 *   page 2: PDPT, page 3: PD (one 2 MiB page at 0).
 * The new CPU goes real mode -> protected mode -> long mode on those
 * tables, jumps to the ROM's copy (mapped alike there and under the
 * state's cr3, and executable: the guest calls it), then loads the state
 * from scratch_va.
 */
#ifndef VMI_ROM_AP_H
#define VMI_ROM_AP_H

#define AP_CODE_MAX	0xe00	/* the code ends below the data */
#define AP_GDTR		0xe00	/* u16 limit, u32 base: the start-up GDT (real mode lgdtl) */
#define AP_PM32		0xe08	/* u32 offset, u16 selector 0x18: the 32-bit code */
#define AP_LM64		0xe10	/* u32 offset, u16 selector 0x08: the 64-bit code, identity */
#define AP_LAND		0xe18	/* u64: vmi_rom_ap_land in the ROM's copy */
#define AP_STATE_GDTR	0xe20	/* u16 limit, u64 base: the state's GDT (lgdt) */
#define AP_VA		0xe30	/* u64: scratch_va */
#define AP_STATE	0xe40	/* struct vmi_ap_state, as the guest gave it */
#define AP_GDT		0xf00	/* null, 0x08 code64, 0x10 data, 0x18 code32 */
#define AP_PML4		0x1000
#define AP_PDPT		0x2000
#define AP_PD		0x3000

/* Offsets in struct vmi_ap_state (checked in smp.c). */
#define ST_RIP		0x08
#define ST_RSP		0x10
#define ST_RDI		0x18
#define ST_RSI		0x20
#define ST_RDX		0x28
#define ST_CR0		0x30
#define ST_CR3		0x38
#define ST_CR4		0x40
#define ST_EFER		0x48
#define ST_CS		0x5a
#define ST_DS		0x5c

#endif
