// SPDX-License-Identifier: MIT
/*
 * cpu.monitor and cpu.mwait (ABI 1.3): the instructions where CPUID leaf 1
 * says the CPU has them (ECX bit 3, MONITOR); elsewhere monitor says
 * -PVOPS_ENOTSUP and mwait is a pause, which MWAIT's own contract allows
 * (it may return at any time).
 */
#include "native.h"

static int has_monitor = -1;

static bool monitor_present(void)
{
	if (has_monitor < 0) {
		struct pvops_cpuid_regs r;

		native_cpuid(1, 0, &r);
		__atomic_store_n(&has_monitor, (int)((r.ecx >> 3) & 1), __ATOMIC_RELAXED);
	}
	return has_monitor > 0;
}

int native_monitor(const volatile void *addr, u32 ext, u32 hints)
{
	if (!monitor_present())
		return -PVOPS_ENOTSUP;
	__asm__ volatile("monitor" : : "a"(addr), "c"(ext), "d"(hints) : "memory");
	return 0;
}

void native_mwait(u32 hints, u32 ext)
{
	if (!monitor_present()) {
		__asm__ volatile("pause" : : : "memory");
		return;
	}
	__asm__ volatile("mwait" : : "a"(hints), "c"(ext) : "memory");
}
