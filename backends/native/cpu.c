// SPDX-License-Identifier: MIT
/* Native cpu ops written in C. */
#include "native.h"

void native_cpuid(u32 leaf, u32 subleaf, struct pvops_cpuid_regs *out)
{
	__asm__ volatile("cpuid"
			 : "=a"(out->eax), "=b"(out->ebx), "=c"(out->ecx), "=d"(out->edx)
			 : "a"(leaf), "c"(subleaf));
}
