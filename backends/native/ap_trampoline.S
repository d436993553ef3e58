/* SPDX-License-Identifier: MIT */
/*
 * Where a CPU started with INIT-SIPI-SIPI begins: real mode at CS:0 with
 * CS = the trampoline's page. ap.c copies native_ap_tramp_start..end to
 * the trampoline and fills its data (ap.h); the code is position
 * independent: real mode works in its own segment, protected and long
 * mode from the base in %esi. It ends at the kernel's high address
 * (native_ap_land64), which the trampoline's page tables also map, then
 * moves to the kernel's own page tables, the backend's GDT and the stack.
 */
#include "ap.h"
#include <pvops/asm.h>
#include <pvops/long-mode.h>

#define OFF(x) ((x) - native_ap_tramp_start)

	.section .rodata, "a"
	.balign 16
	.globl native_ap_tramp_start, native_ap_tramp_end
	.code16
native_ap_tramp_start:
	cli
	cld
	movw %cs, %ax
	movw %ax, %ds
	movzwl %ax, %esi
	shll $4, %esi			/* the trampoline's physical base */
	lgdtl TD_GDT_DESC
	movl %cr0, %eax
	orl $1, %eax			/* PE */
	movl %eax, %cr0
	ljmpl *TD_PM32_PTR

	.code32
tramp_pm32:
	leal TD_PML4(%esi), %ebx
	PVOPS_LONG_MODE_ENTER $0x10, %ebx
	ljmpl *TD_LM64_PTR(%esi)

	.code64
tramp_lm64:
	movl %esi, %esi
	movq TD_CR4(%rsi), %rax
	movq %rax, %cr4
	movl $0xc0000080, %ecx
	movl TD_EFER(%rsi), %eax
	movl TD_EFER+4(%rsi), %edx
	wrmsr
	movq TD_CR0(%rsi), %rax
	movq %rax, %cr0
	movq TD_STACK(%rsi), %rsp
	movq TD_BOOT(%rsi), %rdi
	movq TD_STARTED(%rsi), %rdx
	movq TD_CR3(%rsi), %rax
	movq TD_LAND64(%rsi), %rcx
	movq TD_CPU(%rsi), %rsi
	jmp *%rcx
native_ap_tramp_end:

	.globl native_ap_tramp_pm32_off, native_ap_tramp_lm64_off
	.balign 4
native_ap_tramp_pm32_off:
	.long OFF(tramp_pm32)
native_ap_tramp_lm64_off:
	.long OFF(tramp_lm64)

	.data
	.balign 16
ap_gdt:
	.quad 0
	.quad AP_GDT_CODE64		/* 0x08 */
	.quad AP_GDT_DATA		/* 0x10 */
ap_gdt_end:
	.balign 8
	.short 0, 0, 0
	.globl native_ap_gdt_desc
native_ap_gdt_desc:
	.short ap_gdt_end - ap_gdt - 1
	.quad ap_gdt

/*
 * At the kernel's address, still on the trampoline's page tables:
 * %rax = the kernel's CR3, %rsp = the new stack, %rdi = boot, %rsi = cpu,
 * %rdx = started. Nothing here touches memory before CR3 is the kernel's.
 */
	.text
	.globl native_ap_land64
native_ap_land64:
	PVOPS_ENDBR
	movq %rax, %cr3
	lgdt native_ap_gdt_desc(%rip)
	movl $0x10, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	pushq $0x08
	leaq 1f(%rip), %rax
	pushq %rax
	lretq
1:	xorl %ebp, %ebp
	call pvops_ap_run
	ud2

	.section .note.GNU-stack, "", @progbits
