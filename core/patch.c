// SPDX-License-Identifier: MIT
/*
 * The patch decision for one call site: inline bytes, direct call or NOPs.
 * Pure computation on a byte buffer; core/init.c applies the result.
 */
#include "internal.h"

bool pvops_site_is_indirect(const struct pvops_site *site, const u8 *buf,
			    const void *table)
{
	u64 target = (u64)(uptr)table + 8ULL * site->op;
	s64 rel = (s64)(target - (site->addr + 6));
	s32 disp;

	/* call *disp(%rip) is ff 15; jmp *disp(%rip) is ff 25. */
	u8 modrm = site->conv == PVOPS_CONV_JUMP ? 0x25 : 0x15;

	if (site->len < 6 || buf[0] != 0xff || buf[1] != modrm)
		return false;
	pvops_memcpy(&disp, buf + 2, 4);
	return disp == rel;
}

int pvops_patch_compute(const struct pvops_site *site, const void *fn,
			const struct pvops_backend *be, u8 *buf, const char **why)
{
	const struct pvops_op_info *info;
	u8 tmp[PVOPS_SITE_MAX_LEN];
	s64 rel;
	s32 rel32;

	if (site->op >= PVOPS_NR_OPS) {
		*why = "site names an op number this library does not know";
		return -PVOPS_EINVAL;
	}
	info = &pvops_op_info[site->op];
	if (site->len < PVOPS_SITE_MIN_LEN || site->len > PVOPS_SITE_MAX_LEN) {
		*why = "site length out of range";
		return -PVOPS_EINVAL;
	}
	if (site->conv != info->conv) {
		*why = "site compiled for another calling convention";
		return -PVOPS_EINVAL;
	}
	if (!fn) {
		if (info->conv == PVOPS_CONV_JUMP) {
			*why = "op is jumped to and never returns: it cannot be empty";
			return -PVOPS_EINVAL;
		}
		if (info->kind == PVOPS_KIND_R) {
			*why = "op returns a value but the backend left it empty";
			return -PVOPS_EINVAL;
		}
		pvops_fill_nops(buf, site->len);
		return PVOPS_PATCHED_NOP;
	}
	if (info->patch == PVOPS_PATCH_INLINE && be && be->patch) {
		unsigned int n = be->patch(site->op, fn, tmp, sizeof(tmp));

		if (n > site->len) {
			*why = "backend's inline bytes do not fit the site";
			return -PVOPS_EINVAL;
		}
		if (n) {
			pvops_memcpy(buf, tmp, n);
			pvops_fill_nops(buf + n, site->len - n);
			return PVOPS_PATCHED_INLINE;
		}
	}
	rel = (s64)((u64)(uptr)fn - (site->addr + 5));
	rel32 = (s32)rel;
	if (rel32 != rel) {
		*why = "backend function out of reach of a direct call (rel32)";
		return -PVOPS_EINVAL;
	}
	buf[0] = info->conv == PVOPS_CONV_JUMP ? 0xe9 : 0xe8;	/* jmp or call rel32 */
	pvops_memcpy(buf + 1, &rel32, 4);
	pvops_fill_nops(buf + 5, site->len - 5);
	return PVOPS_PATCHED_CALL;
}

int pvops_patch_bare(const struct pvops_site *site, u8 *buf, const char **why)
{
	const struct pvops_op_info *info;

	if (site->op >= PVOPS_NR_OPS) {
		*why = "site names an op number this library does not know";
		return -PVOPS_EINVAL;
	}
	info = &pvops_op_info[site->op];
	if (info->patch != PVOPS_PATCH_INLINE || info->conv == PVOPS_CONV_JUMP) {
		*why = "a bare site needs an op patched inline (spec/ops.def) that returns";
		return -PVOPS_EINVAL;
	}
	if (site->len < PVOPS_SITE_MIN_LEN || site->len > PVOPS_SITE_MAX_LEN ||
	    info->native_len > site->len) {
		*why = "the native bytes do not fit the site";
		return -PVOPS_EINVAL;
	}
	if (!info->native_len) {
		if (info->kind == PVOPS_KIND_R) {
			*why = "op returns a value but has no native bytes";
			return -PVOPS_EINVAL;
		}
		pvops_fill_nops(buf, site->len);
		return PVOPS_PATCHED_NOP;
	}
	pvops_memcpy(buf, info->native, info->native_len);
	pvops_fill_nops(buf + info->native_len, site->len - info->native_len);
	return PVOPS_PATCHED_INLINE;
}
