/* SPDX-License-Identifier: MIT */
/*
 * The reference TSC page reader (TLFS "Timers", "Reference TSC Page"):
 * sequence, scale, offset and a TSC read, again while the sequence
 * changes; a sequence of 0 means the page is not valid (older TLFS
 * editions said 0xFFFFFFFF: an error, 0 is what hypervisors write). 0 and
 * *ref (100 ns units), or -1 when invalid. Inline, so that the caller's
 * rdtsc is a direct call (tools/check-indirect); the host tests give it
 * pages they make up and a fake TSC.
 */
#ifndef PVOPS_HV_TSC_PAGE_H
#define PVOPS_HV_TSC_PAGE_H

#include "tlfs.h"

#define HV_TSC_PAGE_RETRIES 1000

static inline __attribute__((always_inline)) int
hv_tsc_page_read(const volatile struct hv_reference_tsc_page *p, u64 (*rdtsc)(void), u64 *ref)
{
	u32 seq, tries = 0;
	u64 scale, tsc;
	s64 offset;

	do {
		if (++tries > HV_TSC_PAGE_RETRIES)
			return -1;	/* never settles: let the caller use the MSR */
		seq = p->tsc_sequence;
		if (!seq)
			return -1;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		scale = p->tsc_scale;
		offset = p->tsc_offset;
		tsc = rdtsc();
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while (p->tsc_sequence != seq);
	*ref = (u64)(((unsigned __int128)tsc * scale) >> 64) + (u64)offset;
	return 0;
}

#endif
