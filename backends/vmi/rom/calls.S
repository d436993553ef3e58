/* SPDX-License-Identifier: MIT */
/*
 * The reference ROM's calls that are one native instruction sequence: each
 * is an entry ("insns; ret") and the same bytes offered as an INLINE
 * relocation, with the registers of the pvops op of the same name. Then
 * the relocation table, one row per call number, read by get_reloc().
 */
#include "rom.h"

	.text
/*
 * INLINE name, "insn" [, "insn" [, "insn"]]: vmi_<name> and the bytes
 * .Lb_<name>..Le_<name> (quoted: a ';' would end the macro's line).
 */
.macro INLINE name, a, b, c
	.globl vmi_\name
	.type vmi_\name, @function
vmi_\name:
	\a
	\b
	\c
	ret
	.size vmi_\name, . - vmi_\name
.Lb_\name:
	\a
	\b
	\c
.Le_\name:
.endm

	INLINE read_cr0, "mov %cr0, %rax"
	INLINE write_cr0, "mov %rdi, %cr0"
	INLINE read_cr4, "mov %cr4, %rax"
	INLINE write_cr4, "mov %rdi, %cr4"
	INLINE wbinvd, "wbinvd"
	INLINE load_idt, "lidt (%rdi)"
	INLINE load_gdt, "lgdt (%rdi)"
	INLINE load_tr, "ltr %di"
	INLINE load_sp0, "mov %rsi, (%rdi)"
	INLINE io_delay, "outb %al, $0x80"
	INLINE save_fl, "pushfq", "pop %rax"
	INLINE restore_fl, "push %rdi", "popfq"
	INLINE irq_disable, "cli"
	INLINE irq_enable, "sti"
	INLINE safe_halt, "sti", "hlt"
	INLINE halt, "hlt"
	INLINE read_cr2, "mov %cr2, %rax"
	INLINE read_cr3, "mov %cr3, %rax"
	INLINE write_cr3, "mov %rdi, %cr3"
	INLINE invlpg, "invlpg (%rdi)"
	INLINE inb, "mov %edi, %edx", "inb (%dx), %al"
	INLINE inw, "mov %edi, %edx", "inw (%dx), %ax"
	INLINE inl, "mov %edi, %edx", "inl (%dx), %eax"
	INLINE outb, "mov %edi, %edx", "mov %esi, %eax", "outb %al, (%dx)"
	INLINE outw, "mov %edi, %edx", "mov %esi, %eax", "outw %ax, (%dx)"
	INLINE outl, "mov %edi, %edx", "mov %esi, %eax", "outl %eax, (%dx)"

/* iret is jumped to with the hardware frame on the stack: no ret. */
	.globl vmi_iret
vmi_iret:
.Lb_iret:
	iretq
.Le_iret:

	.section .rodata
	.balign 4
	.globl vmi_rom_relocs
vmi_rom_relocs:
.macro ROW_INLINE name
	.long vmi_\name - .
	.long .Lb_\name - .
	.byte VMI_RELOC_INLINE, .Le_\name - .Lb_\name
	.short 0
.endm
.macro ROW_CALL name
	.long vmi_\name - .
	.long 0
	.byte VMI_RELOC_CALL_REL, 0
	.short 0
.endm
.macro ROW_NOP
	.long 0, 0
	.byte VMI_RELOC_NOP, 0
	.short 0
.endm
	ROW_CALL cpuid			/* 0 */
	ROW_INLINE read_cr0		/* 1 */
	ROW_INLINE write_cr0
	ROW_INLINE read_cr4
	ROW_INLINE write_cr4
	ROW_INLINE wbinvd		/* 5 */
	ROW_INLINE load_idt
	ROW_INLINE load_gdt
	ROW_INLINE load_tr
	ROW_INLINE load_sp0
	ROW_INLINE io_delay		/* 10 */
	ROW_INLINE save_fl
	ROW_INLINE restore_fl
	ROW_INLINE irq_disable
	ROW_INLINE irq_enable
	ROW_INLINE safe_halt		/* 15 */
	ROW_INLINE halt
	ROW_INLINE iret
	ROW_INLINE read_cr2
	ROW_INLINE read_cr3
	ROW_INLINE write_cr3		/* 20 */
	ROW_INLINE invlpg
	ROW_CALL flush_tlb
	ROW_CALL set_pxe
	ROW_NOP				/* allocate_page: nothing to tell bare metal */
	ROW_NOP				/* 25 release_page */
	ROW_NOP				/* set_lazy_mode: nothing is deferred */
	ROW_INLINE inb
	ROW_INLINE inw
	ROW_INLINE inl
	ROW_INLINE outb			/* 30 */
	ROW_INLINE outw
	ROW_INLINE outl
	ROW_CALL apic_eoi
	ROW_CALL apic_send_ipi
	ROW_CALL get_cycle_frequency	/* 35 */
	ROW_CALL get_cycle_counter
	ROW_CALL set_alarm
	ROW_CALL cancel_alarm
	ROW_CALL get_wallclock
	ROW_CALL shutdown		/* 40 */
	ROW_CALL reboot
	ROW_CALL set_ap_state		/* 4.1 */
	.globl vmi_rom_relocs_end
vmi_rom_relocs_end:

	.section .note.GNU-stack, "", @progbits
