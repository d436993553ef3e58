// SPDX-License-Identifier: MIT
/*
 * The core's part of CPU bring-up (ABI 1.2): a CPU that smp.cpu_up
 * started lands here on its own stack, whichever backend started it. The
 * backend's per-CPU state is set up first, so the kernel's entry runs
 * with every op usable on this CPU; a cpu_init failure stops the CPU here
 * with its reason on the console, and the starter times out.
 */
#include <pvops/pvops.h>
#include <pvops/backend.h>
#include "internal.h"

int pvops_cpu_init_ap(u32 cpu)
{
	const struct pvops_backend *be = pvops_cur_backend();
	int rc;

	if (!be)
		return -PVOPS_ENODEV;
	if (cpu > PVOPS_MAX_CPU_ID)
		return -PVOPS_EINVAL;
	rc = be->cpu_init ? be->cpu_init(cpu) : 0;
	if (rc)
		pvops_log("pvops: CPU %u: backend %s: per-CPU setup failed (error %d)\n", cpu,
			  be->name, rc);
	return rc;
}

void pvops_ap_run(const struct pvops_ap_boot *boot, u32 cpu, volatile u32 *started)
{
	struct pvops_ap_boot b = *boot;	/* the starter's copy may go away */

	pvops_percpu_load_base(b.percpu_base);	/* before anything reads the slot */
	if (pvops_cpu_init_ap(cpu)) {
		pvops_log("pvops: CPU %u: this CPU stops\n", cpu);
		for (;;)
			pvops_irq_halt();
	}
	__atomic_store_n(started, 1, __ATOMIC_RELEASE);
	b.entry(b.arg);
	pvops_log("pvops: CPU %u: the kernel's entry returned; this CPU stops\n", cpu);
	for (;;)
		pvops_irq_halt();
}

/*
 * This CPU's id: the kernel's cpu_id as bound at pvops_init (a direct
 * jump, envstub.S), or the boot CPU's where the kernel gives none. A
 * cpu_id given after pvops_init_late is not used (spec/ABI.md 5): said once.
 */
u32 pvops_this_cpu(void)
{
	const struct pvops_env *env = pvops_cur_env();
	static u32 boot_id = ~0U;
	static bool said;

	if (pvops_env_services[2])
		return pvops_env_cpu_id();
	if (env && env->cpu_id && !said) {
		said = true;
		pvops_log("pvops: env.cpu_id was given after pvops_init_late: not used; every CPU "
			  "is taken for the boot CPU (spec/ABI.md 5, step 2)\n");
	}
	if (boot_id == ~0U) {
		/* Xen PV names vCPUs from 0; elsewhere the initial APIC id. */
		boot_id = env && env->entry == PVOPS_ENTRY_XEN_PV ? 0 : pvops_raw_apic_id();
	}
	return boot_id;
}
