// SPDX-License-Identifier: MIT
/*
 * The VMware backend: a guest of VMware's hypervisor (or of one that
 * implements its backdoor, as QEMU's vmport does). Hardware virtualizes
 * the CPU, page tables and APIC, so it starts from the native ops and
 * takes what VMware offers a guest (Linux's arch/x86/kernel/cpu/vmware.c
 * takes the same): the TSC and APIC bus rates, from the timing leaf
 * 0x40000010 or else the backdoor's GETHZ, so that nothing is calibrated;
 * an empty io_delay; steal time through STEALCLOCK where offered.
 *
 * Detection (spec/ABI.md 3.12): the "VMwareVMware" signature at a
 * hypervisor leaf (priority: its base). Without it the backdoor is probed
 * only when pvops=vmware forces this backend (priority
 * PVOPS_PRIO_PROBED): every default QEMU machine answers the backdoor, so
 * a blind probe would take over every native run under QEMU, and on bare
 * metal port 0x5658 may be another device's (ISA decodes 10 bits).
 */
#include "vmware.h"

struct pvops_feature vmw_feature_table[VMW_NR_FEATURES] = {
	[VMW_F_TIMING_LEAF] = { .name = "timing-leaf" },
	[VMW_F_GETHZ] = { .name = "gethz" },
	[VMW_F_NOP_IO_DELAY] = { .name = "nop-io-delay" },
	[VMW_F_STEAL_CLOCK] = { .name = "steal-clock" },
};
struct pvops_counter vmw_counters[VMW_NR_COUNTERS] = {
	[VMW_C_BACKDOOR_CALLS] = { .name = "backdoor_calls" },
};
static u32 vmw_base, vmw_version, vmw_steal_answer;
static bool vmw_active;

void vmw_call(u32 cmd, struct pvops_vmware_regs *r)
{
	r->eax = VMW_MAGIC;
	r->ecx = cmd;
	r->edx = VMW_PORT;
	vmw_backdoor(r);
	pvops_count(&vmw_counters[VMW_C_BACKDOOR_CALLS]);
}

/* GETVERSION: the version, or 0 when nothing answers as VMware does. */
static u32 vmw_probe(void)
{
	struct pvops_vmware_regs r = { .ebx = ~0U };

	vmw_call(VMW_CMD_GETVERSION, &r);
	return r.ebx == VMW_MAGIC && r.eax != ~0U ? r.eax : 0;
}

static u32 vmw_detect(void)
{
	const struct pvops_env *env = pvops_cur_env();

	if (env && env->entry == PVOPS_ENTRY_XEN_PV)
		return 0;	/* no I/O privilege: the port read would fault */
	vmw_base = pvops_cpuid_find_hypervisor(VMW_SIGNATURE, 0);
	if (vmw_base) {
		vmw_version = vmw_probe();
		return vmw_base;
	}
	if (!pvops_detect_forced())
		return 0;	/* never probed blindly (above) */
	vmw_version = vmw_probe();
	if (!vmw_version) {
		pvops_log("vmware: pvops=vmware, but there is no \"VMwareVMware\" signature and "
			  "the backdoor does not answer\n");
		return 0;
	}
	pvops_log("vmware: no \"VMwareVMware\" signature; pvops=vmware and the backdoor "
		  "answers (version %u): probed\n", vmw_version);
	return PVOPS_PRIO_PROBED;
}

/* The TSC and APIC bus rates: the timing leaf, else GETHZ; 0 leaves the decision to native. */
static u64 vmw_rates(u64 *bus_khz, const char **source)
{
	struct pvops_vmware_regs r = { .ebx = ~0U };
	u64 khz = pvops_timing_leaf(bus_khz, source);

	if (khz) {
		VMW_USE(TIMING_LEAF);
		VMW_NOT(GETHZ, "the timing leaf gave the rates");
		return khz;
	}
	VMW_NOT(TIMING_LEAF, "no timing leaf 0x40000010 under a signature that defines it");
	if (!vmw_version) {
		VMW_NOT(GETHZ, "the backdoor does not answer");
		return 0;
	}
	vmw_call(VMW_CMD_GETHZ, &r);
	if (r.ebx == ~0U || !(r.eax | (u64)r.ebx << 32)) {
		VMW_NOT(GETHZ, "GETHZ not offered (EBX = 0xffffffff; QEMU answers it under KVM only)");
		return 0;
	}
	VMW_USE(GETHZ);
	*bus_khz = r.ecx != ~0U ? r.ecx / 1000 : 0;
	*source = "VMware backdoor GETHZ";
	return (r.eax | (u64)r.ebx << 32) / 1000;
}

static int vmw_init(struct pvops_ops *ops, const struct pvops_env *env)
{
	const char *source = NULL;
	u64 khz, bus = 0;

	(void)env;
	pvops_native_fill(ops);
	pvops_native_serial_init();
	khz = vmw_rates(&bus, &source);
	pvops_native_time_init_rates(khz, bus, source);
	ops->cpu_io_delay = NULL;	/* NOPs at every site: no ISA bus to wait for */
	VMW_USE(NOP_IO_DELAY);
	if (vmw_version)
		vmw_steal_answer = vmw_steal_probe();
	else
		VMW_NOT(STEAL_CLOCK, "the backdoor does not answer");
	if (vmw_steal_on)
		vmw_steal_fill(ops);
	vmw_active = true;
	if (vmw_base)
		pvops_log("vmware: \"VMwareVMware\" at CPUID %#x, backdoor version %u\n", vmw_base,
			  vmw_version);
	else
		pvops_log("vmware: probed (forced, no signature), backdoor version %u\n",
			  vmw_version);
	return 0;
}

/* A CPU smp.cpu_up started: its own steal clock. */
static int vmw_cpu_init(u32 cpu)
{
	return vmw_steal_on ? vmw_steal_cpu_init(cpu) : 0;
}

int pvops_vmware_get_info(struct pvops_vmware_info *info)
{
	struct pvops_tsc_rate rate;

	if (!vmw_active)
		return -PVOPS_ENODEV;
	pvops_get_tsc_rate(&rate);
	info->cpuid_base = vmw_base;
	info->version = vmw_version;
	info->tsc_khz = rate.tsc_khz;
	info->apic_bus_khz = rate.apic_bus_khz;
	info->rate_source = rate.source;
	info->steal_clock = vmw_steal_on;
	info->steal_answer = vmw_steal_answer;
	return 0;
}

int pvops_vmware_backdoor(u32 cmd, struct pvops_vmware_regs *regs)
{
	if (!vmw_active)
		return -PVOPS_ENODEV;
	vmw_call(cmd, regs);
	return 0;
}

static const struct pvops_backend vmw_backend = {
	.name = "vmware",
	.abi_major = PVOPS_ABI_MAJOR,
	.abi_minor = PVOPS_ABI_MINOR,
	.caps = PVOPS_CAP_LARGE_PAGES | PVOPS_CAP_WRITABLE_PT | PVOPS_CAP_PRIVILEGED,
	.detect = vmw_detect,
	.init = vmw_init,
	.patch = pvops_native_patch,
	.cpu_init = vmw_cpu_init,
	.features = vmw_feature_table,
	.nr_features = VMW_NR_FEATURES,
	.counters = vmw_counters,
	.nr_counters = VMW_NR_COUNTERS,
};
PVOPS_BACKEND(vmw_backend);
