/* SPDX-License-Identifier: MIT */
/*
 * The kernel's address services and its cpu_id as the library calls them at run time
 * (ABI 1.4, spec/ABI.md 3.13): a jump through pvops_env_services until
 * pvops_init binds it (core/envcall.c), then a direct jump to the function
 * env held, so that no page-table op calls the kernel through a pointer.
 * ENDBR64 first (envcall.c takes their address to bind them).
 */
#include <pvops/asm.h>

	.text
	.globl pvops_env_virt_to_phys
	.type pvops_env_virt_to_phys, @function
pvops_env_virt_to_phys:
	PVOPS_ENDBR
	jmp *pvops_env_services(%rip)		/* 6 bytes; bound: jmp rel32 */
	.byte 0x90, 0x90
	.size pvops_env_virt_to_phys, . - pvops_env_virt_to_phys

	.globl pvops_env_phys_to_virt
	.type pvops_env_phys_to_virt, @function
pvops_env_phys_to_virt:
	PVOPS_ENDBR
	jmp *pvops_env_services + 8(%rip)
	.byte 0x90, 0x90
	.size pvops_env_phys_to_virt, . - pvops_env_phys_to_virt

	.globl pvops_env_cpu_id
	.type pvops_env_cpu_id, @function
pvops_env_cpu_id:
	PVOPS_ENDBR
	jmp *pvops_env_services + 16(%rip)
	.byte 0x90, 0x90
	.size pvops_env_cpu_id, . - pvops_env_cpu_id

	.section .note.GNU-stack, "", @progbits
