/* SPDX-License-Identifier: MIT */
/*
 * For a kernel's entry code (assembly): the way from 32-bit flat protected
 * mode, paging off, to long mode. The library's own start-up of a CPU
 * (backends/native/ap_trampoline.S) uses the same macro; the reference VMI
 * ROM, a separate artifact that links nothing of the library, keeps its
 * own copy (backends/vmi/rom/ap.S).
 *
 *	PVOPS_LONG_MODE_ENTER $0x10, $boot_pml4
 *	ljmp $0x08, $start64		(a 64-bit code segment of the loaded GDT)
 *
 * Loads ds, es, ss, fs and gs with the data selector, sets CR4.PAE, CR3 =
 * the PML4's physical address (below 4 GiB), EFER.LME and NXE, then CR0.PG,
 * WP and PE with caching on (CD and NW clear). The caller's GDT must hold
 * that data selector and the 64-bit code segment it jumps to next.
 * Clobbers eax, ecx and edx.
 */
#ifndef PVOPS_LONG_MODE_H
#define PVOPS_LONG_MODE_H

#ifndef __ASSEMBLER__
#error "<pvops/long-mode.h> is for assembly"
#endif

#define PVOPS_MSR_EFER 0xc0000080
#define PVOPS_EFER_LME (1 << 8)
#define PVOPS_EFER_NXE (1 << 11)
#define PVOPS_CR4_PAE 0x20
#define PVOPS_CR0_PE_WP_PG 0x80010001
#define PVOPS_CR0_CD_NW 0x60000000

.macro PVOPS_LONG_MODE_ENTER data_sel, pml4
	movl \data_sel, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	movl %cr4, %eax
	orl $PVOPS_CR4_PAE, %eax
	movl %eax, %cr4
	movl \pml4, %eax
	movl %eax, %cr3
	movl $PVOPS_MSR_EFER, %ecx
	rdmsr
	orl $(PVOPS_EFER_LME | PVOPS_EFER_NXE), %eax
	wrmsr
	movl %cr0, %eax
	orl $PVOPS_CR0_PE_WP_PG, %eax
	andl $~PVOPS_CR0_CD_NW, %eax
	movl %eax, %cr0
.endm

#endif /* PVOPS_LONG_MODE_H */
