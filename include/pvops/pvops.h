/* SPDX-License-Identifier: MIT */
/*
 * pvops: the one header a kernel includes.
 *
 *	struct pvops_env env = { .cmdline = ..., .map_mmio = ... };
 *	pvops_init(&env);		// detect, fill the table, patch the sites
 *	pvops_irq_disable();		// every privileged op through a wrapper
 *
 * Interrupts must be off from entry until pvops_init() returns.
 *
 * This is ABI 1.4 (PVOPS_ABI_MAJOR and PVOPS_ABI_MINOR, <pvops/ops.h>; the
 * contract is spec/ABI.md). The installed headers of ABI major 1 live in
 * include/pvops-1/ (pkg-config pvops).
 */
#ifndef PVOPS_PVOPS_H
#define PVOPS_PVOPS_H

#include <pvops/types.h>
#include <pvops/env.h>
#include <pvops/ops.h>
#include <pvops/calls.h>
#include <pvops/fmt.h>
#include <pvops/extable.h>
#include <pvops/introspect.h>

__PVOPS_BEGIN_DECLS

/*
 * Detect the platform, pick a backend (pvops=NAME forces one,
 * pvops=native disables paravirtualization), let it fill the table,
 * check the table and patch every call site once. Returns 0, or stops the
 * machine with a message naming the op that could not be patched.
 */
int pvops_init(const struct pvops_env *env);

/*
 * pvops_init() in two stages (ABI 1.3), for a kernel that needs ops before
 * its memory management exists. pvops_init_early() reads of env only the
 * command line, entry, entry_info, virt_to_phys and phys_to_virt (pure
 * arithmetic on the kernel's image: no VM needed); it detects, selects,
 * sets the backend up (the boot CPU's hypervisor areas come from a pool of
 * PVOPS_EARLY_POOL_PAGES pages inside the library) and patches every site.
 * From then every op works, but those that need a mapping the kernel makes:
 * native apic.* in xAPIC mode (dropped and said), smp.enum_cpus and
 * smp.cpu_up (no map_mmio, cpu_id, trampoline). pvops_init_late() hands over
 * the rest of the services (map_mmio, alloc_page, cpu_id, trampoline_pa):
 * env may be the same object with them filled in, or another one. Call the
 * early stage once the kernel has a stack and a cleared .bss.
 */
#define PVOPS_EARLY_POOL_PAGES 6
int pvops_init_early(const struct pvops_env *env);
int pvops_init_late(const struct pvops_env *env);

/*
 * ABI 1.3: on a CPU the kernel started with its own trampoline
 * (smp.cpu_start_raw), in long mode, interrupts off, before any other op
 * on that CPU: the backend's per-CPU state for CPU cpu (its APIC id), as
 * smp.cpu_up does for the CPUs it starts. Returns 0, or a negative
 * PVOPS_E* code (said on the console); the CPU must not use ops then.
 */
int pvops_cpu_init_ap(pvops_u32 cpu);

/*
 * ABI 1.3: what pvops_init() (its early stage) is doing right now — "detect
 * vmi", "init kvm", "patch site 17 of 339 (irq.disable at 0x...)" — or NULL
 * outside it: for a kernel's early exception handler, to say which step of
 * pvops faulted.
 */
const char *pvops_init_step(void);

/* The chosen backend. */
const char *pvops_backend_name(void);
/*
 * Whether the backend in use is name, or one of the family name names
 * ("xen" is "xen-pv" and "xen-hvm"): a name and its flavours share the part
 * before a '-'. pvops=NAME selects the same way.
 */
pvops_bool pvops_backend_is(const char *name);
pvops_u32 pvops_backend_caps(void);

/* How the sites of one op were patched. */
struct pvops_op_stats {
	pvops_u32 inlined;	/* replaced by the backend's bytes */
	pvops_u32 called;	/* direct call to the backend's function */
	pvops_u32 nopped;	/* op empty: NOPs */
	pvops_u32 indirect;	/* left as indirect call (benchmark sites only) */
	pvops_u32 bare;	/* given the native bytes whatever the backend (benchmark sites) */
	/*
	 * Who implements the op in this boot: "native" when the slot holds
	 * the native backend's function (under any backend: e.g. a feature
	 * the hypervisor does not offer), "empty", or the backend's name.
	 */
	const char *impl;
};
void pvops_get_op_stats(unsigned int op, struct pvops_op_stats *st);
/* Print one line per op that has sites, through the console op. */
void pvops_print_patch_report(void);

/*
 * What pvops_init() cost, in TSC cycles: choosing the backend (every
 * backend's detect), its init (filling the table, setting up the
 * hypervisor interface, the TSC rate) and patching; and the sites it
 * patched. log_cycles (1.4): writing the boot log to the console, which is
 * the console's cost (a port write per byte is an exit under a
 * hypervisor), not counted in the other three.
 */
struct pvops_boot_cost {
	pvops_u64 detect_cycles;
	pvops_u64 init_cycles;
	pvops_u64 patch_cycles;
	pvops_u32 sites;	/* records in .pvops_sites */
	pvops_u32 patched;	/* rewritten: inline, call, NOPs or bare */
	pvops_u32 indirect;	/* left as indirect calls (PVOPS_SITE_KEEP_INDIRECT) */
	pvops_u64 log_cycles;
};
void pvops_get_boot_cost(struct pvops_boot_cost *cost);
/* The TSC rate and its source: pvops_get_tsc_rate(), <pvops/introspect.h>. */


/* The site records, for introspection and tests. */
const struct pvops_site *pvops_sites(unsigned int *count);

/*
 * ABI 1.3: the branches through the ops table left in live text [start,
 * end): call or jmp through a pvops_ops slot, RIP-relative (ff 15 / ff 25)
 * or absolute (ff 14 25 / ff 24 25). After pvops_init() only the sites a
 * benchmark keeps indirect (PVOPS_SITE_KEEP_INDIRECT) should be found; found
 * is told each one (its address and op), may be NULL. Returns how many.
 */
pvops_u32 pvops_text_indirect_scan(const void *start, const void *end,
				   void (*found)(const pvops_u8 *at, pvops_u32 op, void *ctx),
				   void *ctx);

/*
 * ABI 1.3: where the kernel's text is, for pvops_print_patch_report() to
 * scan it with pvops_text_indirect_scan() and say how many branches through
 * the table are left (the kept benchmark sites, and no more). Optional.
 */
void pvops_set_text(const void *start, const void *end);

/* Messages pvops logged before the console op was usable, and since. */
const char *pvops_log_buffer(void);

__PVOPS_END_DECLS
#endif /* PVOPS_PVOPS_H */
