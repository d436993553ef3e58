/* SPDX-License-Identifier: MIT */
/*
 * Native functions for the ops that have bare instruction bytes in
 * spec/ops.def: each is exactly those bytes followed by ret, so the
 * function and the inline patch can never disagree. Generated from the
 * list; the hand-written native functions are in msr.S.
 */
#include <pvops/asm.h>

#define PVOPS_FN(fn)
#define PVOPS_EMPTY
#define PVOPS_BYTES(...) __VA_ARGS__

#define STUB_CALL(group, name, ...)
#define STUB_INLINE(group, name, ...)				\
	.globl native_stub_##group##_##name;				\
	.type native_stub_##group##_##name, @function;			\
native_stub_##group##_##name:						\
	PVOPS_ENDBR;							\
	.byte __VA_ARGS__;						\
	ret;								\
	.size native_stub_##group##_##name, .-native_stub_##group##_##name;

#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	STUB_##patch(group, name, native)

	.text
#include <pvops/ops.def>
#undef PVOPS_OPDEF

	.section .note.GNU-stack, "", @progbits
