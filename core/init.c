// SPDX-License-Identifier: MIT
/*
 * pvops_init(): detect, select, fill, check, patch.
 */
#include <pvops/pvops.h>
#include <pvops/backend.h>
#include "internal.h"

extern const struct pvops_backend *const __pvops_backends_start[];
extern const struct pvops_backend *const __pvops_backends_end[];
extern const struct pvops_site __pvops_sites_start[], __pvops_sites_end[];

static const struct pvops_env *cur_env;
static const struct pvops_backend *cur_backend;
static struct pvops_op_stats stats[PVOPS_NR_OPS];
static struct pvops_ops native_tbl;	/* what native would put in each slot */
static struct pvops_boot_cost boot_cost;

/* <pvops/entry.h> passes these numbers from assembly (PVOPS_ENTRY_ID_*). */
_Static_assert(PVOPS_ENTRY_PVH == 1 && PVOPS_ENTRY_MULTIBOOT2 == 2 && PVOPS_ENTRY_XEN_PV == 3 &&
	       PVOPS_ENTRY_MULTIBOOT1 == 4, "the entry stubs' numbers");

/* The TSC, ordered after what came before (rdtsc is not privileged). */
static u64 cycles(void)
{
	u32 lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

void pvops_get_boot_cost(struct pvops_boot_cost *cost)
{
	*cost = boot_cost;
}

const struct pvops_env *pvops_cur_env(void)
{
	return cur_env;
}

u64 pvops_env_pa(const void *va)
{
	return pvops_env_virt_to_phys(va);	/* bound to cur_env's (envcall.c) */
}

bool pvops_cmdline_flag(const char *key, const char **val, u32 *len)
{
	const struct pvops_env *env = pvops_cur_env();

	return env && pvops_cmdline_find(env->cmdline, key, val, len);
}

/* The backend in use (core-internal: core/smp.c). */
const struct pvops_backend *pvops_cur_backend(void)
{
	return cur_backend;
}

const char *pvops_backend_name(void)
{
	return cur_backend ? cur_backend->name : "none";
}

bool pvops_backend_is(const char *name)
{
	return cur_backend && pvops_backend_name_matches(cur_backend->name, name);
}

/* What this boot has beyond the descriptor's caps (pvops_backend_caps_add). */
static u32 caps_added;

void pvops_backend_caps_add(u32 caps)
{
	caps_added |= caps;
}

u32 pvops_backend_caps(void)
{
	return cur_backend ? cur_backend->caps | caps_added : 0;
}

const struct pvops_site *pvops_sites(unsigned int *count)
{
	*count = (unsigned int)(__pvops_sites_end - __pvops_sites_start);
	return __pvops_sites_start;
}

/* Who implements op: "native" (the native function), "empty", or the backend. */
static const char *op_impl(unsigned int op)
{
	const void *fn = ((const void *const *)&pvops_ops)[op];

	if (!fn || fn == pvops_empty_op)
		return "empty";
	if (fn == ((const void *const *)&native_tbl)[op])
		return "native";
	return pvops_backend_name();
}

void pvops_get_op_stats(unsigned int op, struct pvops_op_stats *st)
{
	if (op < PVOPS_NR_OPS) {
		*st = stats[op];
		st->impl = cur_backend ? op_impl(op) : "none";
	} else {
		pvops_memset(st, 0, sizeof(*st));
		st->impl = "none";
	}
}

/* Stop the machine: nothing sane can run on a half-patched kernel. */
static void __attribute__((noreturn)) fatal(void)
{
	pvops_log_hold(false);	/* every line kept so far goes out first */
	pvops_log("pvops: boot stopped\n");
	if (pvops_ops.power_shutdown)
		pvops_ops.power_shutdown(3);
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* Let be fill the table; check it. Returns 0 when the table is usable. */
static int fill_table(const struct pvops_backend *be)
{
	unsigned int op;
	int ret;

	pvops_memset(&pvops_ops, 0, sizeof(pvops_ops));
	caps_added = 0;
	pvops_step("init", be->name);
	ret = be->init(&pvops_ops, cur_env);
	if (ret) {
		pvops_log("pvops: backend %s: init failed (error %d)\n", be->name, ret);
		return ret;
	}
	pvops_native_fill(&native_tbl);
	for (op = 0; op < PVOPS_NR_OPS; op++) {
		const void **slot = (const void **)&pvops_ops + op;

		/* An op newer than the backend: its generic (native) form. */
		if (pvops_op_minor(op) > be->abi_minor)
			*slot = ((const void *const *)&native_tbl)[op];

		if (!*slot && (pvops_op_info[op].kind == PVOPS_KIND_R ||
			       pvops_op_info[op].conv == PVOPS_CONV_JUMP)) {
			pvops_log("pvops: backend %s: op %s.%s may not be empty\n",
				  be->name, pvops_op_info[op].group, pvops_op_info[op].name);
			return -PVOPS_EINVAL;
		}
	}
	return 0;
}

static void patch_all(void)
{
	const struct pvops_site *s;
	unsigned int op;

	pvops_memset(stats, 0, sizeof(stats));
	pvops_memset(&boot_cost, 0, sizeof(boot_cost));
	for (s = __pvops_sites_start; s < __pvops_sites_end; s++) {
		u8 *site = (u8 *)(uptr)s->addr;
		const void *fn;
		const char *why = "";
		const char *opname = s->op < PVOPS_NR_OPS ? pvops_op_info[s->op].name : "?";
		u8 buf[PVOPS_SITE_MAX_LEN];
		int kind;

		pvops_step_site(s, (u32)(s - __pvops_sites_start),
				(u32)(__pvops_sites_end - __pvops_sites_start));
		if (s->op >= PVOPS_NR_OPS || !pvops_site_is_indirect(s, site, &pvops_ops)) {
			pvops_log("pvops: site %p (op %s) is not an unpatched call site\n",
				  site, opname);
			fatal();
		}
		if (s->flags & PVOPS_SITE_KEEP_INDIRECT) {
			stats[s->op].indirect++;
			boot_cost.indirect++;
			continue;
		}
		boot_cost.patched++;
		if (s->flags & PVOPS_SITE_BARE) {
			kind = pvops_patch_bare(s, buf, &why);
			if (kind < 0) {
				pvops_log("pvops: cannot give site %p of op %s.%s its native bytes: %s\n",
					  site, pvops_op_info[s->op].group, opname, why);
				fatal();
			}
			pvops_memcpy(site, buf, s->len);
			stats[s->op].bare++;
			continue;
		}
		fn = ((const void *const *)&pvops_ops)[s->op];
		kind = pvops_patch_compute(s, fn, cur_backend, buf, &why);
		if (kind < 0) {
			pvops_log("pvops: cannot patch site %p of op %s.%s: %s\n", site,
				  pvops_op_info[s->op].group, opname, why);
			fatal();
		}
		pvops_memcpy(site, buf, s->len);
		if (kind == PVOPS_PATCHED_INLINE)
			stats[s->op].inlined++;
		else if (kind == PVOPS_PATCHED_CALL)
			stats[s->op].called++;
		else
			stats[s->op].nopped++;
	}
	/* Empty ops' sites are NOPs now; what still reads the slot gets a ret. */
	for (op = 0; op < PVOPS_NR_OPS; op++) {
		const void **slot = (const void **)&pvops_ops + op;

		if (!*slot)
			*slot = pvops_empty_op;
	}
}

static bool early_done, late_done;

/* The boot cost in guest microseconds, by the TSC rate just decided (tools/pvmatrix reads it). */
static void say_boot_time(void)
{
	struct pvops_tsc_rate rate;
	u64 c = boot_cost.detect_cycles + boot_cost.init_cycles + boot_cost.patch_cycles;

	pvops_get_tsc_rate(&rate);
	if (!rate.tsc_khz)
		return;
	pvops_log("pvops: pvops_init took %llu us: detect %llu, init %llu, patch %llu "
		  "(%u sites, %llu cycles a site); the boot log another %llu us\n",
		  c * 1000 / rate.tsc_khz, boot_cost.detect_cycles * 1000 / rate.tsc_khz,
		  boot_cost.init_cycles * 1000 / rate.tsc_khz,
		  boot_cost.patch_cycles * 1000 / rate.tsc_khz, boot_cost.patched,
		  boot_cost.patched ? boot_cost.patch_cycles / boot_cost.patched : 0,
		  boot_cost.log_cycles * 1000 / rate.tsc_khz);
}

/* The backends linked in (section .pvops_backends). */
#define nr_backends ((unsigned int)(__pvops_backends_end - __pvops_backends_start))

static const struct pvops_backend *native_backend(void)
{
	return pvops_find_backend(__pvops_backends_start, nr_backends, "native");
}

/*
 * Stage one (ABI 1.3): everything but what needs the kernel's VM — detect,
 * select, the backend's init (per-CPU areas of the boot CPU from the
 * library's pool, pvops_alloc_page), patching. Of env it reads the command
 * line, the entry, entry_info, virt_to_phys and phys_to_virt; map_mmio,
 * alloc_page, cpu_id and trampoline_pa may be NULL/0 until stage two.
 */
int pvops_init_early(const struct pvops_env *env)
{
	const struct pvops_backend *be;
	struct pvops_cpuid_regs r;
	u64 t0, t1, t2, t3;
	u32 percpu_sites;

	if (early_done) {
		pvops_log("pvops: pvops_init or pvops_init_early called twice; sites are patched "
			  "once\n");
		return -PVOPS_EINVAL;
	}
	early_done = true;
	cur_env = env;
	pvops_env_bind(env);
	pvops_log_hold(true);
	pvops_percpu_init(env);
	pvops_native_acpi_note_boot(env);
	t0 = cycles();
	be = pvops_select_backend(__pvops_backends_start, nr_backends, env->cmdline);
	if (!be) {	/* said by the selection when native is there but cannot run */
		if (!native_backend())
			pvops_log("pvops: the native backend is not linked in\n");
		fatal();
	}
	t1 = cycles();
	if (fill_table(be)) {
		be = native_backend();
		pvops_log("pvops: falling back to native\n");
		if (fill_table(be))
			fatal();
	}
	cur_backend = be;
	t2 = cycles();
	pvops_log_hold(false);
	pvops_log_flush_to_console();
	if (pvops_ops.irq_save_fl.fn && (pvops_irq_save_fl() & 0x200)) {
		pvops_log("pvops: interrupts are enabled in pvops_init; they must be off\n");
		fatal();
	}
	pvops_log("pvops: backend=%s abi=%u.%u\n", be->name, be->abi_major, be->abi_minor);
	pvops_log_features(be);
	pvops_tsc_rate_say();
	t3 = cycles();
	patch_all();
	percpu_sites = pvops_percpu_patch();
	/* Serialise after modifying code (CPUID is a serialising instruction). */
	pvops_cpu_cpuid(0, 0, &r);
	boot_cost.patch_cycles = cycles() - t3;
	boot_cost.detect_cycles = t1 - t0;
	boot_cost.init_cycles = t2 - t1;
	boot_cost.log_cycles = t3 - t2;
	boot_cost.sites = (u32)(__pvops_sites_end - __pvops_sites_start);
	pvops_step(NULL, NULL);
	say_boot_time();
	if (pvops_percpu_seg_in_use)	/* an offer not taken was said by pvops_percpu_init */
		pvops_log("pvops: per-CPU slot at %%%s:%#llx; %u load sites made one load\n",
			  pvops_percpu_seg_in_use == PVOPS_PERCPU_FS ? "fs" : "gs", pvops_percpu_off,
			  percpu_sites);
	return 0;
}

/*
 * Stage two: the services that need the kernel's VM (map_mmio, alloc_page)
 * and its CPUs (cpu_id, trampoline_pa). From here on pvops uses env; the
 * early one is no longer read.
 */
int pvops_init_late(const struct pvops_env *env)
{
	if (!early_done) {
		pvops_log("pvops: pvops_init_late before pvops_init_early\n");
		return -PVOPS_EINVAL;
	}
	if (late_done) {
		pvops_log("pvops: pvops_init_late called twice\n");
		return -PVOPS_EINVAL;
	}
	late_done = true;
	cur_env = env;
	if (env) {
		struct pvops_cpuid_regs r;

		pvops_env_bind(env);
		pvops_cpu_cpuid(0, 0, &r);	/* serialise after rewriting the stubs */
	}
	return 0;
}

int pvops_init(const struct pvops_env *env)
{
	int rc = pvops_init_early(env);

	return rc ? rc : pvops_init_late(env);
}

void pvops_print_patch_report(void)
{
	unsigned int op, n, total = 0, inl = 0, call = 0, nop = 0, ind = 0, bare = 0;
	char extra[40];

	pvops_sites(&n);
	pvops_log("pvops: patch report: %u sites (backend %s)\n", n, pvops_backend_name());
	for (op = 0; op < PVOPS_NR_OPS; op++) {
		const struct pvops_op_stats *st = &stats[op];
		u32 sum = st->inlined + st->called + st->nopped + st->indirect + st->bare;

		if (!sum)
			continue;
		/* Benchmark sites, where there are any: kept indirect, given the bare bytes. */
		extra[0] = '\0';
		if (st->indirect || st->bare)
			pvops_snprintf(extra, sizeof(extra), " indirect=%u bare=%u", st->indirect,
				       st->bare);
		pvops_log("pvops:   %-8s %-18s %-7s sites=%-3u inline=%-3u call=%-3u nop=%-3u%s\n",
			  pvops_op_info[op].group, pvops_op_info[op].name, op_impl(op), sum,
			  st->inlined, st->called, st->nopped, extra);
		total += sum;
		inl += st->inlined;
		call += st->called;
		nop += st->nopped;
		ind += st->indirect;
		bare += st->bare;
	}
	pvops_log("pvops: patched %u sites: %u inline, %u call, %u nop, %u indirect, %u bare\n",
		  total, inl, call, nop, ind, bare);
	pvops_report_text(ind);
}
