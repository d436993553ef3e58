/* SPDX-License-Identifier: MIT */
/*
 * The op table of spec/ABI.md, generated from spec/ops.def (through
 * pvops_op_info). Used by tools/gen-spec-table and tests/host/test_spec.c.
 */
#ifndef HOST_SPEC_TABLE_H
#define HOST_SPEC_TABLE_H

#include <stdio.h>
#include <string.h>
#include <pvops/ops.h>

static size_t spec_table(char *out, size_t size)
{
	size_t n = 0;
	unsigned int op, i;

#define EMIT(...) (n += (size_t)snprintf(out + n, n < size ? size - n : 0, __VA_ARGS__))
	EMIT("| id | op | signature | convention | patch | native bytes |\n");
	EMIT("|---:|----|-----------|------------|-------|--------------|\n");
	for (op = 0; op < PVOPS_NR_OPS; op++) {
		const struct pvops_op_info *o = &pvops_op_info[op];

		EMIT("| %u | %s.%s | `%s %s` | %s | %s | ", op, o->group, o->name, o->ret,
		     o->proto, o->conv == PVOPS_CONV_CALLEE ? "callee-save" :
		     o->conv == PVOPS_CONV_JUMP ? "jump" : "normal",
		     o->patch == PVOPS_PATCH_INLINE ? "inline" : "call");
		if (!o->native_len)
			EMIT("-");
		for (i = 0; i < o->native_len; i++)
			EMIT(i ? " %02x" : "`%02x", o->native[i]);
		EMIT("%s |\n", o->native_len ? "`" : "");
	}
#undef EMIT
	return n;
}

#endif
