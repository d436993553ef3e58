// SPDX-License-Identifier: MIT
/*
 * The Xen backend's HVM/PVH flavour: a kernel entered through the PVH
 * entry (or any other but the PV one) in a Xen HVM container. The CPU,
 * page tables and local APIC are virtualized by hardware (HAP), so the
 * native ops stay; Xen's interfaces replace the rest:
 *   - the hypercall page, through the MSR named by Xen's CPUID leaf base+2;
 *   - shared_info, mapped over a page of the kernel with XENMEM_add_to_physmap;
 *   - vcpu_info, registered with VCPUOP_register_vcpu_info;
 *   - event channels on a callback vector (HVM_PARAM_CALLBACK_IRQ), whose
 *     gate the backend installs in every IDT the kernel loads;
 *   - the clock: pvclock from vcpu_time_info, steal time from the runstate
 *     area, the wall clock from shared_info;
 *   - the console: port 0xE9, which Xen prints on its own console;
 *   - shutdown: SCHEDOP_shutdown (poweroff for success, crash for failure).
 */
#include "xen.h"
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

u32 xen_cpuid_base;
u64 xen_upcalls;
static struct vcpu_info hvm_vcpu_info __attribute__((aligned(64)));

/* Called from xen_hvm_callback: the kernel handler to enter, or 0. */
u64 xen_hvm_upcall(void);
u64 xen_hvm_upcall(void)
{
	xen_upcalls++;
	return xen_upcall_pick();
}

/* The kernel's IDT, with the callback vector's gate pointing at the upcall. */
static void xen_hvm_load_idt(const struct pvops_desc_ptr *dtr)
{
	struct pvops_idt_gate *g = (struct pvops_idt_gate *)(uptr)dtr->base;
	u64 entry = (u64)(uptr)xen_hvm_callback;
	u16 cs;

	xen_record_idt(dtr);
	if (((u32)dtr->limit + 1) / sizeof(*g) > XEN_HVM_CALLBACK_VECTOR) {
		__asm__("mov %%cs, %0" : "=r"(cs));
		g += XEN_HVM_CALLBACK_VECTOR;
		g->off_lo = (u16)entry;
		g->sel = cs;
		g->ist = 0;
		g->type = 0x8e;	/* present, DPL 0, interrupt gate */
		g->off_mid = (u16)(entry >> 16);
		g->off_hi = (u32)(entry >> 32);
		g->reserved = 0;
	}
	__asm__ volatile("lidt (%0)" : : "r"(dtr) : "memory");
}

static int hypercall_page(void)
{
	struct pvops_cpuid_regs r;

	pvops_raw_cpuid(xen_cpuid_base + 2, 0, &r);
	if (!r.eax || !r.ebx) {
		pvops_log("xen: CPUID %#x names no hypercall-page MSR\n", xen_cpuid_base + 2);
		return -PVOPS_ENODEV;
	}
	pvops_raw_wrmsr(r.ebx, pvops_env_pa(pvops_xen_hypercall_page));
	if ((u8)pvops_xen_hypercall_page[0] == 0xcc) {
		pvops_log("xen: MSR %#x did not fill the hypercall page\n", r.ebx);
		return -PVOPS_EIO;
	}
	return 0;
}

static int map_shared_info(void)
{
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = pvops_env_pa(xen_shared_page) >> PVOPS_PAGE_SHIFT,
	};

	if (XEN_HC(memory_op, "XENMEM_add_to_physmap shared_info", XENMEM_add_to_physmap, &xatp,
		   0, 0, 0) < 0)
		return -PVOPS_EIO;
	return 0;
}

static int register_vcpu_info(void)
{
	u64 pa = pvops_env_pa(&hvm_vcpu_info);
	struct vcpu_register_vcpu_info info = {
		.mfn = pa >> PVOPS_PAGE_SHIFT,
		.offset = (u32)(pa & (PVOPS_PAGE_SIZE - 1)),
	};

	if (XEN_HC(vcpu_op, "VCPUOP_register_vcpu_info", VCPUOP_register_vcpu_info, 0, &info, 0,
		   0) < 0)
		return -PVOPS_EIO;
	xen_cpus[0].vi = &hvm_vcpu_info;
	return 0;
}

static int callback_vector(void)
{
	struct xen_hvm_param p = {
		.domid = DOMID_SELF,
		.index = HVM_PARAM_CALLBACK_IRQ,
		.value = ((u64)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) | XEN_HVM_CALLBACK_VECTOR,
	};

	if (XEN_HC(hvm_op, "HVMOP_set_param CALLBACK_IRQ", HVMOP_set_param, &p, 0, 0, 0) < 0)
		return -PVOPS_EIO;
	return 0;
}

int xen_hvm_init(struct pvops_ops *ops, const struct pvops_env *env)
{
	long version;
	int rc;

	(void)env;
	rc = pvops_native_fill(ops);
	if (!rc)
		rc = hypercall_page();
	if (!rc)
		rc = map_shared_info();
	if (!rc)
		rc = register_vcpu_info();
	if (!rc)
		rc = xen_events_init();
	if (!rc)
		rc = callback_vector();
	if (!rc)
		rc = xen_time_hvm_init();
	if (rc)
		return rc;
	xen_hvm = true;
	pvops_backend_set_caps(PVOPS_CAP_LARGE_PAGES | PVOPS_CAP_WRITABLE_PT |
			       PVOPS_CAP_PRIVILEGED);

	ops->cpu_load_idt = xen_hvm_load_idt;
	xen_time_fill(ops);
	ops->console_write = pvops_debugcon_write;
	/* As a domU's under PV: poweroff for success, crash for failure. */
	ops->power_shutdown = xen_shutdown;
	ops->power_reboot = xen_reboot;

	version = XEN_HC(xen_version, "XENVER_version", XENVER_version, 0, 0, 0, 0);
	pvops_log("xen: HVM/PVH guest, Xen %ld.%ld at CPUID %#x, callback vector %#x\n",
		  version >> 16, version & 0xffff, xen_cpuid_base, XEN_HVM_CALLBACK_VECTOR);
	return 0;
}
