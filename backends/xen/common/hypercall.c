// SPDX-License-Identifier: MIT
/*
 * Hypercalls: counting, and reporting every failure with the hypercall's
 * name and Xen's error.
 */
#include "xen.h"

static const char *const hypercall_names[] = {
	[__HYPERVISOR_set_trap_table] = "set_trap_table",
	[__HYPERVISOR_mmu_update] = "mmu_update",
	[__HYPERVISOR_set_gdt] = "set_gdt",
	[__HYPERVISOR_stack_switch] = "stack_switch",
	[__HYPERVISOR_set_callbacks] = "set_callbacks",
	[__HYPERVISOR_fpu_taskswitch] = "fpu_taskswitch",
	[__HYPERVISOR_sched_op_compat] = "sched_op_compat",
	[__HYPERVISOR_platform_op] = "platform_op",
	[__HYPERVISOR_set_debugreg] = "set_debugreg",
	[__HYPERVISOR_get_debugreg] = "get_debugreg",
	[__HYPERVISOR_update_descriptor] = "update_descriptor",
	[__HYPERVISOR_memory_op] = "memory_op",
	[__HYPERVISOR_multicall] = "multicall",
	[__HYPERVISOR_update_va_mapping] = "update_va_mapping",
	[__HYPERVISOR_set_timer_op] = "set_timer_op",
	[__HYPERVISOR_event_channel_op_compat] = "event_channel_op_compat",
	[__HYPERVISOR_xen_version] = "xen_version",
	[__HYPERVISOR_console_io] = "console_io",
	[__HYPERVISOR_physdev_op_compat] = "physdev_op_compat",
	[__HYPERVISOR_grant_table_op] = "grant_table_op",
	[__HYPERVISOR_vm_assist] = "vm_assist",
	[__HYPERVISOR_update_va_mapping_otherdomain] = "update_va_mapping_otherdomain",
	[__HYPERVISOR_iret] = "iret",
	[__HYPERVISOR_vcpu_op] = "vcpu_op",
	[__HYPERVISOR_set_segment_base] = "set_segment_base",
	[__HYPERVISOR_mmuext_op] = "mmuext_op",
	[__HYPERVISOR_xsm_op] = "xsm_op",
	[__HYPERVISOR_nmi_op] = "nmi_op",
	[__HYPERVISOR_sched_op] = "sched_op",
	[__HYPERVISOR_callback_op] = "callback_op",
	[__HYPERVISOR_xenoprof_op] = "xenoprof_op",
	[__HYPERVISOR_event_channel_op] = "event_channel_op",
	[__HYPERVISOR_physdev_op] = "physdev_op",
	[__HYPERVISOR_hvm_op] = "hvm_op",
	[__HYPERVISOR_sysctl] = "sysctl",
	[__HYPERVISOR_domctl] = "domctl",
};

const char *xen_hypercall_name(unsigned int nr)
{
	if (nr < XEN_ARRAY_SIZE(hypercall_names) && hypercall_names[nr])
		return hypercall_names[nr];
	return "hypercall";
}

/* Xen's error names, from its own list (xen/errno.h). */
struct xen_errno_name {
	int value;
	const char *name;
};

static const struct xen_errno_name errno_names[] = {
#define XEN_ERRNO(name, value) { value, #name },
#include <xen/errno.h>
};

const char *xen_errno_name(long err)
{
	unsigned int i;

	if (err < 0)
		err = -err;
	for (i = 0; i < XEN_ARRAY_SIZE(errno_names); i++)
		if (errno_names[i].value == err)
			return errno_names[i].name;
	return "unknown error";
}

void xen_report(unsigned int nr, const char *what, long rc)
{
	pvops_log("xen: %s(%s) failed: -%s (%ld)\n", xen_hypercall_name(nr), what,
		  xen_errno_name(rc), rc);
}

/* A hypercall, counted with its failures. */
static long xen_hypercall_counted(unsigned int nr, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5)
{
	long rc = xen_hypercall_raw(nr, a1, a2, a3, a4, a5);

	XEN_COUNT(HYPERCALLS);
	if (rc < 0)
		XEN_COUNT(HYPERCALL_FAILURES);
	return rc;
}

long pvops_xen_hypercall(unsigned int nr, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5)
{
	if (!xen_active)
		return -38;	/* ENOSYS */
	return xen_hypercall_counted(nr, a1, a2, a3, a4, a5);
}

const char *pvops_xen_strerror(long err)
{
	return xen_errno_name(err);
}
