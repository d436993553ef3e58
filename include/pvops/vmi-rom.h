/* SPDX-License-Identifier: MIT */
/*
 * The VMI 4.1 ROM ABI (spec/VMI.md): what a hypervisor vendor's option ROM
 * and a guest that binds to it agree on. Usable from C and from assembly;
 * depends on nothing else in pvops, so a ROM can be built from it alone.
 */
#ifndef PVOPS_VMI_ROM_H
#define PVOPS_VMI_ROM_H

/* ---- the header (spec/VMI.md section 2); offsets from the ROM's first byte */
#define VMI_ROM_SIGNATURE	0xaa55		/* 0x00 u16: bytes 55 AA */
#define VMI_ROM_OFF_LENGTH	0x02		/* u8: size in 512-byte blocks */
#define VMI_ROM_OFF_INIT16	0x03		/* real-mode init stub (far return) */
#define VMI_ROM_OFF_CLASS	0x08		/* u32: VMI_CLASS_SIGNATURE */
#define VMI_CLASS_SIGNATURE	0x696d5663	/* "cVmi" */
#define VMI_ROM_OFF_MINOR	0x0c		/* u8 */
#define VMI_ROM_OFF_MAJOR	0x0d		/* u8 */
#define VMI_ROM_OFF_HDR_LEN	0x0e		/* u16: bytes of header, >= VMI_HDR_LEN_4_0 */
#define VMI_ROM_OFF_NR_CALLS	0x10		/* u16: calls get_reloc answers */
#define VMI_ROM_OFF_FLAGS	0x12		/* u16: 0 in 4.0 */
#define VMI_ROM_OFF_DATA_SIZE	0x14		/* u32: bytes of zeroed RW memory the ROM needs */
#define VMI_ROM_OFF_PCIR	0x18		/* u16: PCI data structure, 0 if none */
#define VMI_ROM_OFF_PNP		0x1a		/* u16: PnP expansion header, 0 if none */
#define VMI_ROM_OFF_LICENSE	0x1c		/* u16: NUL-terminated license string */
#define VMI_ROM_OFF_NAME	0x1e		/* u16: NUL-terminated ROM name and version */
#define VMI_ROM_OFF_DATA_VA	0x20		/* u64: written by the guest before init */
#define VMI_ROM_OFF_INIT	0x80		/* 8 bytes: entry of vmi_init() */
#define VMI_ROM_OFF_GET_RELOC	0x88		/* 8 bytes: entry of get_reloc() */
#define VMI_HDR_LEN_4_0		0x90

#define VMI_ABI_MAJOR		4
#define VMI_ABI_MINOR		1
#define VMI_NR_CALLS_4_0	42		/* the calls each minor defines */
#define VMI_NR_CALLS_4_1	43
#define VMI_ROM_MAX_SIZE	0x10000		/* 64 KiB: a guest may refuse larger ROMs */
#define VMI_ROM_MAX_DATA	0x4000		/* 16 KiB of data */
#define VMI_INLINE_MAX		16		/* bytes of one INLINE relocation */
#define VMI_SCAN_START		0xc0000		/* the option-ROM area, in 2 KiB steps */
#define VMI_SCAN_END		0xf0000
#define VMI_SCAN_STEP		0x800

/* ---- relocation types (spec/VMI.md section 4) ---- */
#define VMI_RELOC_NONE		0	/* keep the guest's native code */
#define VMI_RELOC_CALL_REL	1	/* call the entry (a rel32 call at the site) */
#define VMI_RELOC_JUMP_REL	2	/* jump to the entry: JUMP calls only */
#define VMI_RELOC_NOP		3	/* the call does nothing: void calls only */
#define VMI_RELOC_INLINE	4	/* copy len bytes into the site; entry does the same */
#define VMI_RELOC_MAX		4

/* set_lazy_mode() modes; never nested */
#define VMI_LAZY_NONE		0
#define VMI_LAZY_MMU		1
#define VMI_LAZY_CPU		2

/* flush_tlb() flags */
#define VMI_FLUSH_TLB		1	/* every non-global translation */
#define VMI_FLUSH_GLOBAL	2	/* global ones too */

/* page-table levels of set_pxe(), allocate_page(), release_page() */
#define VMI_LEVEL_PT		1
#define VMI_LEVEL_PD		2
#define VMI_LEVEL_PDP		3
#define VMI_LEVEL_PML4		4

/* cycle counters */
#define VMI_CYCLES_REAL		0	/* wall time of the vCPU */
#define VMI_CYCLES_AVAILABLE	1	/* running or halted */
#define VMI_CYCLES_STOLEN	2	/* runnable, not running: REAL = AVAILABLE + STOLEN */

/* set_ap_state(): the low memory the guest lends the ROM (spec/VMI.md section 6.7) */
#define VMI_AP_SCRATCH_SIZE	0x4000	/* page aligned, below 1 MiB */

/* vmi_init(), set_alarm() and set_ap_state() results */
#define VMI_OK			0
#define VMI_ERR_VERSION		(-1)	/* the guest's version is not served */
#define VMI_ERR_NODEV		(-2)	/* the hardware the ROM needs is absent */
#define VMI_ERR_INVAL		(-3)	/* a bad argument */

/* Call numbers: VMI_CALL_<name>. */
#ifndef __ASSEMBLER__
enum vmi_call {
#define VMI_CALL(nr, name, minor, kind, conv, op) VMI_CALL_##name = nr,
#include <pvops/vmi-calls.def>
#undef VMI_CALL
	VMI_NR_CALLS	/* every call of VMI_ABI_MAJOR.VMI_ABI_MINOR */
};

/* What get_reloc() fills in (spec/VMI.md section 4). */
struct vmi_reloc {
	unsigned char type;	/* VMI_RELOC_* */
	unsigned char len;	/* INLINE: bytes at bytes_off, 1..VMI_INLINE_MAX */
	unsigned short reserved;
	unsigned int entry_off;	/* CALL_REL, JUMP_REL, INLINE: entry, from the ROM's start */
	unsigned int bytes_off;	/* INLINE: the bytes, from the ROM's start */
	unsigned int reserved2;
};

/* What the guest passes to vmi_init() (spec/VMI.md section 3). */
struct vmi_init_args {
	unsigned int size;		/* sizeof(struct vmi_init_args) */
	unsigned char major;		/* the guest's VMI_ABI_MAJOR */
	unsigned char minor;		/* the guest's VMI_ABI_MINOR */
	unsigned short reserved;
	unsigned long long rom_pa;	/* where the guest found the ROM */
};

/*
 * What set_ap_state() starts a CPU with (spec/VMI.md section 6.7): 64-bit
 * mode at rip, rflags 0x2 (interrupts off), these registers, the GDT at
 * gdt_base with cs and ds (ss, ds, es; fs and gs null) loaded from it.
 */
struct vmi_ap_state {
	unsigned int size;		/* sizeof(struct vmi_ap_state) */
	unsigned int reserved;		/* 0 */
	unsigned long long rip, rsp, rdi, rsi, rdx;
	unsigned long long cr0, cr3, cr4, efer;	/* 4-level long-mode paging */
	unsigned long long gdt_base;	/* a virtual address under cr3 */
	unsigned short gdt_limit;
	unsigned short cs;		/* a 64-bit code segment */
	unsigned short ds;		/* a data segment */
	unsigned short reserved2;	/* 0 */
	unsigned long long scratch_pa;	/* VMI_AP_SCRATCH_SIZE bytes, also the STARTUP vector */
	unsigned long long scratch_va;	/* the same bytes, mapped alike by cr3 and the caller */
};

/* The two fixed entries, called with the SysV x86-64 convention. */
typedef int (*vmi_init_fn)(const struct vmi_init_args *args);
typedef int (*vmi_get_reloc_fn)(unsigned int call, struct vmi_reloc *out);
#endif

#endif /* PVOPS_VMI_ROM_H */
