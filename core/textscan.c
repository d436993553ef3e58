// SPDX-License-Identifier: MIT
/*
 * The live-text scan (ABI 1.3, pvops_text_indirect_scan): every call or
 * jmp whose target is read from a slot of pvops_ops, in the four encodings
 * a compiler or an assembly stub uses for "through this memory word":
 *	ff 15 disp32		call *disp32(%rip)
 *	ff 25 disp32		jmp  *disp32(%rip)
 *	ff 14 25 abs32		call *abs32	(sign-extended: the top 2 GiB)
 *	ff 24 25 abs32		jmp  *abs32
 * Linux's CVE-2018-15594 was exactly such calls left in paravirt sites. A
 * byte pattern in data or in the middle of another instruction could match
 * too; only one whose target is a slot of the table counts, which random
 * bytes hit with odds of 8 * PVOPS_NR_OPS in 2^32.
 */
#include <pvops/pvops.h>
#include "internal.h"

static s32 get_s32(const u8 *p)
{
	return (s32)((u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24);
}

u32 pvops_text_indirect_scan(const void *start, const void *end,
			     void (*found)(const u8 *at, u32 op, void *ctx), void *ctx)
{
	const u8 *p = start, *stop = end;
	uptr lo = (uptr)&pvops_ops, hi = lo + sizeof(pvops_ops);
	u32 n = 0;

	if (!p || !stop || stop <= p)
		return 0;
	for (; p + 7 <= stop; p++) {
		uptr target;
		u32 len;

		if (p[0] != 0xff)
			continue;
		if (p[1] == 0x15 || p[1] == 0x25) {
			len = 6;
			target = (uptr)(p + len) + (uptr)(s64)get_s32(p + 2);
		} else if ((p[1] == 0x14 || p[1] == 0x24) && p[2] == 0x25) {
			len = 7;
			target = (uptr)(s64)get_s32(p + 3);
		} else {
			continue;
		}
		if (target < lo || target >= hi || (target - lo) % sizeof(void *))
			continue;
		n++;
		if (found)
			found(p, (u32)((target - lo) / sizeof(void *)), ctx);
	}
	return n;
}

/* The kernel's text, when it says where it is: the patch report then scans it. */
static const void *text_start, *text_end;

void pvops_set_text(const void *start, const void *end)
{
	text_start = start;
	text_end = end;
}

/* For the patch report: how many branches through the table the text still holds. */
void pvops_report_text(u32 kept_indirect)
{
	u32 n;

	if (!text_start) {
		pvops_log("pvops: live text not scanned (the kernel gave no pvops_set_text)\n");
		return;
	}
	n = pvops_text_indirect_scan(text_start, text_end, NULL, NULL);
	pvops_log("pvops: live text: %u branches through the ops table in %llu KiB, %u of them "
		  "sites kept indirect on purpose%s\n", n,
		  (u64)((const u8 *)text_end - (const u8 *)text_start) / 1024, kept_indirect,
		  n > kept_indirect ? ": MORE THAN KEPT, an indirect branch was left" : "");
}
