// SPDX-License-Identifier: MIT
/*
 * set_ap_state (VMI 4.1, spec/VMI.md section 6.7) on bare metal: no
 * hypervisor can load a CPU's registers, so the ROM puts its own start-up
 * code (ap.S) into the scratch the guest lends it, with the state and
 * the start-up page tables (ap.h); the guest's STARTUP IPI then runs it.
 * Writes only the scratch, through scratch_va. Limits of its own: the
 * state's PML4 below 4 GiB (the new CPU reads it with paging off), and
 * the ROM's copy outside the first PML4 slot, and scratch_va = scratch_pa
 * when it lies there: the start-up tables give that slot to the identity
 * map.
 */
#include "rom.h"
#include "ap.h"

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define CR0_PE (1ULL << 0)
#define CR0_PG (1ULL << 31)
#define CR4_PAE (1ULL << 5)
#define CR4_LA57 (1ULL << 12)
#define EFER_LME (1ULL << 8)

/* The start-up GDT: null, 0x08 64-bit code, 0x10 data, 0x18 32-bit code. */
static const u64 ap_gdt[4] = { 0, 0x00af9a000000ffffULL, 0x00cf92000000ffffULL,
			       0x00cf9a000000ffffULL };

#define OFF(f) __builtin_offsetof(struct vmi_ap_state, f)
_Static_assert(sizeof(struct vmi_ap_state) == 112, "spec/VMI.md 6.7");
_Static_assert(OFF(rip) == ST_RIP && OFF(rsp) == ST_RSP && OFF(rdi) == ST_RDI &&
	       OFF(rsi) == ST_RSI && OFF(rdx) == ST_RDX && OFF(cr0) == ST_CR0 &&
	       OFF(cr3) == ST_CR3 && OFF(cr4) == ST_CR4 && OFF(efer) == ST_EFER &&
	       OFF(cs) == ST_CS && OFF(ds) == ST_DS, "ap.h: the state's offsets");
_Static_assert(AP_STATE + sizeof(struct vmi_ap_state) <= AP_GDT, "ap.h: the state fits");
_Static_assert(AP_PD + 0x1000 <= VMI_AP_SCRATCH_SIZE, "ap.h: the tables fit the scratch");

extern const u8 vmi_rom_ap_start[], vmi_rom_ap_end[];
extern const u32 vmi_rom_ap_pm32, vmi_rom_ap_lm64;
extern const char vmi_rom_ap_land[];
/* VMI_OK (header.S); tools/vmi-rom makes a ROM that refuses every state. */
extern const volatile int vmi_rom_ap_result;

/* Byte stores through volatile: nothing here may become a libc call. */
static void put(volatile u8 *t, u32 off, u64 val, u32 len)
{
	u32 i;

	for (i = 0; i < len; i++)
		t[off + i] = (u8)(val >> (8 * i));
}

static void copy(volatile u8 *t, u32 off, const void *src, u32 len)
{
	const u8 *s = src;
	u32 i;

	for (i = 0; i < len; i++)
		t[off + i] = s[i];
}

/* A 64-bit-mode selector: in the GDT, RPL 0, past the null descriptor, under the limit. */
static int selector_ok(u16 sel, u16 limit)
{
	return !(sel & 7) && sel && (u32)sel + 7 <= limit;
}

static int state_ok(const struct vmi_ap_state *st)
{
	u64 pa = st->scratch_pa, va = st->scratch_va;

	if (st->size != sizeof(*st) || st->reserved || st->reserved2)
		return 0;
	if ((st->cr0 & (CR0_PG | CR0_PE)) != (CR0_PG | CR0_PE) || !(st->cr4 & CR4_PAE) ||
	    (st->cr4 & CR4_LA57) || !(st->efer & EFER_LME))
		return 0;
	if (!selector_ok(st->cs, st->gdt_limit) || !selector_ok(st->ds, st->gdt_limit))
		return 0;
	if ((pa & 0xfff) || pa < 0x1000 || pa + VMI_AP_SCRATCH_SIZE > 0x100000 || (va & 0xfff))
		return 0;
	/* This ROM's own limits (see the top). */
	if (st->cr3 >> 32 || (va >> 39 == 0 && va != pa) ||
	    (unsigned long)vmi_rom_ap_land >> 39 == 0)
		return 0;
	return 1;
}

int vmi_set_ap_state(u32 apic_id, const struct vmi_ap_state *st);
int vmi_set_ap_state(u32 apic_id, const struct vmi_ap_state *st)
{
	volatile u8 *t;
	u64 pa;
	u32 i;

	(void)apic_id;		/* whichever CPU the STARTUP goes to runs it */
	if (!st || !state_ok(st))
		return VMI_ERR_INVAL;
	if (vmi_rom_ap_result != VMI_OK)
		return vmi_rom_ap_result;
	t = (volatile u8 *)st->scratch_va;
	pa = st->scratch_pa;
	copy(t, 0, vmi_rom_ap_start, (u32)(vmi_rom_ap_end - vmi_rom_ap_start));
	put(t, AP_GDTR, sizeof(ap_gdt) - 1, 2);
	put(t, AP_GDTR + 2, pa + AP_GDT, 4);
	put(t, AP_PM32, pa + vmi_rom_ap_pm32, 4);
	put(t, AP_PM32 + 4, 0x18, 2);
	put(t, AP_LM64, pa + vmi_rom_ap_lm64, 4);
	put(t, AP_LM64 + 4, 0x08, 2);
	put(t, AP_LAND, (u64)(unsigned long)vmi_rom_ap_land, 8);
	put(t, AP_VA, st->scratch_va, 8);
	put(t, AP_STATE_GDTR, st->gdt_limit, 2);
	put(t, AP_STATE_GDTR + 2, st->gdt_base, 8);
	copy(t, AP_STATE, st, sizeof(*st));
	copy(t, AP_GDT, ap_gdt, sizeof(ap_gdt));
	for (i = 0; i < 0x2000; i++)	/* PDPT and PD */
		t[AP_PDPT + i] = 0;
	put(t, AP_PDPT, (pa + AP_PD) | 0x3, 8);		/* present, writable */
	put(t, AP_PD, 0x83, 8);				/* 2 MiB at 0 */
	__asm__ volatile("" ::: "memory");
	return VMI_OK;
}
