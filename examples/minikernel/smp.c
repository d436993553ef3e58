// SPDX-License-Identifier: MIT
/*
 * A second CPU started the way a kernel with its own trampoline starts it:
 * minikernel's code (ap.S) at AP_PA, pvops' smp.cpu_start_raw for the INIT
 * and STARTUP IPIs, and on the new CPU pvops_cpu_init_ap() before any other
 * op. The CPU says it arrived through memory; the boot CPU polls for that
 * with a deadline. Under Xen PV, where a vCPU cannot start this way, the
 * op must refuse.
 */
#include <pvops/pvops.h>
#include "kernel.h"

#define AP_PA 0x90000UL
#define DEADLINE_NS 10000000000UL	/* 10 s: a loaded host may be slow to run a vCPU */

extern const u8 ap_tramp[], ap_tramp_end[], ap_tramp_cr3[], ap_tramp_stack[], ap_tramp_entry[];

static u8 ap_stack[16384] __attribute__((aligned(16)));
static u32 ap_cpu;
static volatile u32 ap_arrived, ap_apic_id;
static volatile int ap_init_rc, ap_setup_rc;

static void put_slot(u8 *copy, const u8 *slot, u64 val)
{
	memcpy(copy + (slot - ap_tramp), &val, sizeof(val));
}

void ap_main(void);
void ap_main(void)
{
	struct pvops_cpuid_regs r;

	ap_init_rc = pvops_cpu_init_ap(ap_cpu);
	if (!ap_init_rc) {
		ap_setup_rc = pvops_apic_setup(0xff);
		pvops_cpu_cpuid(1, 0, &r);
		ap_apic_id = r.ebx >> 24;
	}
	__atomic_store_n(&ap_arrived, 1, __ATOMIC_RELEASE);
	for (;;) {
		pvops_irq_disable();
		pvops_irq_halt();
	}
}

/* 1 passed, 0 failed, -1 skipped (*why says why); the details go to the console. */
int smp_own_trampoline(const char **why)
{
	struct pvops_cpu_set cpus;
	u32 self = 0, cpu;
	u8 *copy = phys_to_virt(AP_PA);
	pvops_u64 t0;
	int n, rc;

	if (pvops_backend_is("xen-pv")) {
		rc = pvops_smp_cpu_start_raw(1, AP_PA);
		kprintf("# smp: smp.cpu_start_raw under Xen PV: %d\n", rc);
		*why = "smp.cpu_start_raw under Xen PV did not say -PVOPS_ENOTSUP";
		return rc == -PVOPS_ENOTSUP;
	}
	n = pvops_smp_enum_cpus(&cpus, &self);
	if (n < 2) {
		*why = "one CPU (the smp2 environments start a second)";
		return -1;
	}
	pvops_for_each_cpu(cpu, &cpus)
		if (cpu != self)
			break;
	rc = pvops_apic_setup(0xff);
	if (rc) {
		kprintf("# smp: apic.setup on the boot CPU: %d\n", rc);
		*why = "apic.setup failed on the boot CPU";
		return 0;
	}
	memcpy(copy, ap_tramp, (u64)(ap_tramp_end - ap_tramp));
	put_slot(copy, ap_tramp_cr3, pvops_mmu_read_cr3());
	put_slot(copy, ap_tramp_stack, (u64)(ap_stack + sizeof(ap_stack)));
	put_slot(copy, ap_tramp_entry, (u64)ap_main);
	ap_cpu = cpu;
	rc = pvops_smp_cpu_start_raw(cpu, AP_PA);
	if (rc) {
		kprintf("# smp: smp.cpu_start_raw(%u): %d\n", cpu, rc);
		*why = "smp.cpu_start_raw failed";
		return 0;
	}
	t0 = pvops_time_clock_ns();
	while (!__atomic_load_n(&ap_arrived, __ATOMIC_ACQUIRE) &&
	       pvops_time_clock_ns() - t0 < DEADLINE_NS)
		__asm__ volatile("pause");
	if (!__atomic_load_n(&ap_arrived, __ATOMIC_ACQUIRE)) {
		kprintf("# smp: CPU %u never reached its 64-bit entry within 10 s\n", cpu);
		*why = "the CPU never arrived";
		return 0;
	}
	kprintf("# smp: CPU %u arrived: pvops_cpu_init_ap %d, apic.setup %d, CPUID's APIC id %u\n",
		cpu, ap_init_rc, ap_setup_rc, ap_apic_id);
	*why = "the CPU's pvops_cpu_init_ap, apic.setup or APIC id (see above)";
	return !ap_init_rc && !ap_setup_rc && ap_apic_id == cpu;
}
