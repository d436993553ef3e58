// SPDX-License-Identifier: MIT
/*
 * The Xen HVM/PVH backend ("xen-hvm"): a kernel entered through the PVH
 * entry (or any other but the PV one) in a Xen HVM container. The CPU,
 * page tables and local APIC are virtualized by hardware (HAP), so the
 * native ops stay; Xen's interfaces replace the rest:
 *   - the hypercall page, through the MSR named by Xen's CPUID leaf base+2;
 *   - shared_info, mapped over a page of the kernel with XENMEM_add_to_physmap;
 *   - each vCPU's vcpu_info, registered with VCPUOP_register_vcpu_info,
 *     and its runstate area, by cpu_init on the vCPU (the boot vCPU's by
 *     init);
 *   - event channels on a callback vector (HVM_PARAM_CALLBACK_IRQ), whose
 *     gate the backend installs in every IDT the kernel loads;
 *   - the clock: pvclock from vcpu_time_info, steal time from the runstate
 *     area, the wall clock from shared_info;
 *   - the console: port 0xE9, which Xen prints on its own console;
 *   - shutdown: SCHEDOP_shutdown (poweroff for success, crash for failure).
 * Events stay vCPU 0's (every port is bound to it); the other vCPUs start
 * natively and their interrupts are the local APIC's.
 */
#include "../common/xen.h"
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/arch-x86/cpuid.h>

#define XEN_HVM_CALLBACK_VECTOR 0xf3	/* claimed in every IDT the kernel loads */
extern const char xen_hvm_callback[];	/* entry.S */

static struct vcpu_info hvm_vcpu_info[XEN_MAX_VCPUS] __attribute__((aligned(64)));

enum { F_CALLBACK_VECTOR, F_PVCLOCK, F_RUNSTATE, NR_FEATURES };
static struct pvops_feature features[NR_FEATURES] = {
	[F_CALLBACK_VECTOR] = { .name = "callback-vector" },
	[F_PVCLOCK] = { .name = "pvclock" },
	[F_RUNSTATE] = { .name = "runstate" },
};

/* Xen's signature at a hypervisor leaf base (Xen moves it to 0x40000100
 * when it also offers Hyper-V's interface), in a kernel not entered as PV. */
static u32 xen_hvm_detect(void)
{
	const struct pvops_env *env = pvops_cur_env();

	if (env && env->entry == PVOPS_ENTRY_XEN_PV)
		return 0;
	xen_cpuid_base = pvops_cpuid_find_hypervisor("XenVMMXenVMM", 2);
	return xen_cpuid_base;
}

/* Called from xen_hvm_callback: the kernel handler to enter, or 0. */
u64 xen_hvm_upcall(void);
u64 xen_hvm_upcall(void)
{
	XEN_COUNT(UPCALLS);
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

/*
 * Xen's id of the calling vCPU: CPUID leaf base+4 EBX when Xen says it is
 * there (XEN_HVM_CPUID_VCPU_ID_PRESENT), else the kernel's CPU id.
 */
static u32 this_vcpu_id(u32 cpu)
{
	struct pvops_cpuid_regs r;

	pvops_raw_cpuid(xen_cpuid_base + 4, 0, &r);
	return (r.eax & XEN_HVM_CPUID_VCPU_ID_PRESENT) ? r.ebx : cpu;
}

/* vCPU cpu's vcpu_info and runstate area, on that vCPU (the descriptor's cpu_init). */
static int xen_hvm_cpu_init(u32 cpu)
{
	u64 pa;
	struct vcpu_register_vcpu_info info;
	u32 id = this_vcpu_id(cpu);

	/* Such a CPU runs on natively, without steal time (as before any cpu_init). */
	if (cpu >= XEN_MAX_VCPUS) {
		pvops_log("xen: cpu_init(%u): this backend keeps state for CPUs 0-%u only\n", cpu,
			  XEN_MAX_VCPUS - 1);
		return 0;
	}
	/*
	 * From now on the upcall works on the calling vCPU's state: Xen marks
	 * every event pending in a vcpu_info it is given, and only this vCPU's
	 * upcall can clear that.
	 */
	if (cpu)
		__atomic_store_n(&xen_smp_started, 1, __ATOMIC_RELEASE);
	pa = pvops_env_pa(&hvm_vcpu_info[cpu]);
	info = (struct vcpu_register_vcpu_info){
		.mfn = pa >> PVOPS_PAGE_SHIFT,
		.offset = (u32)(pa & (PVOPS_PAGE_SIZE - 1)),
	};
	if (XEN_HC(vcpu_op, "VCPUOP_register_vcpu_info", VCPUOP_register_vcpu_info, id, &info, 0,
		   0) < 0)
		return -PVOPS_EIO;
	xen_cpus[cpu].vi = &hvm_vcpu_info[cpu];
	pvops_percpu_set(&xen_cpus[cpu]);	/* on this vCPU, for xen_this */
	xen_runstate_register(cpu, id);
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

static int xen_hvm_init(struct pvops_ops *ops, const struct pvops_env *env)
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
		rc = xen_hvm_cpu_init(0);
	if (!rc)
		rc = xen_events_init();
	if (!rc)
		rc = callback_vector();
	if (rc)
		return rc;
	pvops_feature_set(&features[F_CALLBACK_VECTOR], true, NULL);
	pvops_feature_set(&features[F_PVCLOCK], true, NULL);
	pvops_feature_set(&features[F_RUNSTATE], true, NULL);

	ops->cpu_load_idt = xen_hvm_load_idt;
	xen_time_fill(ops);
	ops->console_write = pvops_debugcon_write;
	/* As a domU's under PV: poweroff for success, crash for failure. */
	ops->power_shutdown = xen_shutdown;
	ops->power_reboot = xen_reboot;

	version = xen_version();
	pvops_log("xen: HVM/PVH guest, Xen %ld.%ld at CPUID %#x, callback vector %#x\n",
		  version >> 16, version & 0xffff, xen_cpuid_base, XEN_HVM_CALLBACK_VECTOR);
	xen_active = true;
	return 0;
}

/* Hardware-virtualized CPU, page tables and local APIC: the native capabilities. */
static const struct pvops_backend xen_hvm_backend = {
	.name = "xen-hvm",
	.abi_major = PVOPS_ABI_MAJOR,
	.abi_minor = PVOPS_ABI_MINOR,
	.caps = PVOPS_CAP_LARGE_PAGES | PVOPS_CAP_WRITABLE_PT | PVOPS_CAP_PRIVILEGED,
	.detect = xen_hvm_detect,
	.init = xen_hvm_init,
	.patch = pvops_native_patch,
	.cpu_init = xen_hvm_cpu_init,
	.features = features,
	.nr_features = NR_FEATURES,
	.counters = xen_counters,
	.nr_counters = XEN_NR_COUNTERS,
};
PVOPS_BACKEND(xen_hvm_backend);
