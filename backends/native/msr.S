/* SPDX-License-Identifier: MIT */
/*
 * Hand-written native functions: the MSR ops, whose _safe forms turn a #GP
 * into an error return (an exception-table entry), and the TLB flushes.
 */
#include <pvops/asm.h>


	.text
/* u64 read_msr(u32 msr) */
	.globl native_read_msr
native_read_msr:
	PVOPS_ENDBR
	movl %edi, %ecx
	rdmsr
	shlq $32, %rdx
	orq %rdx, %rax
	ret

/* void write_msr(u32 msr, u64 val) */
	.globl native_write_msr
native_write_msr:
	PVOPS_ENDBR
	movl %edi, %ecx
	movl %esi, %eax
	movq %rsi, %rdx
	shrq $32, %rdx
	wrmsr
	ret

/* int read_msr_safe(u32 msr, u64 *val): 0, or -EIO after a #GP */
	.globl native_read_msr_safe
native_read_msr_safe:
	PVOPS_ENDBR
	movl %edi, %ecx
1:	rdmsr
	shlq $32, %rdx
	orq %rdx, %rax
	movq %rax, (%rsi)
	xorl %eax, %eax
	ret
2:	movq $0, (%rsi)
	movl $-5, %eax
	ret
	.pushsection .pvops_extable, "a"
	.balign 8
	.quad 1b, 2b
	.popsection

/*
 * int write_msr_safe(u32 msr, u64 val): 0, or -EIO after a #GP; also the
 * backends' pvops_raw_wrmsr_safe (<pvops/backend.h>)
 */
	.globl native_write_msr_safe
	.globl pvops_raw_wrmsr_safe
native_write_msr_safe:
pvops_raw_wrmsr_safe:
	PVOPS_ENDBR
	movl %edi, %ecx
	movl %esi, %eax
	movq %rsi, %rdx
	shrq $32, %rdx
1:	wrmsr
	xorl %eax, %eax
	ret
2:	movl $-5, %eax
	ret
	.pushsection .pvops_extable, "a"
	.balign 8
	.quad 1b, 2b
	.popsection

/* void flush_tlb_local(void): reload CR3 (global pages stay) */
	.globl native_flush_tlb_local
native_flush_tlb_local:
	PVOPS_ENDBR
	movq %cr3, %rax
	movq %rax, %cr3
	ret

/* void flush_tlb_all(void): toggle CR4.PGE, or reload CR3 without it */
	.globl native_flush_tlb_all
native_flush_tlb_all:
	PVOPS_ENDBR
	movq %cr4, %rax
	testq $0x80, %rax
	jz 1f
	movq %rax, %rdx
	andq $~0x80, %rdx
	movq %rdx, %cr4
	movq %rax, %cr4
	ret
1:	movq %cr3, %rax
	movq %rax, %cr3
	ret

	.section .note.GNU-stack, "", @progbits
