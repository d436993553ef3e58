// SPDX-License-Identifier: MIT
/* The CPUID instruction itself, for detection before any backend (cpuid.c). */
#include <pvops/backend.h>

void pvops_raw_cpuid(u32 leaf, u32 subleaf, struct pvops_cpuid_regs *r)
{
	/* pvops-port: raw (the detection's own CPUID, before any backend) */
	__asm__ volatile("cpuid"
			 : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
			 : "a"(leaf), "c"(subleaf));
}
