// SPDX-License-Identifier: MIT
/*
 * minikernel: pvops_init(), then a KTAP report of its own on what it asked
 * of pvops, then power off with the verdict (0: every case passed).
 */
#include <pvops/pvops.h>
#include "kernel.h"

#define TEST_VA 0xffffa00000000000UL	/* PML4 slot 320: empty on every entry */
#define MAGIC 0x5a5aa5a5c0ffee11UL

static u32 n_case, n_fail, n_skip;

static void report(bool ok, const char *name, const char *why)
{
	n_case++;
	if (ok)
		kprintf("ok %u %s\n", n_case, name);
	else
		kprintf("not ok %u %s # %s\n", n_case, name, why);
	n_fail += !ok;
}

static bool irq_flags(void)
{
	pvops_u64 before = pvops_irq_save_fl(), during;

	pvops_irq_disable();
	during = pvops_irq_save_fl();
	pvops_irq_restore_fl(before);
	return !(during & 0x200) && pvops_irq_save_fl() == before;
}

static bool cpuid_leaf0(void)
{
	struct pvops_cpuid_regs r;

	pvops_cpu_cpuid(0, 0, &r);
	return r.eax >= 1 && r.ebx != 0;
}

static bool clock_runs(void)
{
	pvops_u64 t0 = pvops_time_clock_ns(), t1 = t0;
	u32 i;

	for (i = 0; i < 100000000 && t1 == t0; i++)
		t1 = pvops_time_clock_ns();
	return t1 > t0 && pvops_time_tsc_khz() > 0;
}

static bool page_table(void)
{
	u64 *page = page_alloc();
	volatile u64 *alias = (volatile u64 *)TEST_VA;

	if (!page)
		return false;
	page[0] = MAGIC;
	if (map_test_page(TEST_VA, page))
		return false;
	if (alias[0] != MAGIC)
		return false;
	alias[1] = ~MAGIC;	/* written through the new mapping, seen through the image */
	return page[1] == ~MAGIC && !unmap_test_page(TEST_VA);
}

static bool msr_fault_fixed(void)
{
	pvops_u64 v = 1;

	/* No such MSR: #GP, which traps.c hands to pvops_fixup_exception. */
	return pvops_cpu_read_msr_safe(0x4000abcdU, &v) != 0;
}

static bool introspection(void)
{
	const struct pvops_feature *f;
	const struct pvops_counter *c;

	pvops_backend_features(&f);
	pvops_backend_counters(&c);
	return pvops_backend_name()[0] != '\0';
}

void kmain(u32 how, u64 info);
void kmain(u32 how, u64 info)
{
	const struct pvops_env *env = boot_env(how, info);
	struct pvops_cpuid_regs r;
	const char *smp_why = "";
	char why[80];
	int rc, late, smp;

	/*
	 * Two stages (ABI 1.3): ops first, with no page allocator and no MMIO
	 * mappings handed over; then the services. Between them the ops work.
	 */
	rc = pvops_init_early(env);
	console_ready();
	pvops_cpu_cpuid(0, 0, &r);
	kprintf("minikernel: between the stages: backend %s, cpuid leaf 0 max %u\n",
		pvops_backend_name(), r.eax);
	late = pvops_init_late(boot_env_late());
	kprintf("minikernel: entry=%s backend=%s rc=%d cmdline=\"%s\"\n",
		how == ENTRY_PVH ? "pvh" : how == ENTRY_MB1 ? "multiboot1" :
		how == ENTRY_MB2 ? "multiboot2" : "xen-pv",
		pvops_backend_name(), rc, env->cmdline);
	traps_init();
	kprintf("KTAP version 1\n1..8\n");
	report(rc == 0 && late == 0 && r.eax >= 1, "pvops_init_early_then_late",
	       "an init stage failed, or CPUID did not work between them");
	report(introspection(), "backend_named", "no backend name");
	report(irq_flags(), "irq_flags_through_pvops", "save/disable/restore disagree");
	report(cpuid_leaf0(), "cpuid_through_pvops", "leaf 0 empty");
	report(clock_runs(), "clock_runs", "clock_ns did not move or tsc_khz is 0");
	report(page_table(), "own_page_tables_through_mmu_ops",
	       "a page mapped through the mmu ops did not read back");
	why[0] = '\0';
	report(cxx_check(why, sizeof(why)), "cxx_translation_unit", why);
	smp = smp_own_trampoline(&smp_why);
	if (smp < 0)
		kprintf("ok %u own_trampoline_starts_a_cpu # SKIP %s\n", ++n_case, smp_why),
			n_skip++;
	else
		report(smp, "own_trampoline_starts_a_cpu", smp_why);
	kprintf("# msr fixup: %s\n", msr_fault_fixed() ? "a faulting rdmsr was fixed up" :
		"the MSR read did not fault here");
	kprintf("minikernel: result %u passed, %u failed, %u skipped\n", n_case - n_fail - n_skip,
		n_fail, n_skip);
	pvops_power_shutdown(n_fail ? 1 : 0);
	for (;;)
		pvops_irq_halt();
}
