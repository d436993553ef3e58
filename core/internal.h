/* SPDX-License-Identifier: MIT */
/*
 * Core-internal interfaces. Backends and kernels never include this.
 * The pure functions here are also built into the host unit tests.
 */
#ifndef PVOPS_CORE_INTERNAL_H
#define PVOPS_CORE_INTERNAL_H

#include <pvops/backend.h>
#include <pvops/fmt.h>

/* nops.c: fill len bytes with the recommended multi-byte NOPs. */
void pvops_fill_nops(u8 *buf, unsigned int len);

/* patch.c */
enum pvops_patch_kind {
	PVOPS_PATCHED_INLINE = 1,
	PVOPS_PATCHED_CALL = 2,
	PVOPS_PATCHED_NOP = 3,
};
#define PVOPS_SITE_MIN_LEN 5
#define PVOPS_SITE_MAX_LEN 15

/* Does buf hold the untouched site: call *(table + 8 * op)(%rip)? */
bool pvops_site_is_indirect(const struct pvops_site *site, const u8 *buf,
			    const void *table);
/*
 * Compute the new bytes of one site into buf (site->len bytes) from the
 * op's slot fn and the backend's patch hook. Returns a PVOPS_PATCHED_*
 * kind, or a negative PVOPS_E* code with *why set to the reason.
 */
int pvops_patch_compute(const struct pvops_site *site, const void *fn,
			const struct pvops_backend *be, u8 *buf, const char **why);
/*
 * The bytes of a PVOPS_SITE_BARE site: the op's native instruction bytes
 * from spec/ops.def (NOPs for a void op whose native form is empty),
 * whatever the backend. Returns PVOPS_PATCHED_INLINE or _NOP, or a
 * negative PVOPS_E* code with *why set (the op has no native bytes).
 */
int pvops_patch_bare(const struct pvops_site *site, u8 *buf, const char **why);

/* init.c: the backend in use (NULL before pvops_init selected one). */
const struct pvops_backend *pvops_cur_backend(void);

/* introspect.c: the backend's features, one line, after its init. */
void pvops_log_features(const struct pvops_backend *be);

/* table.c: the function an empty op's slot holds after patching (a ret). */
extern const char pvops_empty_op[];

/* select.c: is the backend called name the one wanted (want, or its family: want-*)? */
bool pvops_backend_name_matches(const char *name, const char *want);
/* select.c: the backend for this boot (NULL only when native is missing). */
const struct pvops_backend *pvops_select_backend(const struct pvops_backend *const *list,
						 unsigned int n, const char *cmdline);
const struct pvops_backend *pvops_find_backend(const struct pvops_backend *const *list,
					       unsigned int n, const char *name);

/* log.c */
void pvops_log_flush_to_console(void);

/* cmdline.c: find key=value in a command line. */
/* textscan.c: the patch report's scan of the kernel's text (pvops_set_text). */
void pvops_report_text(u32 kept_indirect);

/* step.c: what pvops_init is doing (pvops_init_step); NULL what = done. */
void pvops_step(const char *what, const char *backend);
void pvops_step_site(const struct pvops_site *site, u32 index, u32 count);

bool pvops_cmdline_find(const char *cmdline, const char *key, const char **val,
			u32 *len);

/* Read the hypervisor leaves again on the next detect (cpuid.c; for tests). */
void pvops_cpuid_forget(void);

/* After the backend's init: say the TSC rate and its source (tsc_rate.c). */
void pvops_tsc_rate_say(void);
/* pvops=NAME names the backend detect is asked of (select.c). */
void pvops_detect_forcing(bool forced);

/* Keep pvops_log's lines from the console until released (log.c). */
void pvops_log_hold(bool hold);

/* The per-CPU slot (percpu.c): take env's offer, load a started CPU's base, patch the sites. */
void pvops_percpu_init(const struct pvops_env *env);
void pvops_percpu_load_base(u64 base);
u32 pvops_percpu_patch(void);

/* Bind the kernel's address services' stubs to env's functions (envcall.c, envstub.S). */
void pvops_env_bind(const struct pvops_env *env);
extern void *pvops_env_services[3];
/* env->cpu_id as bound (envstub.S): call only when pvops_env_services[2] is set. */
u32 pvops_env_cpu_id(void);

#endif
