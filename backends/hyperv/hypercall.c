// SPDX-License-Identifier: MIT
/*
 * Hyper-V hypercalls (TLFS "Hypercall Interface"): the guest OS identity,
 * the hypercall page through the HYPERCALL MSR, and every call through
 * that page with the 64-bit convention: RCX = control, RDX = input GPA (or
 * first register), R8 = output GPA (or second register), result in RAX;
 * RAX, RCX, RDX and R8-R11 are not preserved. The page matters on Xen,
 * which tells its Hyper-V calls from its own by a bit the page sets.
 */
#include "hyperv.h"


/* "Reporting the Guest OS Identity": open source, OS type 0, pvops ABI version. */
#define PVOPS_GUEST_ID (HV_GUEST_ID_OPEN_SOURCE |				\
			((u64)((PVOPS_ABI_MAJOR << 8) | PVOPS_ABI_MINOR) << HV_GUEST_ID_VERSION_SHIFT))

u64 hv_do_hypercall(u64 control, u64 in, u64 out)
{
	register u64 r8 __asm__("r8") = out;
	u64 ret;

	__asm__ volatile("call hv_hypercall_page"
			 : "=a"(ret), "+c"(control), "+d"(in), "+r"(r8)
			 : : "memory", "r9", "r10", "r11");
	HV_COUNT(HYPERCALLS);
	if (HV_HYPERCALL_STATUS(ret) != HV_STATUS_SUCCESS)
		HV_COUNT(HYPERCALL_FAILURES);
	return ret;
}

int hv_hypercall_init(void)
{
	if (!(hv_features_eax & HV_ACCESS_HYPERCALL_MSRS)) {
		pvops_log("hyperv: no access to the hypercall MSRs (CPUID %#x EAX %#x)\n",
			  hv_base + 3, hv_features_eax);
		return -PVOPS_ENODEV;
	}
	if (pvops_raw_wrmsr_safe(HV_MSR_GUEST_OS_ID, PVOPS_GUEST_ID) ||
	    pvops_raw_wrmsr_safe(HV_MSR_HYPERCALL,
				 pvops_env_pa(hv_hypercall_page) | HV_HYPERCALL_ENABLE)) {
		pvops_log("hyperv: CPUID %#x EAX %#x grants the hypercall MSRs, but writing "
			  "GUEST_OS_ID/HYPERCALL faulted\n", hv_base + 3, hv_features_eax);
		return -PVOPS_EIO;
	}
	if ((u8)hv_hypercall_page[0] == 0xcc) {
		pvops_log("hyperv: the HYPERCALL MSR did not fill the hypercall page\n");
		pvops_raw_wrmsr(HV_MSR_HYPERCALL, 0);
		return -PVOPS_EIO;
	}
	HV_USE(HYPERCALL_PAGE);
	return 0;
}

static const char *const status_names[] = {
	[HV_STATUS_SUCCESS] = "HV_STATUS_SUCCESS",
	[HV_STATUS_INVALID_HYPERCALL_CODE] = "HV_STATUS_INVALID_HYPERCALL_CODE",
	[HV_STATUS_INVALID_HYPERCALL_INPUT] = "HV_STATUS_INVALID_HYPERCALL_INPUT",
	[HV_STATUS_INVALID_ALIGNMENT] = "HV_STATUS_INVALID_ALIGNMENT",
	[HV_STATUS_INVALID_PARAMETER] = "HV_STATUS_INVALID_PARAMETER",
	[HV_STATUS_ACCESS_DENIED] = "HV_STATUS_ACCESS_DENIED",
	[HV_STATUS_INVALID_PARTITION_STATE] = "HV_STATUS_INVALID_PARTITION_STATE",
	[HV_STATUS_OPERATION_DENIED] = "HV_STATUS_OPERATION_DENIED",
	[HV_STATUS_INSUFFICIENT_MEMORY] = "HV_STATUS_INSUFFICIENT_MEMORY",
	[HV_STATUS_INVALID_VP_INDEX] = "HV_STATUS_INVALID_VP_INDEX",
	[HV_STATUS_INVALID_VP_STATE] = "HV_STATUS_INVALID_VP_STATE",
	[HV_STATUS_TIME_OUT] = "HV_STATUS_TIME_OUT",
};

const char *pvops_hyperv_status_name(u16 status)
{
	if (status < sizeof(status_names) / sizeof(status_names[0]) && status_names[status])
		return status_names[status];
	return "HV_STATUS_(unknown)";
}

u64 pvops_hyperv_hypercall(u64 control, u64 in, u64 out)
{
	if (!HV_IN_USE(HYPERCALL_PAGE))
		return ~0ULL;
	return hv_do_hypercall(control, in, out);
}

u64 pvops_hyperv_notify_long_spin_wait(u32 count)
{
	return pvops_hyperv_hypercall(HVCALL_NOTIFY_LONG_SPIN_WAIT | HV_HYPERCALL_FAST, count, 0);
}
