// SPDX-License-Identifier: MIT
/*
 * The per-CPU slot (ABI 1.4, spec/ABI.md 3.13): one pointer in the
 * kernel's own per-CPU area, at env->percpu_offset from the base of %gs
 * (or %fs), which the kernel loads on each CPU. A backend keeps its
 * per-CPU state's address there (pvops_percpu_set), so that finding "this
 * CPU's state" is one load, not a call to the kernel's cpu_id through a
 * pointer. Assembly hot paths carry a PVOPS_PERCPU_LOAD site, 21 bytes of
 * the fallback; init rewrites each to the load and a jump past the rest.
 */
#include <pvops/pvops.h>
#include <pvops/backend.h>
#include "internal.h"

#define MSR_FS_BASE 0xc0000100U
#define MSR_GS_BASE 0xc0000101U

u8 pvops_percpu_seg_in_use;	/* PVOPS_PERCPU_GS/FS once init has checked the offer */
u64 pvops_percpu_off;

extern const u64 __pvops_percpu_sites_start[], __pvops_percpu_sites_end[];

/* Take the kernel's offer, or say why not. */
void pvops_percpu_init(const struct pvops_env *env)
{
	pvops_percpu_seg_in_use = 0;
	if (!env->percpu_seg)
		return;
	if (env->percpu_seg > PVOPS_PERCPU_FS || (env->percpu_offset & 7) ||
	    env->percpu_offset > 0x7ffffff8U) {
		pvops_log("pvops: per-CPU slot %u:%#x not usable (segment 1 or 2, an 8-byte-aligned "
			  "offset below 2 GiB): this CPU by cpu_id\n", env->percpu_seg,
			  env->percpu_offset);
		return;
	}
	pvops_percpu_off = env->percpu_offset;
	pvops_percpu_seg_in_use = (u8)env->percpu_seg;
}

void pvops_percpu_set(void *p)
{
	if (pvops_percpu_seg_in_use == PVOPS_PERCPU_GS)
		__asm__ volatile("movq %0, %%gs:(%1)" : : "r"(p), "r"(pvops_percpu_off) : "memory");
	else if (pvops_percpu_seg_in_use == PVOPS_PERCPU_FS)
		__asm__ volatile("movq %0, %%fs:(%1)" : : "r"(p), "r"(pvops_percpu_off) : "memory");
}

/* A started CPU: the base the kernel chose for it, before anything reads the slot. */
void pvops_percpu_load_base(u64 base)
{
	if (!base || !pvops_percpu_seg_in_use)
		return;
	pvops_cpu_write_msr(pvops_percpu_seg_in_use == PVOPS_PERCPU_GS ? MSR_GS_BASE : MSR_FS_BASE,
			    base);
}

/*
 * Each PVOPS_PERCPU_LOAD site: "mov %gs:off, %rax" (9 bytes), then a jump
 * past the rest of its 21 bytes. A site whose bytes are not the fallback's
 * is left alone and said. Returns the sites rewritten.
 */
u32 pvops_percpu_patch(void)
{
	const u64 *s;
	u32 n = 0;

	if (!pvops_percpu_seg_in_use)
		return 0;
	for (s = __pvops_percpu_sites_start; s < __pvops_percpu_sites_end; s++) {
		u8 *p = (u8 *)(uptr)*s;
		u32 off = (u32)pvops_percpu_off;

		if (p[0] != 0x48 || p[1] != 0x8d || p[2] != 0x05) {	/* lea disp(%rip), %rax */
			pvops_log("pvops: per-CPU site %p is not the fallback sequence: left\n", p);
			continue;
		}
		p[0] = pvops_percpu_seg_in_use == PVOPS_PERCPU_GS ? 0x65 : 0x64;
		p[1] = 0x48;
		p[2] = 0x8b;	/* mov disp32, %rax (no base, no index) */
		p[3] = 0x04;
		p[4] = 0x25;
		pvops_memcpy(p + 5, &off, 4);
		p[9] = 0xeb;	/* jmp past the fallback */
		p[10] = PVOPS_PERCPU_SITE_LEN - 11;
		n++;
	}
	return n;
}
