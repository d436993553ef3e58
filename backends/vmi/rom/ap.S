/* SPDX-License-Identifier: MIT */
/*
 * The reference ROM's start-up code for set_ap_state (smp.c copies
 * vmi_rom_ap_start..end into the scratch, ap.h): where a STARTUP IPI with
 * the scratch's vector lands, in real mode at CS:0. Position independent:
 * real mode works in its own segment, protected and long mode from the
 * scratch's physical base in %esi. It goes on in the ROM's own copy
 * (vmi_rom_ap_land) and ends in the state the guest gave: its registers,
 * its GDT and segments, at rip.
 *
 * The ROM is a separate artifact built apart from the library (it stands
 * for a hypervisor's ROM and links nothing of pvops), so it keeps its own
 * copy of the real-mode -> long-mode steps that the library shares as
 * <pvops/long-mode.h> (backends/native/ap_trampoline.S, the guest's head.S).
 */
#include "ap.h"

#define OFF(x) ((x) - vmi_rom_ap_start)

	.section .rodata, "a"
	.balign 16
	.globl vmi_rom_ap_start, vmi_rom_ap_end
	.code16
vmi_rom_ap_start:
	cli
	cld
	movw %cs, %ax
	movw %ax, %ds
	movzwl %ax, %esi
	shll $4, %esi			/* the scratch's physical base */
	lgdtl AP_GDTR
	movl %cr0, %eax
	orl $1, %eax			/* PE */
	movl %eax, %cr0
	ljmpl *AP_PM32

	.code32
ap_pm32:
	movl $0x10, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	/* The state's PML4, by its physical address (paging is off; below 4 GiB). */
	movl %esi, %ebx
	movl AP_STATE + ST_CR3(%ebx), %esi
	andl $0xfffff000, %esi
	leal AP_PML4(%ebx), %edi
	movl $1024, %ecx
	rep movsl
	movl %ebx, %esi
	leal AP_PDPT + 3(%esi), %eax	/* entry 0: the first 2 MiB, identity */
	movl %eax, AP_PML4(%esi)
	movl $0, AP_PML4 + 4(%esi)
	movl %cr4, %eax
	orl $0x20, %eax			/* PAE */
	movl %eax, %cr4
	leal AP_PML4(%esi), %eax
	movl %eax, %cr3
	movl $0xc0000080, %ecx		/* EFER: the state's (NXE before any NX entry), LME */
	movl AP_STATE + ST_EFER(%esi), %eax
	movl AP_STATE + ST_EFER + 4(%esi), %edx
	andl $~(1 << 10), %eax		/* LMA is the CPU's to set */
	orl $(1 << 8), %eax
	wrmsr
	movl %cr0, %eax
	orl $0x80000001, %eax		/* PG, PE */
	andl $0x9fffffff, %eax		/* caches on: CD, NW off */
	movl %eax, %cr0
	ljmpl *AP_LM64(%esi)

	.code64
ap_lm64:
	movl %esi, %esi
	movq AP_VA(%rsi), %rbx
	jmpq *AP_LAND(%rsi)

vmi_rom_ap_end:
	.if vmi_rom_ap_end - vmi_rom_ap_start > AP_CODE_MAX
	.error "the start-up code overlaps its data (ap.h)"
	.endif

	.balign 4
	.globl vmi_rom_ap_pm32, vmi_rom_ap_lm64
vmi_rom_ap_pm32:
	.long OFF(ap_pm32)
vmi_rom_ap_lm64:
	.long OFF(ap_lm64)

/*
 * In the ROM's copy, which the guest runs and so maps executable, at the
 * same address under the start-up tables (the state's upper PML4 entries)
 * and under the state's cr3; %rbx = scratch_va. Execution leaves the
 * scratch before cr3 changes: the guest may map it non-executable.
 */
	.text
	.globl vmi_rom_ap_land
vmi_rom_ap_land:
	movq AP_STATE + ST_CR4(%rbx), %rax
	movq %rax, %cr4
	movq AP_STATE + ST_CR3(%rbx), %rax
	movq %rax, %cr3
	movq AP_STATE + ST_CR0(%rbx), %rax
	movq %rax, %cr0
	lgdt AP_STATE_GDTR(%rbx)
	movzwl AP_STATE + ST_DS(%rbx), %eax
	movl %eax, %ss
	movl %eax, %ds
	movl %eax, %es
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	movq AP_STATE + ST_RSP(%rbx), %rsp
	movzwl AP_STATE + ST_CS(%rbx), %eax
	pushq %rax
	pushq AP_STATE + ST_RIP(%rbx)
	pushq $2
	popfq
	movq AP_STATE + ST_RDI(%rbx), %rdi
	movq AP_STATE + ST_RSI(%rbx), %rsi
	movq AP_STATE + ST_RDX(%rbx), %rdx
	lretq
	.size vmi_rom_ap_land, . - vmi_rom_ap_land

	.section .note.GNU-stack, "", @progbits
