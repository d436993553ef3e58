// SPDX-License-Identifier: MIT
/*
 * Per-op facts, generated from spec/ops.def.
 */
#include <pvops/ops.h>

/* The native column: only the bytes are facts of the op (functions are the native backend's). */
#define PVOPS_FN(fn)
#define PVOPS_EMPTY
#define PVOPS_BYTES(...) __VA_ARGS__
#define __NBYTES(...) (sizeof((u8[]){ 0, ##__VA_ARGS__ }) - 1)

const struct pvops_op_info pvops_op_info[PVOPS_NR_OPS] = {
#define PVOPS_OPDEF(id_, since_, group_, name_, conv_, patch_, kind_, ret_, nargs_, proto_, args_, \
	     native_)							\
	[id_] = {							\
		.group = #group_,					\
		.name = #name_,						\
		.ret = #ret_,						\
		.proto = #proto_,					\
		.conv = PVOPS_CONV_##conv_,				\
		.patch = PVOPS_PATCH_##patch_,				\
		.kind = PVOPS_KIND_##kind_,				\
		.nargs = nargs_,					\
		.native_len = __NBYTES(native_),			\
		.native = { native_ },					\
	},
#include <pvops/ops.def>
#undef PVOPS_OPDEF
};

/* No op is newer than the ABI this library implements. */
#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	_Static_assert((since) <= PVOPS_ABI_MINOR, "ops.def: " #group "." #name		\
		       " is newer than PVOPS_ABI_MINOR");
#include <pvops/ops.def>
#undef PVOPS_OPDEF
