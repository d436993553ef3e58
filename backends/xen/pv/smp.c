// SPDX-License-Identifier: MIT
/*
 * CPU bring-up under Xen PV (ABI 1.2). The vCPUs are what Xen says
 * exists: VCPUOP_is_up answers for every vCPU id below the domain's
 * maximum and -ENOENT beyond it (xen/include/public/vcpu.h); the ids are
 * the vCPU ids, vCPU 0 being the boot CPU.
 *
 * Starting one is VCPUOP_initialise with the context it starts in (a
 * vcpu_guest_context: in kernel mode on the caller's page tables and the
 * kernel's stack, with the trap table and callbacks of this backend,
 * events masked) and VCPUOP_up. It enters xen_ap_entry (entry.S), which
 * runs pvops_ap_run: the backend's per-vCPU setup (cpu.c), then the
 * kernel's entry.
 */
#include "pv.h"
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

#define UP_TIMEOUT_NS 5000000000ULL

/* Only the boot vCPU starts others, one at a time: one context will do. */
static struct vcpu_guest_context ap_ctxt;
static volatile u32 ap_started;

int xen_cpu_up(u32 cpu, const struct pvops_ap_boot *boot)
{
	struct vcpu_guest_context *c = &ap_ctxt;
	u64 t0;
	long rc;

	if (cpu >= XEN_MAX_VCPUS) {
		pvops_log("xen: smp.cpu_up(%u): this backend keeps state for vCPUs 0-%u only\n",
			  cpu, XEN_MAX_VCPUS - 1);
		return -PVOPS_ENOSYS;
	}
	rc = xen_hypercall_raw(__HYPERVISOR_vcpu_op, VCPUOP_is_up, cpu, 0, 0, 0);
	if (rc < 0) {
		pvops_log("xen: smp.cpu_up(%u): no such vCPU (VCPUOP_is_up: %s)\n", cpu,
			  xen_errno_name(rc));
		return -PVOPS_ENODEV;
	}
	if (rc > 0 || xen_cpus[cpu].vi) {
		pvops_log("xen: smp.cpu_up(%u): the vCPU is already up\n", cpu);
		return -PVOPS_EBUSY;
	}

	pvops_memset(c, 0, sizeof(*c));
	c->flags = VGCF_in_kernel | VGCF_failsafe_disables_events;
	c->user_regs.rip = (u64)(uptr)xen_ap_entry;
	c->user_regs.rsp = boot->stack_top;
	c->user_regs.rdi = (u64)(uptr)boot;
	c->user_regs.rsi = cpu;
	c->user_regs.rdx = (u64)(uptr)&ap_started;
	c->user_regs.cs = FLAT_KERNEL_CS;
	c->user_regs.ss = FLAT_KERNEL_SS;
	c->user_regs.ds = c->user_regs.es = FLAT_KERNEL_DS;
	/* IOPL 1 (the kernel's ring), as on the boot vCPU. */
	c->user_regs.rflags = 0x1000;
	c->kernel_ss = FLAT_KERNEL_SS;
	c->kernel_sp = boot->stack_top;
	c->ctrlreg[3] = xen_pfn_to_cr3(xen_root_mfn());
	c->event_callback_eip = (u64)(uptr)xen_hypervisor_callback;
	c->failsafe_callback_eip = (u64)(uptr)xen_failsafe_callback;
	xen_fill_trap_ctxt(c->trap_ctxt);

	xen_mmu_cpu_init(cpu);
	xen_shared->vcpu_info[cpu].evtchn_upcall_mask = 1;	/* interrupts off */
	__atomic_store_n(&ap_started, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&xen_smp_started, 1, __ATOMIC_RELEASE);

	if (XEN_HC(vcpu_op, "VCPUOP_initialise", VCPUOP_initialise, cpu, c, 0, 0) < 0)
		return -PVOPS_EIO;
	if (XEN_HC(vcpu_op, "VCPUOP_up", VCPUOP_up, cpu, 0, 0, 0) < 0)
		return -PVOPS_EIO;
	t0 = xen_clock_ns();
	while (!__atomic_load_n(&ap_started, __ATOMIC_ACQUIRE)) {
		if (xen_clock_ns() - t0 > UP_TIMEOUT_NS) {
			pvops_log("xen: smp.cpu_up(%u): the vCPU is up but did not reach the "
				  "kernel in 5 s\n", cpu);
			return -PVOPS_ETIMEDOUT;
		}
		__asm__ volatile("pause");
	}
	XEN_COUNT(AP_STARTS);
	return 0;
}

/* smp.cpu_start_raw (1.3): a PV vCPU has no real mode and no INIT/STARTUP. */
int xen_cpu_start_raw(u32 cpu, u64 start_pa)
{
	pvops_log("xen: smp.cpu_start_raw(%u, %#llx): a PV vCPU cannot start in real mode; "
		  "start it with smp.cpu_up (VCPUOP_initialise)\n", cpu, start_pa);
	return -PVOPS_ENOTSUP;
}
