// SPDX-License-Identifier: MIT
/*
 * The Xen PV backend ("xen-pv"): the kernel entered through Xen's PV entry
 * (see <pvops/xen-pv.h>) and runs on PV page tables, with hypercalls for
 * every privileged operation Xen does not let it perform directly. What
 * it shares with the HVM/PVH backend is in ../common/.
 */
#include "pv.h"

struct start_info *xen_start_info;

enum { F_EVENT_CHANNELS, F_PVCLOCK, F_CONSOLE_RING, F_MMU_BATCHING, NR_FEATURES };
static struct pvops_feature features[NR_FEATURES] = {
	[F_EVENT_CHANNELS] = { .name = "event-channels" },
	[F_PVCLOCK] = { .name = "pvclock" },
	[F_CONSOLE_RING] = { .name = "console-ring" },
	[F_MMU_BATCHING] = { .name = "mmu-batching" },
};

/* A kernel Xen entered through the PV entry is a PV guest; none other is. */
static u32 xen_pv_detect(void)
{
	const struct pvops_env *env = pvops_cur_env();

	return env && env->entry == PVOPS_ENTRY_XEN_PV ? 0x40000000 : 0;
}

/* cpu.clts, cpu.stts (1.3): CR0.TS is Xen's to set (fpu_taskswitch). */
static void xen_clts(void)
{
	xen_hypercall_raw(__HYPERVISOR_fpu_taskswitch, 0, 0, 0, 0, 0);
}

static void xen_stts(void)
{
	xen_hypercall_raw(__HYPERVISOR_fpu_taskswitch, 1, 0, 0, 0, 0);
}

/* apic.read (1.3): a PV guest has no local APIC: every register reads 0. */
static u32 xen_apic_read(u32 reg)
{
	(void)reg;
	return 0;
}

/* cpu.monitor (1.3): MONITOR/MWAIT are not a PV guest's (mwait is then a pause). */
static int xen_monitor(const volatile void *addr, u32 ext, u32 hints)
{
	(void)addr;
	(void)ext;
	(void)hints;
	return -PVOPS_ENOTSUP;
}

static void xen_mwait(u32 hints, u32 ext)
{
	(void)hints;
	(void)ext;
	__asm__ volatile("pause" : : : "memory");
}

/* Xen could not restore a segment register: nothing sane to return to. */
void xen_failsafe(void);
void xen_failsafe(void)
{
	pvops_log("xen: failsafe callback: Xen could not load the interrupted "
		  "context's segments\n");
	xen_shutdown(2);
}

void xen_cpuid(u32 leaf, u32 subleaf, struct pvops_cpuid_regs *r)
{
	/* Xen's forced-emulation prefix: the domain's CPUID policy, Xen leaves included. */
	__asm__ volatile(XEN_EMULATE_PREFIX "cpuid"
			 : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
			 : "a"(leaf), "c"(subleaf));
}

static int xen_pv_init(struct pvops_ops *ops, const struct pvops_env *env)
{
	struct start_info *si = (struct start_info *)env->entry_info;
	long version;
	int rc;

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
		rc = xen_pv_cpu_init(0);
	if (!rc)
		rc = xen_console_init();
	if (rc)
		return rc;

	/* The ops of the entry (early.c), then the rest. */
	xen_pv_entry_ops(ops);
	ops->cpu_load_idt = xen_load_idt;
	ops->cpu_load_gdt = xen_load_gdt;
	ops->cpu_load_tr = xen_load_tr;
	ops->cpu_load_sp0 = xen_load_sp0;
	ops->cpu_io_delay = NULL;	/* no ISA bus to wait for: NOPs at the sites */
	xen_mmu_fill(ops);

	ops->cpu_clts = xen_clts;
	ops->cpu_stts = xen_stts;
	ops->apic_setup = xen_apic_setup;
	ops->apic_timer_hz = xen_apic_timer_hz;
	ops->apic_read = xen_apic_read;
	ops->apic_write = NULL;	/* no local APIC to write: NOPs */
	ops->apic_eoi = NULL;	/* events are acknowledged when picked */
	ops->apic_send_ipi = xen_send_ipi;
	ops->apic_timer_set = xen_apic_timer_set;
	ops->lock_wait = xen_lock_wait;
	ops->lock_kick = xen_lock_kick;
	ops->lock_vcpu_is_preempted = xen_vcpu_is_preempted;

	xen_time_fill(ops);
	ops->time_timer_oneshot = xen_timer_oneshot;

	ops->smp_enum_cpus = xen_enum_cpus;
	ops->smp_cpu_up = xen_cpu_up;
	ops->smp_cpu_start_raw = xen_cpu_start_raw;
	ops->cpu_monitor = xen_monitor;
	ops->cpu_mwait = xen_mwait;
	ops->apic_timer_deadline = xen_timer_deadline;

	pvops_feature_set(&features[F_EVENT_CHANNELS], true, NULL);
	pvops_feature_set(&features[F_PVCLOCK], true, NULL);
	pvops_feature_set(&features[F_CONSOLE_RING], !xen_initdomain,
			  "the hardware domain writes with console_io");
	pvops_feature_set(&features[F_MMU_BATCHING], true, NULL);
	/* A domU's ports reach no device (but those granted): port I/O is inert, not a fault. */
	if (!xen_initdomain)
		pvops_backend_caps_add(PVOPS_CAP_NO_LEGACY_IO);
	version = xen_version();
	pvops_log("xen: PV %s, %lu pages, Xen %ld.%ld\n", xen_initdomain ? "dom0" : "domU",
		  si->nr_pages, version >> 16, version & 0xffff);
	xen_active = true;
	return 0;
}

static const struct pvops_backend xen_pv_backend = {
	.name = "xen-pv",
	.abi_major = PVOPS_ABI_MAJOR,
	.abi_minor = PVOPS_ABI_MINOR,
	/* No superpages; page tables are read-only; a domU adds NO_LEGACY_IO (init). */
	.caps = 0,
	.detect = xen_pv_detect,
	.init = xen_pv_init,
	.patch = pvops_native_patch,
	.cpu_init = xen_pv_cpu_init,
	.features = features,
	.nr_features = NR_FEATURES,
	.counters = xen_counters,
	.nr_counters = XEN_NR_COUNTERS,
};
PVOPS_BACKEND(xen_pv_backend);
