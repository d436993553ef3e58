/* SPDX-License-Identifier: MIT */
/* The vmware backend's private interface, shared between its files. */
#ifndef PVOPS_VMWARE_PRIV_H
#define PVOPS_VMWARE_PRIV_H

#include "backdoor.h"
#include <pvops/fmt.h>

enum vmw_feature {
	VMW_F_TIMING_LEAF,	/* TSC and APIC bus rates from CPUID 0x40000010 */
	VMW_F_GETHZ,		/* ... from the backdoor's GETHZ */
	VMW_F_NOP_IO_DELAY,	/* cpu.io_delay is empty */
	VMW_F_STEAL_CLOCK,	/* time.steal_ns from STEALCLOCK */
	VMW_NR_FEATURES
};
enum vmw_counter {
	VMW_C_BACKDOOR_CALLS,
	VMW_NR_COUNTERS
};
extern struct pvops_feature vmw_feature_table[VMW_NR_FEATURES];
extern struct pvops_counter vmw_counters[VMW_NR_COUNTERS];

#define VMW_USE(f) pvops_feature_set(&vmw_feature_table[VMW_F_##f], true, NULL)
#define VMW_NOT(f, why) pvops_feature_set(&vmw_feature_table[VMW_F_##f], false, why)

/* One backdoor command, counted (vmware.c). */
void vmw_call(u32 cmd, struct pvops_vmware_regs *r);

/* steal.c: STEALCLOCK per CPU. */
u32 vmw_steal_probe(void);
int vmw_steal_cpu_init(u32 cpu);
void vmw_steal_fill(struct pvops_ops *ops);
extern bool vmw_steal_on;

#endif
