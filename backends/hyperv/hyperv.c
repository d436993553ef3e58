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
u32 hv_spin_retries, hv_vp_index;
struct pvops_feature hv_feature_table[HV_NR_FEATURES] = {
	[HV_F_HYPERCALL_PAGE] = { .name = "hypercall-page" },
	[HV_F_REF_TSC_PAGE] = { .name = "ref-tsc-page" },
	[HV_F_TIME_REF_COUNT] = { .name = "time-ref-count" },
	[HV_F_TSC_FREQ_MSR] = { .name = "tsc-freq-msr" },
	[HV_F_APIC_MSRS] = { .name = "apic-msrs" },
	[HV_F_APIC_ASSIST] = { .name = "apic-assist" },
	[HV_F_FLUSH_HYPERCALL] = { .name = "flush-hypercalls" },
	[HV_F_CLUSTER_IPI] = { .name = "cluster-ipi" },
	[HV_F_STIMER] = { .name = "stimer" },
	[HV_F_GUEST_IDLE] = { .name = "guest-idle" },
	[HV_F_CRASH_MSRS] = { .name = "crash-msrs" },
	[HV_F_DEBUG_CONSOLE] = { .name = "debug-console" },
};
struct pvops_counter hv_counters[HV_NR_COUNTERS] = {
	[HV_C_HYPERCALLS] = { .name = "hypercalls" },
	[HV_C_HYPERCALL_FAILURES] = { .name = "hypercall_failures" },
	[HV_C_EOI_WRITTEN] = { .name = "eoi_written" },
	[HV_C_EOI_SKIPPED] = { .name = "eoi_skipped" },
	[HV_C_FLUSH_HYPERCALLS] = { .name = "flush_hypercalls" },
	[HV_C_FLUSH_FALLBACKS] = { .name = "flush_fallbacks" },
	[HV_C_IPI_HYPERCALLS] = { .name = "ipi_hypercalls" },
	[HV_C_STIMER_MESSAGES] = { .name = "stimer_messages" },
	[HV_C_LONG_SPIN_NOTIFIES] = { .name = "long_spin_notifies" },
};
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
	pvops_native_shutdown(status);
}

static int hv_init(struct pvops_ops *ops, const struct pvops_env *env)
{
	struct pvops_cpuid_regs r;
	int rc;

	rc = pvops_native_fill(ops);
	if (rc)
		return rc;
	pvops_raw_cpuid(hv_base + 3, 0, &r);
	hv_features_eax = r.eax;
	hv_features_ebx = r.ebx;
	hv_features_edx = r.edx;
	pvops_raw_cpuid(hv_base + 4, 0, &r);
	hv_hints = r.eax;
	hv_spin_retries = r.ebx;
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
	hv_vp_index = hv_this_cpu()->vp_index;

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
		HV_USE(DEBUG_CONSOLE);
	}
	if (hv_features_edx & HV_FEATURE_GUEST_CRASH_MSRS)
		HV_USE(CRASH_MSRS);
	ops->power_shutdown = hv_shutdown;
	hv_active = true;
	pvops_log("hyperv: at CPUID %#x, features %#x/%#x/%#x, hints %#x, VP %u\n", hv_base,
		  hv_features_eax, hv_features_ebx, hv_features_edx, hv_hints, hv_vp_index);
	return 0;
}

int pvops_hyperv_get_info(struct pvops_hyperv_info *info)
{
	if (!hv_active)
		return -PVOPS_ENODEV;
	info->vp_index = hv_vp_index;
	info->cpuid_features[0] = hv_features_eax;
	info->cpuid_features[1] = hv_features_ebx;
	info->cpuid_features[2] = hv_features_edx;
	info->cpuid_hints = hv_hints;
	info->spin_retries = hv_spin_retries;
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
	.features = hv_feature_table,
	.nr_features = HV_NR_FEATURES,
	.counters = hv_counters,
	.nr_counters = HV_NR_COUNTERS,
};
PVOPS_BACKEND(hyperv_backend);
