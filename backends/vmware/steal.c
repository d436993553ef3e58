// SPDX-License-Identifier: MIT
/*
 * Steal time through STEALCLOCK: each vCPU registers a 64-byte area whose
 * clock the hypervisor keeps at the nanoseconds it was runnable but not
 * running. Offered when the command answers 0 (disabled) or 1 (enabled) to
 * a disable; VMware answers 0xffffffff where it is not, and QEMU's vmport,
 * which does not implement it, answers with the magic: not offered.
 */
#include "vmware.h"

bool vmw_steal_on;
static struct vmw_steal_time areas[PVOPS_MAX_CPU_ID + 1] __attribute__((aligned(64)));

static u32 stealclock(u64 pa)
{
	struct pvops_vmware_regs r = { .ebx = 0, .esi = (u32)(pa >> 32), .edi = (u32)pa };

	vmw_call(VMW_CMD_STEALCLOCK, &r);
	return r.eax;
}

/* Whether STEALCLOCK is offered (asked by disabling it); registers the boot CPU's area if so. */
u32 vmw_steal_probe(void)
{
	u32 answer = stealclock(1);	/* 0:1, Linux's "disable" */

	if (answer != VMW_STEALCLOCK_DISABLED && answer != VMW_STEALCLOCK_ENABLED) {
		VMW_NOT(STEAL_CLOCK, "STEALCLOCK not offered by the hypervisor (QEMU's vmport "
			"does not implement it)");
		return answer;
	}
	if (vmw_steal_cpu_init(pvops_this_cpu()))
		VMW_NOT(STEAL_CLOCK, "STEALCLOCK offered, but registering the area failed");
	else
		vmw_steal_on = true;
	return answer;
}

int vmw_steal_cpu_init(u32 cpu)
{
	struct vmw_steal_time *st = &areas[cpu & PVOPS_MAX_CPU_ID];

	st->clock = 0;
	if (stealclock(pvops_env_pa(st)) != VMW_STEALCLOCK_ENABLED) {
		pvops_log("vmware: CPU %u: STEALCLOCK did not enable its area\n", cpu);
		return -PVOPS_EIO;
	}
	return 0;
}

static u64 vmw_steal_ns(u32 cpu)
{
	if (cpu > PVOPS_MAX_CPU_ID)
		return 0;
	return __atomic_load_n(&areas[cpu].clock, __ATOMIC_RELAXED);
}

void vmw_steal_fill(struct pvops_ops *ops)
{
	ops->time_steal_ns = vmw_steal_ns;
	VMW_USE(STEAL_CLOCK);
}
