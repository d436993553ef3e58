// SPDX-License-Identifier: MIT
/*
 * The kernel's handler for each vector, read from every IDT it loads:
 * where an event bound to a vector enters (both backends), and what the
 * PV trap table points each exception at.
 */
#include "xen.h"

u64 xen_trap_target[256];

u64 xen_vector_target(u32 vector)
{
	return vector < 256 ? xen_trap_target[vector] : 0;
}

void xen_record_idt(const struct pvops_desc_ptr *dtr)
{
	const struct pvops_idt_gate *g = (const struct pvops_idt_gate *)(uptr)dtr->base;
	u32 n = ((u32)dtr->limit + 1) / sizeof(*g), v;

	for (v = 0; v < 256; v++) {
		u64 off = 0;

		if (v < n && (g[v].type & 0x80))
			off = g[v].off_lo | ((u64)g[v].off_mid << 16) | ((u64)g[v].off_hi << 32);
		xen_trap_target[v] = off;
	}
}
