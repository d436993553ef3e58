// SPDX-License-Identifier: MIT
/*
 * The Hyper-V backend: a guest of Microsoft's hypervisor, or of any
 * hypervisor that implements its interface (Xen's "viridian", KVM's hv-*
 * enlightenments). Hardware virtualizes the CPU, page tables and APIC, so
 * it starts from the native ops and replaces, each on its own feature
 * bit, what the TLFS enlightens: the clock (hv time), EOI and IPIs
 * (apic.c), TLB flushes (flush.c), one-shot timers and idle. Detection
 * trusts the vendor leaf only together with the interface signature
 * "Hv#1", and reads features from leaf 3 alone: leaf-4 hints are given to
 * Windows-style guest identities only by some implementations.
 */
#include "hyperv.h"

u32 hv_base;
u32 hv_features_eax, hv_features_ebx, hv_features_edx, hv_hints;
struct pvops_hyperv_stats hv_stats;
struct pvops_ops hv_native;
static bool hv_active;

static u32 hv_detect(void)
{
	struct pvops_cpuid_regs r;
	u32 base = pvops_cpuid_find_hypervisor(HV_VENDOR_SIGNATURE, 5);

	if (!base)
		return 0;
	pvops_raw_cpuid(base + 1, 0, &r);
	if (r.eax != HV_INTERFACE_SIGNATURE) {
		pvops_log("hyperv: \"Microsoft Hv\" at CPUID %#x but interface %#x is not "
			  "\"Hv#1\": not trusted\n", base, r.eax);
		return 0;
	}
	hv_base = base;
	return base;
}

static u8 inb_port(u16 port)
{
	u8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/*
 * Failure is reported through the guest crash MSRs where the hypervisor
 * takes them (it then stops the partition as crashed); success, and any
 * failure otherwise, through the native path (ACPI, then a halt).
 */
static void hv_shutdown(u32 status)
{
	if (status) {
		pvops_raw_wrmsr(HV_MSR_CRASH_P0, status);
		pvops_raw_wrmsr(HV_MSR_CRASH_CTL, HV_CRASH_CTL_NOTIFY);
	}
	hv_native.power_shutdown(status);
}

static int hv_init(struct pvops_ops *ops, const struct pvops_env *env)
{
	struct pvops_cpuid_regs r;
	int rc;

	rc = pvops_native_fill(ops);
	if (rc)
		return rc;
	hv_native = *ops;
	pvops_raw_cpuid(hv_base + 3, 0, &r);
	hv_features_eax = r.eax;
	hv_features_ebx = r.ebx;
	hv_features_edx = r.edx;
	pvops_raw_cpuid(hv_base + 4, 0, &r);
	hv_hints = r.eax;
	hv_stats.spin_retries = r.ebx;
	hv_stats.cpuid_features[0] = hv_features_eax;
	hv_stats.cpuid_features[1] = hv_features_ebx;
	hv_stats.cpuid_features[2] = hv_features_edx;
	hv_stats.cpuid_hints = hv_hints;
	if (!env->virt_to_phys) {
		pvops_log("hyperv: the kernel gives no virt_to_phys service\n");
		return -PVOPS_EINVAL;
	}
	/* This CPU's VP index, input page and (with the APIC MSRs) VP assist page. */
	rc = hv_percpu_init(pvops_this_cpu(), hv_features_eax & HV_ACCESS_INTR_CTRL_REGS);
	if (rc) {
		pvops_log("hyperv: no pages for this CPU's hypercall input and VP assist\n");
		return rc;
	}
	hv_stats.vp_index = hv_this_cpu()->vp_index;

	rc = hv_hypercall_init();
	if (!rc)
		rc = hv_time_init(ops);
	if (rc)
		return rc;
	hv_apic_fill(ops);
	hv_flush_fill(ops);
	hv_spin_fill(ops);
	/* No UART answers (a partition without one): the 0xE9 debug port. */
	if (inb_port(0x3f8 + 5) == 0xff) {
		ops->console_write = pvops_debugcon_write;
		hv_stats.features |= PVOPS_HV_DEBUG_CONSOLE;
	}
	if (hv_features_edx & HV_FEATURE_GUEST_CRASH_MSRS)
		hv_stats.features |= PVOPS_HV_CRASH_MSRS;
	ops->power_shutdown = hv_shutdown;
	hv_active = true;
	pvops_log("hyperv: at CPUID %#x, features %#x/%#x/%#x, hints %#x, VP %u; in use:%s%s%s%s"
		  "%s%s%s%s%s%s%s\n", hv_base, hv_features_eax, hv_features_ebx, hv_features_edx,
		  hv_hints, hv_stats.vp_index,
		  hv_stats.features & PVOPS_HV_HYPERCALL_PAGE ? " hypercall-page" : "",
		  hv_stats.features & PVOPS_HV_REF_TSC_PAGE ? " ref-tsc-page" : "",
		  hv_stats.features & PVOPS_HV_TIME_REF_COUNT ? " time-ref-count" : "",
		  hv_stats.features & PVOPS_HV_TSC_FREQ_MSR ? " tsc-freq-msr" : "",
		  hv_stats.features & PVOPS_HV_APIC_MSRS ? " apic-msrs" : "",
		  hv_stats.features & PVOPS_HV_APIC_ASSIST ? " apic-assist" : "",
		  hv_stats.features & PVOPS_HV_FLUSH_HYPERCALL ? " flush-hypercalls" : "",
		  hv_stats.features & PVOPS_HV_CLUSTER_IPI ? " cluster-ipi" : "",
		  hv_stats.features & PVOPS_HV_STIMER ? " stimer" : "",
		  hv_stats.features & PVOPS_HV_GUEST_IDLE ? " guest-idle" : "",
		  hv_stats.features & PVOPS_HV_CRASH_MSRS ? " crash-msrs" : "");
	return 0;
}

int pvops_hyperv_stats(struct pvops_hyperv_stats *st)
{
	if (!hv_active)
		return -PVOPS_ENODEV;
	*st = hv_stats;
	return 0;
}

static const struct pvops_backend hyperv_backend = {
	.name = "hyperv",
	.abi_major = PVOPS_ABI_MAJOR,
	.abi_minor = PVOPS_ABI_MINOR,
	.caps = PVOPS_CAP_LARGE_PAGES | PVOPS_CAP_WRITABLE_PT | PVOPS_CAP_PRIVILEGED,
	.detect = hv_detect,
	.init = hv_init,
	.patch = pvops_native_patch,
	.cpu_init = hv_cpu_init,
};
PVOPS_BACKEND(hyperv_backend);
