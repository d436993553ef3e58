// SPDX-License-Identifier: MIT
/*
 * What the guest knows of each VMI call (the list in <pvops/vmi-calls.def>)
 * and the rules a ROM's get_reloc() answer for one must meet before it is
 * used (spec/VMI.md section 4): a known type, one the call can take, and an
 * entry and INLINE bytes that lie inside the validated ROM, every bound
 * computed without overflow. Pure checks: tests/fuzz/fuzz_vmi.c runs them
 * on hostile answers.
 */
#include "vmi.h"

#define OPN(op) PVOPS_OP_##op
#define CONV_NORMAL PVOPS_CONV_NORMAL
#define CONV_CALLEE PVOPS_CONV_CALLEE
#define CONV_JUMP PVOPS_CONV_JUMP
#define PVOPS_OP_NONE (-1)
const struct vmi_call_info vmi_calls[VMI_NR_CALLS] = {
#define VMI_CALL(nr_, name_, minor_, kind_, conv_, op_) \
	[nr_] = { .name = #name_, .minor = minor_, .returns = #kind_[0] == 'R', \
		  .conv = CONV_##conv_, .op = OPN(op_) },
#include <pvops/vmi-calls.def>
#undef VMI_CALL
};

/* The rules for one answer; true when it may be used. */
bool vmi_reloc_ok(const struct vmi_rom *rom, unsigned int call, const struct vmi_reloc *r)
{
	const struct vmi_call_info *c = &vmi_calls[call];

	if (r->type > VMI_RELOC_MAX) {
		vmi_reject(rom->pa, "call %u (%s): unknown relocation type %u", call, c->name,
			   r->type);
		return false;
	}
	if (r->type == VMI_RELOC_NONE)
		return true;
	if (r->type == VMI_RELOC_NOP) {
		if (c->returns || c->conv == PVOPS_CONV_JUMP) {
			vmi_reject(rom->pa, "call %u (%s): NOP for a call that %s", call, c->name,
				   c->returns ? "returns a value" : "never returns");
			return false;
		}
		return true;
	}
	if (r->type == VMI_RELOC_JUMP_REL && c->conv != PVOPS_CONV_JUMP) {
		vmi_reject(rom->pa, "call %u (%s): JUMP_REL for a call that returns", call,
			   c->name);
		return false;
	}
	if (r->type == VMI_RELOC_CALL_REL && c->conv == PVOPS_CONV_JUMP) {
		vmi_reject(rom->pa, "call %u (%s): CALL_REL for a call that never returns", call,
			   c->name);
		return false;
	}
	if (r->entry_off < rom->hdr_len || r->entry_off >= rom->size) {
		vmi_reject(rom->pa, "call %u (%s): entry %#x outside the ROM (code lies in %#x..%#x)",
			   call, c->name, r->entry_off, rom->hdr_len, rom->size);
		return false;
	}
	if (r->type != VMI_RELOC_INLINE)
		return true;
	if (!r->len || r->len > VMI_INLINE_MAX) {
		vmi_reject(rom->pa, "call %u (%s): INLINE of %u bytes (1 to %u allowed)", call,
			   c->name, r->len, VMI_INLINE_MAX);
		return false;
	}
	/* Not bytes_off + len > size: a bytes_off near 2^32 wraps that sum to a small one. */
	if (r->bytes_off < rom->hdr_len || r->bytes_off >= rom->size ||
	    r->len > rom->size - r->bytes_off) {
		vmi_reject(rom->pa, "call %u (%s): INLINE bytes at %#x+%u outside the ROM", call,
			   c->name, r->bytes_off, r->len);
		return false;
	}
	return true;
}
