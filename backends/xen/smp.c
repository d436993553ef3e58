// SPDX-License-Identifier: MIT
/*
 * CPU bring-up under Xen PV (ABI 1.2). The vCPUs are what Xen says
 * exists: VCPUOP_is_up answers for every vCPU id below the domain's
 * maximum and -ENOENT beyond it (xen/include/public/vcpu.h); the ids are
 * the vCPU ids, vCPU 0 being the boot CPU.
 *
 * Starting one takes VCPUOP_initialise with a full vcpu_guest_context and
 * VCPUOP_up, and this backend's event delivery, irq ops and timers all use
 * vCPU 0's vcpu_info today. Until they are per vCPU, smp.cpu_up refuses
 * with -PVOPS_ENOSYS and says why, rather than start a vCPU that would
 * take the boot CPU's events.
 */
#include "xen.h"
#include <xen/errno.h>

int xen_enum_cpus(struct pvops_cpu_set *cpus, u32 *self)
{
	u32 id;
	int n = 0;

	pvops_cpu_set_clear(cpus);
	*self = 0;
	for (id = 0; id <= PVOPS_MAX_CPU_ID; id++) {
		long rc = xen_hypercall_raw(__HYPERVISOR_vcpu_op, VCPUOP_is_up, id, 0, 0, 0);

		if (rc == -XEN_ENOENT || rc == -XEN_EINVAL)
			break;
		if (rc < 0) {
			xen_report(__HYPERVISOR_vcpu_op, "VCPUOP_is_up", rc);
			break;
		}
		pvops_cpu_set_add(cpus, id);
		n++;
	}
	if (!n) {
		pvops_cpu_set_add(cpus, 0);
		n = 1;
	}
	return n;
}

int xen_cpu_up(u32 cpu, const struct pvops_ap_boot *boot)
{
	static bool said;

	(void)boot;
	if (!said)
		pvops_log("xen: smp.cpu_up(%u): starting vCPUs under Xen PV is not implemented "
			  "yet (event delivery and the irq ops use vCPU 0's vcpu_info)\n", cpu);
	said = true;
	return -PVOPS_ENOSYS;
}
