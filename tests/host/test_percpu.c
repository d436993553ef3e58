// SPDX-License-Identifier: MIT
/*
 * The per-CPU slot (core/percpu.c, ABI 1.4): the kernel's offer taken or
 * refused in one line, and a per-CPU load site rewritten to one
 * segment-relative load and a jump past the fallback, a site that is not
 * the fallback's left alone and said.
 */
#include "tap.h"
#include "internal.h"

#include "logged.h"

struct pvops_ops pvops_ops;
u64 __pvops_percpu_sites_start[2];
__asm__(".globl __pvops_percpu_sites_end\n.set __pvops_percpu_sites_end, __pvops_percpu_sites_start + 16");

static u8 fallback[PVOPS_PERCPU_SITE_LEN], other[PVOPS_PERCPU_SITE_LEN];

static void offer(u32 seg, u32 off)
{
	struct pvops_env env = { .percpu_seg = seg, .percpu_offset = off };

	logged[0] = 0;
	pvops_percpu_init(&env);
}

static void sites(void)
{
	static const u8 lea[] = { 0x48, 0x8d, 0x05, 0x10, 0x20, 0x30, 0x40 };	/* leaq x(%rip), %rax */

	memset(fallback, 0x90, sizeof(fallback));
	memcpy(fallback, lea, sizeof(lea));
	memset(other, 0xcc, sizeof(other));
	__pvops_percpu_sites_start[0] = (u64)(uptr)fallback;
	__pvops_percpu_sites_start[1] = (u64)(uptr)other;
}

int main(void)
{
	static const u8 gs_load[] = { 0x65, 0x48, 0x8b, 0x04, 0x25, 0x08, 0, 0, 0, 0xeb,
				      PVOPS_PERCPU_SITE_LEN - 11 };
	u32 n;

	offer(PVOPS_PERCPU_NONE, 0);
	OK(!pvops_percpu_seg_in_use && !logged[0], "no offer: no slot, nothing said");
	sites();
	OK(pvops_percpu_patch() == 0 && fallback[0] == 0x48,
	   "no slot: the sites keep their fallback");

	offer(PVOPS_PERCPU_GS, 8);
	OK(pvops_percpu_seg_in_use == PVOPS_PERCPU_GS && pvops_percpu_off == 8 && !logged[0],
	   "%%gs:8: taken");
	n = pvops_percpu_patch();
	OK(n == 1 && !memcmp(fallback, gs_load, sizeof(gs_load)),
	   "a fallback site becomes mov %%gs:8, %%rax and a jump past the rest (%u)", n);
	OK(other[0] == 0xcc && strstr(logged, "is not the fallback sequence: left"),
	   "a site that is not the fallback is left alone and said (%s)", logged);

	offer(PVOPS_PERCPU_FS, 0x40);
	sites();
	pvops_percpu_patch();
	OK(pvops_percpu_seg_in_use == PVOPS_PERCPU_FS && fallback[0] == 0x64 && fallback[5] == 0x40,
	   "%%fs:0x40: the load takes the fs prefix");

	offer(PVOPS_PERCPU_GS, 12);
	OK(!pvops_percpu_seg_in_use && strstr(logged, "not usable"),
	   "an offset not 8-byte aligned: refused in one line (%s)", logged);
	offer(3, 0);
	OK(!pvops_percpu_seg_in_use && strstr(logged, "not usable"), "segment 3: refused");
	offer(PVOPS_PERCPU_GS, 0x80000000U);
	OK(!pvops_percpu_seg_in_use && strstr(logged, "not usable"), "an offset of 2 GiB: refused");
	return tap_done();
}
