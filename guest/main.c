// SPDX-License-Identifier: MIT
/*
 * The reference guest kernel: boot, pvops_init, memory, traps, timer,
 * the in-guest tests, shutdown with the result.
 */
#include "kernel.h"
#include <pvops/xen-pv.h>

static struct pvops_env env;

static void *env_map_mmio(u64 pa, u64 len)
{
	return map_mmio(pa, len);
}

/* The trampoline page for smp.cpu_up, when low RAM holds it (never under Xen PV). */
static u64 trampoline_pa(void)
{
	u32 i;

	if (bootinfo.entry == PVOPS_ENTRY_XEN_PV)
		return 0;
	for (i = 0; i < bootinfo.nr_regions; i++) {
		const struct mem_region *r = &bootinfo.regions[i];

		if (r->type == MEM_RAM && r->start <= TRAMPOLINE_PA &&
		    r->end >= TRAMPOLINE_PA + PVOPS_TRAMPOLINE_SIZE)
			return TRAMPOLINE_PA;
	}
	return 0;
}

/* Said once the console works: why smp.cpu_up will have no trampoline. */
static void say_no_trampoline(void)
{
	u32 i;

	printk("pvguest: the loader's memory map has no RAM at %#x-%#x: no trampoline for "
	       "smp.cpu_up; the map:\n", TRAMPOLINE_PA, TRAMPOLINE_PA + PVOPS_TRAMPOLINE_SIZE);
	for (i = 0; i < bootinfo.nr_regions; i++)
		printk("pvguest:   %#llx-%#llx type %u\n", bootinfo.regions[i].start,
		       bootinfo.regions[i].end, bootinfo.regions[i].type);
}

/* crash=init: the phys_to_virt pvops_init is given faults (an unmapped read). */
static void *phys_to_virt_faulting(u64 pa)
{
	(void)pa;
	return (void *)(uptr)*(volatile u64 *)(uptr)(SCRATCH_BASE + 0xdead000);
}

void guest_main(u32 proto, u64 info_phys);
void guest_main(u32 proto, u64 info_phys)
{
	u32 passed = 0, failed = 0, skipped = 0;
	int boot_err;

	/*
	 * An IDT first (its native forms: the table starts native), so that a
	 * fault in the boot-information parser or inside pvops_init is dumped
	 * (with the step pvops was at), not a triple fault. Not under Xen PV:
	 * Xen's trap table comes with init, and until then Xen itself reports
	 * a fault of the domain.
	 */
	if (proto != BOOT_PROTO_XEN_PV)
		traps_init();
	preinit_probe();	/* ops before pvops_init(): ABI 1.3 */
	boot_err = bootinfo_parse(proto, info_phys);
	env.cmdline = bootinfo.cmdline;
	env.entry = bootinfo.entry;
	env.entry_info = bootinfo.raw;
	env.map_mmio = env_map_mmio;
	env.phys_to_virt = phys_to_virt;
	env.virt_to_phys = virt_to_phys;
	env.alloc_page = alloc_page;
	env.trampoline_pa = trampoline_pa();
	smp_boot_id_early(proto == BOOT_PROTO_XEN_PV);
	env.cpu_id = smp_this_cpu_id;	/* bound by pvops_init: given before it */
	/*
	 * pvops' per-CPU slot (ABI 1.4): the first word of this CPU's
	 * percpu_area, at %gs:0; percpu=0 leaves pvops the cpu_id fallback.
	 */
	if (!cmdline_has(bootinfo.cmdline, "percpu=0")) {
		percpu_load(0);
		env.percpu_seg = PVOPS_PERCPU_GS;
		env.percpu_offset = __builtin_offsetof(struct percpu_area, pvops);
	}
	if (cmdline_has(bootinfo.cmdline, "crash=init"))
		env.phys_to_virt = phys_to_virt_faulting;
	pvops_init(&env);

	printk("pvguest: entry=%s backend=%s cmdline=\"%s\"\n", entry_name(bootinfo.entry),
	       pvops_backend_name(), bootinfo.cmdline);
	if (bootinfo.mmap_from)
		printk("pvguest: memory map from %s, %u regions\n", bootinfo.mmap_from,
		       bootinfo.nr_regions);
	if (bootinfo.regions_dropped)
		printk("pvguest: memory map: %u regions past the first %u ignored\n",
		       bootinfo.regions_dropped, MAX_MEMMAP);
	if (!env.trampoline_pa && bootinfo.entry != PVOPS_ENTRY_XEN_PV)
		say_no_trampoline();
	if (boot_err)
		panic("boot protocol %u: information at %#llx not understood", proto, info_phys);
	if (!bootinfo.nr_regions)
		panic("the boot loader gave no memory map");
	options_parse(bootinfo.cmdline);

	traps_init();
	mm_init();
	if (options.report) {
		const struct pvops_counter *c;
		u32 i, n = pvops_backend_counters(&c);

		pvops_set_text(_text_start, _text_end);
		pvops_print_patch_report();
		if (n) {
			printk("pvguest: %s counters to here:", pvops_backend_name());
			for (i = 0; i < n; i++)
				printk(" %s=%llu", c[i].name, c[i].value);
			printk("\n");
		}
	}
	if (options.launch[0]) {
		/* A toolstack run: the domU's tests are the result, dom0 runs none. */
#ifndef PVGUEST_NO_XEN
		int rc = launch_domu(options.launch, bootinfo.cmdline);
#else
		int rc = -1;

		printk("pvguest: launch=%s: built without the Xen backend (BACKENDS)\n",
		       options.launch);
#endif

		printk("pvguest: launch=%s %s\n", options.launch, rc ? "failed" : "passed");
		pvops_power_shutdown(rc ? EXIT_FAIL : EXIT_PASS);
		for (;;)
			pvops_irq_halt();
	}
	if (timer_init())
		printk("pvguest: no local APIC timer\n");
	if (options.bench)
		bench_before_smp();	/* the hot ops with one CPU up, for the rows after */
	smp_init(&env);

	if (options.run_tests)
		ktest_run_all(options.ktest_filter, &passed, &failed, &skipped);
	else
		printk("KTAP version 1\n1..0 # SKIP ktest=none\n");
	if (options.crash) {
		printk("pvguest: crash=pf: reading unmapped address %#llx\n", (u64)SCRATCH_BASE + 0xdead000);
		(void)*(volatile u64 *)(uptr)(SCRATCH_BASE + 0xdead000);
	}
	printk("pvguest: result %u passed, %u failed, %u skipped\n", passed, failed, skipped);
	smp_stop_others();
	pvops_power_shutdown(failed ? EXIT_FAIL : EXIT_PASS);
	for (;;)
		pvops_irq_halt();
}
