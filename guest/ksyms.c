// SPDX-License-Identifier: MIT
/*
 * The image's own symbol table (.ksyms, made by tools/gen-ksyms from the
 * first link): the text symbol an address falls in, for the exception dump.
 */
#include "kernel.h"

struct ksyms_head {
	u64 count;
	u64 addrs_off, names_off, strs_off;	/* from the head */
};
extern const struct ksyms_head __ksyms;

/* The symbol at or below addr in the kernel's text, or NULL; *off is addr's distance from it. */
const char *ksym_lookup(u64 addr, u64 *off)
{
	const u8 *base = (const u8 *)&__ksyms;
	const u64 *addrs = (const u64 *)(base + __ksyms.addrs_off);
	const u32 *names = (const u32 *)(base + __ksyms.names_off);
	u64 lo = 0, hi = __ksyms.count;

	if (addr < (u64)(uptr)_text_start || addr >= (u64)(uptr)_text_end || !hi || addr < addrs[0])
		return NULL;
	while (hi - lo > 1) {	/* addrs[lo] <= addr < addrs[hi] */
		u64 mid = lo + (hi - lo) / 2;

		if (addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*off = addr - addrs[lo];
	return (const char *)base + __ksyms.strs_off + names[lo];
}
