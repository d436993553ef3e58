// SPDX-License-Identifier: MIT
/*
 * Per-vCPU setup under Xen PV (the descriptor's cpu_init, on the vCPU
 * itself). vCPU n's vcpu_info is the n-th in shared_info (the first
 * XEN_LEGACY_MAX_VCPUS have one there; no VCPUOP_register_vcpu_info is
 * needed); its event and failsafe callbacks, its I/O privilege, its timer
 * VIRQ, its runstate area and the kick port lock.wait polls are set up
 * here. The trap table came with VCPUOP_initialise (smp.c); the kernel
 * loads its IDT again anyway.
 *
 * The irq ops (entry.S) find the calling vCPU's vcpu_info with one load
 * from the kernel's per-CPU slot (ABI 1.4), where the kernel gives one;
 * else through xen_this_percpu once a second vCPU is started, with vCPU
 * 0's fast path until then.
 */
#include "pv.h"

_Static_assert(XEN_MAX_VCPUS <= XEN_LEGACY_MAX_VCPUS, "vcpu_info in shared_info");

/* For entry.S's fallback: the calling vCPU's state (callee-save through the thunk). */
struct xen_percpu *xen_this_percpu(void);
struct xen_percpu *xen_this_percpu(void)
{
	return xen_this();
}
PVOPS_CALLEE_THUNK(xen_this_percpu);

int xen_pv_cpu_init(u32 cpu)
{
	struct physdev_set_iopl iopl = { .iopl = 1 };
	struct xen_percpu *pc;
	int rc;

	if (cpu >= XEN_MAX_VCPUS)
		return -PVOPS_EINVAL;
	pc = &xen_cpus[cpu];
	pc->vi = &xen_shared->vcpu_info[cpu];
	pc->vi->evtchn_upcall_mask = 1;
	pvops_percpu_set(pc);	/* before anything on this vCPU reads it */
	/* Callbacks and the I/O privilege level are per vCPU. */
	rc = xen_traps_init();
	if (rc)
		return rc;
	/*
	 * IOPL 1 (the kernel's ring) in every PV domain, so that port I/O never
	 * faults: the hardware domain reaches the devices; in a domU Xen reads
	 * all-ones from a port the toolstack did not grant and drops the write.
	 */
	XEN_HC(physdev_op, "PHYSDEVOP_set_iopl", PHYSDEVOP_set_iopl, &iopl, 0, 0, 0);
	rc = xen_time_init(cpu);
	if (!rc)
		rc = xen_kick_port_init(cpu);
	return rc;
}
