/* SPDX-License-Identifier: MIT */
/*
 * What the VMware backend tells the kernel: how it found the hypervisor
 * (the "VMwareVMware" signature, or the backdoor probed because pvops=vmware
 * forced it), where the TSC and APIC bus rates came from, whether the
 * STEALCLOCK steal time is offered, and one backdoor command of the
 * kernel's own. The features ("timing-leaf", "gethz", "nop-io-delay",
 * "steal-clock") and the counter "backdoor_calls" are the descriptor's
 * tables (<pvops/introspect.h>).
 */
#ifndef PVOPS_VMWARE_H
#define PVOPS_VMWARE_H

#include <pvops/types.h>

__PVOPS_BEGIN_DECLS

struct pvops_vmware_info {
	pvops_u32 cpuid_base;	/* leaf of "VMwareVMware"; 0: found by the forced probe */
	pvops_u32 version;	/* GETVERSION's EAX; 0 when the backdoor does not answer */
	pvops_u64 tsc_khz;	/* the rate the clock runs at */
	pvops_u64 apic_bus_khz;	/* 0: not stated, measured by the native APIC timer */
	const char *rate_source;
	pvops_u32 steal_clock;	/* STEALCLOCK registered */
	pvops_u32 steal_answer;	/* what STEALCLOCK answered when asked (0 or 1 = offered) */
};

/* Fill info and return 0, or -PVOPS_ENODEV when the VMware backend is not in use. */
int pvops_vmware_get_info(struct pvops_vmware_info *info);

/*
 * One backdoor command (in (%dx) with EAX = the magic "VMXh", DX = 0x5658,
 * ECX = cmd; EBX, ESI, EDI as given): the registers as the hypervisor left
 * them. -PVOPS_ENODEV when the backend is not in use (the backdoor is
 * never touched then: on bare metal the port may be another device's).
 */
struct pvops_vmware_regs {
	pvops_u32 eax, ebx, ecx, edx, esi, edi;
};
int pvops_vmware_backdoor(pvops_u32 cmd, struct pvops_vmware_regs *regs);

__PVOPS_END_DECLS
#endif
