// SPDX-License-Identifier: MIT
/*
 * The per-CPU %gs areas. The guest finds its own per-CPU data by its stack
 * (smp.c); %gs is for pvops: each CPU's base is its percpu_area, whose
 * first word is the slot pvops keeps its per-CPU pointer in (ABI 1.4).
 * The boot CPU loads its base before pvops_init; pvops loads a started
 * CPU's from its pvops_ap_boot.
 */
#include "kernel.h"

#define MSR_GS_BASE 0xc0000101U

struct percpu_area percpu_areas[MAX_CPUS];

void percpu_load(u32 index)
{
	pvops_cpu_write_msr(MSR_GS_BASE, (u64)(uptr)&percpu_areas[index % MAX_CPUS]);
}
