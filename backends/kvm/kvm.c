// SPDX-License-Identifier: MIT
/*
 * The KVM backend: a guest of Linux's KVM. Hardware virtualizes the CPU,
 * the page tables and the local APIC, so it starts from the native ops
 * and replaces, each on its own CPUID feature bit (leaf base+1 EAX), what
 * KVM paravirtualizes: the clock (kvmclock), EOIs (PV EOI), steal time,
 * io_delay, and the cross-CPU ops (PV send IPI, PV TLB flush, PV sched
 * yield, PV unhalt). A feature masked by the host (QEMU -cpu
 * ...,kvm-pv-eoi=off) leaves that op native while the others stay
 * paravirtual. The ABI is Linux's UAPI <asm/kvm_para.h>.
 */
#include "kvm.h"

u32 kvm_base, kvm_features, kvm_hints;
struct pvops_feature kvm_feature_table[KVM_NR_FEATURES] = {
	[KVM_F_CLOCK] = { .name = "kvmclock" },
	[KVM_F_CLOCK_STABLE] = { .name = "kvmclock-stable" },
	[KVM_F_WALLCLOCK] = { .name = "wallclock" },
	[KVM_F_PV_EOI] = { .name = "pv-eoi" },
	[KVM_F_STEAL_TIME] = { .name = "steal-time" },
	[KVM_F_NOP_IO_DELAY] = { .name = "nop-io-delay" },
	[KVM_F_PV_SEND_IPI] = { .name = "pv-send-ipi" },
	[KVM_F_PV_TLB_FLUSH] = { .name = "pv-tlb-flush" },
	[KVM_F_PV_SCHED_YIELD] = { .name = "pv-sched-yield" },
	[KVM_F_PV_UNHALT] = { .name = "pv-unhalt" },
};
struct pvops_counter kvm_counters[KVM_NR_COUNTERS] = {
	[KVM_C_EOI_WRITTEN] = { .name = "eoi_written" },
	[KVM_C_EOI_SKIPPED] = { .name = "eoi_skipped" },
	[KVM_C_CLOCK_CLAMPS] = { .name = "clock_clamps" },
	[KVM_C_HYPERCALLS] = { .name = "hypercalls" },
	[KVM_C_HYPERCALL_FAILURES] = { .name = "hypercall_failures" },
	[KVM_C_HYPERCALL_FAULTS] = { .name = "hypercall_faults" },
	[KVM_C_IPI_HYPERCALLS] = { .name = "ipi_hypercalls" },
	[KVM_C_FLUSHES_DEFERRED] = { .name = "flushes_deferred" },
	[KVM_C_LOCK_WAITS] = { .name = "lock_waits" },
	[KVM_C_KICKS] = { .name = "kicks" },
	[KVM_C_YIELDS] = { .name = "yields" },
};
struct kvm_percpu *kvm_cpus[PVOPS_MAX_CPU_ID + 1];
static struct kvm_percpu *boot_cpu;
static bool kvm_active;

/* This CPU's areas, by the kernel's CPU id (the boot CPU's before any other runs). */
struct kvm_percpu *kvm_this_cpu(void)
{
	struct kvm_percpu *pc = pvops_percpu_get();	/* one load, where the kernel gives a slot */

	if (pc)
		return pc;
	pc = kvm_cpus[pvops_this_cpu() & PVOPS_MAX_CPU_ID];
	return pc ? pc : boot_cpu;
}

static u32 kvm_detect(void)
{
	const struct pvops_env *env = pvops_cur_env();
	u32 base;

	if (env && env->entry == PVOPS_ENTRY_XEN_PV)
		return 0;
	base = pvops_cpuid_find_hypervisor(KVM_SIGNATURE, 1);
	kvm_base = base;
	return base;
}

/* Register this CPU's areas with the host, each on its feature bit. */
static struct kvm_percpu *kvm_cpu_init(void)
{
	struct kvm_percpu *pc = pvops_alloc_page();

	if (!pc)
		return NULL;
	pvops_memset(pc, 0, sizeof(*pc));
	pc->apic_id = pvops_raw_apic_id();
	kvm_cpus[pc->apic_id] = pc;
	pvops_percpu_set(pc);	/* this CPU's, for kvm_this_cpu */
	kvm_clock_cpu_init(pc);
	kvm_steal_cpu_init(pc);
	kvm_pv_eoi_cpu_init(pc);
	return pc;
}

/* A CPU smp.cpu_up started: its own kvmclock, steal-time and PV EOI areas. */
static int kvm_ap_init(u32 cpu)
{
	u32 faults = kvm_register_faults;
	struct kvm_percpu *pc = kvm_cpu_init();

	if (!pc)
		return -PVOPS_ENODEV;
	if (kvm_register_faults != faults)
		return -PVOPS_EIO;	/* said: an area the other CPUs have is missing */
	if (pc->apic_id != cpu)
		pvops_log("kvm: CPU %u reports APIC id %u\n", cpu, pc->apic_id);
	return 0;
}

static int kvm_init(struct pvops_ops *ops, const struct pvops_env *env)
{
	struct pvops_cpuid_regs r;
	int rc;

	rc = pvops_native_fill(ops);
	if (rc)
		return rc;
	pvops_raw_cpuid(kvm_base + 1, 0, &r);
	kvm_features = r.eax;
	kvm_hints = r.edx;
	if (!env->virt_to_phys) {
		pvops_log("kvm: the kernel gives no virt_to_phys service\n");
		return -PVOPS_EINVAL;
	}
	pvops_native_serial_init();
	kvm_hypercall_init();
	boot_cpu = kvm_cpu_init();
	if (!boot_cpu) {
		pvops_log("kvm: no page for this CPU's shared areas\n");
		return -PVOPS_EINVAL;
	}
	rc = kvm_clock_fill(ops, boot_cpu);
	if (rc)
		return rc;
	kvm_apic_fill(ops);
	kvm_steal_fill(ops);
	kvm_smp_fill(ops);
	if (kvm_has(KVM_FEATURE_NOP_IO_DELAY)) {
		ops->cpu_io_delay = NULL;	/* NOPs at every site */
		KVM_USE(NOP_IO_DELAY);
	}
	kvm_active = true;
	pvops_log("kvm: at CPUID %#x, features %#x, hints %#x, APIC id %u\n", kvm_base,
		  kvm_features, kvm_hints, boot_cpu->apic_id);
	return 0;
}

int pvops_kvm_get_info(struct pvops_kvm_info *info)
{
	if (!kvm_active)
		return -PVOPS_ENODEV;
	info->cpuid_base = kvm_base;
	info->cpuid_features = kvm_features;
	info->cpuid_hints = kvm_hints;
	info->tsc_khz = kvm_clock_tsc_khz();
	return 0;
}

long pvops_kvm_hypercall(u32 nr, u64 a0, u64 a1, u64 a2, u64 a3)
{
	if (!kvm_active)
		return -PVOPS_ENODEV;
	return kvm_hypercall(nr, a0, a1, a2, a3);
}

static const struct pvops_backend kvm_backend = {
	.name = "kvm",
	.abi_major = PVOPS_ABI_MAJOR,
	.abi_minor = PVOPS_ABI_MINOR,
	.caps = PVOPS_CAP_LARGE_PAGES | PVOPS_CAP_WRITABLE_PT | PVOPS_CAP_PRIVILEGED,
	.detect = kvm_detect,
	.init = kvm_init,
	.patch = pvops_native_patch,
	.cpu_init = kvm_ap_init,
	.features = kvm_feature_table,
	.nr_features = KVM_NR_FEATURES,
	.counters = kvm_counters,
	.nr_counters = KVM_NR_COUNTERS,
};
PVOPS_BACKEND(kvm_backend);
