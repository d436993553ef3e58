/* SPDX-License-Identifier: MIT */
/*
 * The AP trampoline's layout (ap_trampoline.S, ap.c), in the
 * PVOPS_TRAMPOLINE_SIZE bytes the kernel gave below 1 MiB:
 *   page 0: the code (real, protected, long mode), then the data below;
 *   page 1: PML4 (entry 0: identity of the first 2 MiB; 256-511: the
 *           kernel's own upper half, copied at each start);
 *   page 2: PDPT, page 3: PD (one 2 MiB page at 0).
 */
#ifndef NATIVE_AP_H
#define NATIVE_AP_H

#define TD_GDT_DESC	0xf00	/* u16 limit, u32 base */
#define TD_PM32_PTR	0xf08	/* u32 offset, u16 selector 0x18 */
#define TD_LM64_PTR	0xf10	/* u32 offset, u16 selector 0x08 */
#define TD_LAND64	0xf18	/* the high landing, native_ap_land64 */
#define TD_CR3		0xf20	/* the kernel's page tables */
#define TD_CR4		0xf28
#define TD_EFER		0xf30
#define TD_CR0		0xf38
#define TD_STACK	0xf40
#define TD_BOOT		0xf48	/* const struct pvops_ap_boot * */
#define TD_CPU		0xf50
#define TD_STARTED	0xf58	/* volatile u32 * */
#define TD_GDT		0xf80	/* null, 0x08 code64, 0x10 data, 0x18 code32 */
#define TD_PML4		0x1000

/* The descriptors of both GDTs a starting CPU uses (the trampoline's, the landing's). */
#define AP_GDT_CODE64	0x00af9a000000ffff
#define AP_GDT_DATA	0x00cf92000000ffff
#define AP_GDT_CODE32	0x00cf9a000000ffff
#define TD_PDPT		0x2000
#define TD_PD		0x3000

#endif
