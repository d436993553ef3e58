// SPDX-License-Identifier: MIT
/*
 * The Xen PV backend: the kernel entered through Xen's PV entry (see
 * <pvops/xen-pv.h>) and runs on PV page tables, with hypercalls for every
 * privileged operation Xen does not let it perform directly.
 */
#include "xen.h"

/* entry.S reaches vCPU 0's vcpu_info at shared_info's start (gen/asm-offsets.c). */
_Static_assert(__builtin_offsetof(struct shared_info, vcpu_info) == 0, "vcpu 0 first");

struct start_info *xen_start_info;
bool xen_initdomain;
bool xen_active;
bool xen_hvm;
/*
 * The shared-info page is mapped over this page of the kernel image (see
 * mmu.c: its pseudo-physical frame is redirected to Xen's machine frame,
 * so every mapping the kernel makes of it reaches shared_info).
 */
u8 xen_shared_page[PVOPS_PAGE_SIZE] __attribute__((aligned(PVOPS_PAGE_SIZE)));
struct shared_info *xen_shared = (struct shared_info *)(void *)xen_shared_page;

/*
 * A kernel Xen entered through the PV entry is a PV guest; any other is an
 * HVM/PVH guest when Xen's signature is at a hypervisor leaf base (Xen
 * moves it to 0x40000100 when it also offers Hyper-V's interface).
 */
static u32 xen_detect(void)
{
	const struct pvops_env *env = pvops_env();

	if (env && env->entry == PVOPS_ENTRY_XEN_PV)
		return 0x40000000;
	xen_cpuid_base = pvops_cpuid_find_hypervisor("XenVMMXenVMM", 2);
	return xen_cpuid_base;
}

/* Xen could not restore a segment register: nothing sane to return to. */
void xen_failsafe(void);
void xen_failsafe(void)
{
	pvops_log("xen: failsafe callback: Xen could not load the interrupted "
		  "context's segments\n");
	xen_shutdown(2);
}

static void xen_cpuid(u32 leaf, u32 subleaf, struct pvops_cpuid_regs *r)
{
	/* Xen's forced-emulation prefix: the domain's CPUID policy, Xen leaves included. */
	__asm__ volatile(XEN_EMULATE_PREFIX "cpuid"
			 : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
			 : "a"(leaf), "c"(subleaf));
}

static int xen_init(struct pvops_ops *ops, const struct pvops_env *env)
{
	struct start_info *si = (struct start_info *)env->entry_info;
	long version;
	int rc;

	if (env->entry != PVOPS_ENTRY_XEN_PV) {
		rc = xen_hvm_init(ops, env);
		xen_active = !rc;
		return rc;
	}
	if (!si || pvops_strncmp(si->magic, "xen-3.0-x86_64", 14)) {
		pvops_log("xen: start_info missing or not a 64-bit PV start_info\n");
		return -PVOPS_EINVAL;
	}
	if ((u8)pvops_xen_hypercall_page[0] == 0xcc) {
		pvops_log("xen: the hypercall page was not filled in: is the "
			  "XEN_ELFNOTE_HYPERCALL_PAGE note in the image?\n");
		return -PVOPS_EINVAL;
	}
	xen_start_info = si;
	xen_initdomain = si->flags & SIF_INITDOMAIN;

	/* Start from the native ops (trap-and-emulate under PV), then replace. */
	rc = pvops_native_fill(ops);
	if (rc)
		return rc;

	rc = xen_mmu_init(env);	/* maps shared_info: needed by everything below */
	if (rc)
		return rc;
	rc = xen_events_init();
	if (!rc)	/* the boot vCPU's callbacks, I/O privilege, timer, runstate, kick port */
		rc = xen_cpu_init(0);
	if (!rc)
		rc = xen_console_init();
	if (rc)
		return rc;

	ops->cpu_cpuid = xen_cpuid;
	ops->cpu_load_idt = xen_load_idt;
	ops->cpu_load_gdt = xen_load_gdt;
	ops->cpu_load_tr = xen_load_tr;
	ops->cpu_load_sp0 = xen_load_sp0;
	ops->cpu_io_delay = NULL;	/* no ISA bus to wait for */

	ops->irq_save_fl = PVOPS_CALLEE(xen_save_fl);
	ops->irq_restore_fl = PVOPS_CALLEE(xen_restore_fl);
	ops->irq_disable = PVOPS_CALLEE(xen_irq_disable);
	ops->irq_enable = PVOPS_CALLEE(xen_irq_enable);
	ops->irq_safe_halt = xen_safe_halt;
	ops->irq_halt = xen_halt;
	ops->irq_iret = PVOPS_JUMP(xen_iret);

	ops->mmu_read_cr2 = PVOPS_CALLEE(xen_read_cr2);
	xen_mmu_fill(ops);

	ops->apic_setup = xen_apic_setup;
	ops->apic_eoi = NULL;	/* events are acknowledged when picked */
	ops->apic_send_ipi = xen_send_ipi;
	ops->apic_timer_set = xen_apic_timer_set;
	ops->lock_wait = xen_lock_wait;
	ops->lock_kick = xen_lock_kick;
	ops->lock_vcpu_is_preempted = xen_vcpu_is_preempted;

	xen_time_fill(ops);
	ops->time_timer_oneshot = xen_timer_oneshot;

	ops->console_write = xen_console_write;
	ops->power_shutdown = xen_shutdown;
	ops->power_reboot = xen_reboot;
	ops->smp_enum_cpus = xen_enum_cpus;
	ops->smp_cpu_up = xen_cpu_up;

	version = XEN_HC(xen_version, "XENVER_version", XENVER_version, 0, 0, 0, 0);
	pvops_log("xen: PV %s, %lu pages, Xen %ld.%ld\n", xen_initdomain ? "dom0" : "domU",
		  si->nr_pages, version >> 16, version & 0xffff);
	xen_active = true;
	return 0;
}

int pvops_xen_stats(struct pvops_xen_stats *st)
{
	unsigned int i;

	if (!xen_active)
		return -PVOPS_ENODEV;
	pvops_memset(st, 0, sizeof(*st));
	for (i = 0; i < 64; i++)
		st->hypercalls += xen_hypercall_count[i];
	st->failures = xen_hypercall_failures;
	st->mmu_update_calls = xen_mmu_update_calls;
	st->mmu_updates = xen_mmu_updates;
	st->multicalls = xen_multicalls;
	st->events = xen_events_delivered;
	st->lazy_batch = xen_lazy_batch;
	st->upcalls = xen_upcalls;
	st->pv = !xen_hvm;
	return 0;
}

static const struct pvops_backend xen_backend = {
	.name = "xen",
	.abi_major = PVOPS_ABI_MAJOR,
	.abi_minor = PVOPS_ABI_MINOR,
	.caps = 0,	/* no superpages; page tables are read-only */
	.detect = xen_detect,
	.init = xen_init,
	.patch = pvops_native_patch,
	.cpu_init = xen_cpu_init,
};
PVOPS_BACKEND(xen_backend);
