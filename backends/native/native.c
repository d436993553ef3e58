// SPDX-License-Identifier: MIT
/*
 * The native backend: bare metal and full (hardware) virtualization.
 * Every op is the real instruction; the ops with bytes in spec/ops.def
 * are patched inline, so a patched kernel runs the bare instructions.
 */
#include <pvops/backend.h>
#include <pvops/fmt.h>
#include "native.h"

/* The stubs generated in stubs.S from the same bytes. */
#define PVOPS_FN(fn)
#define PVOPS_EMPTY
#define PVOPS_BYTES(...) __VA_ARGS__
#define DECL_CALL(group, name)
#define DECL_INLINE(group, name) extern const char native_stub_##group##_##name[];
#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	DECL_##patch(group, name)
#include <pvops/ops.def>
#undef PVOPS_OPDEF

static const void *const stub_of[PVOPS_NR_OPS] = {
#define STUB_CALL(id, group, name)
#define STUB_INLINE(id, group, name) [id] = native_stub_##group##_##name,
#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	STUB_##patch(id, group, name)
#include <pvops/ops.def>
#undef PVOPS_OPDEF
};

static u32 native_detect(void)
{
	const struct pvops_env *env = pvops_cur_env();

	/* A Xen PV guest runs deprivileged on Xen's page tables: never native. */
	if (env && env->entry == PVOPS_ENTRY_XEN_PV)
		return 0;
	return 1;	/* always possible otherwise, lowest priority */
}

#define SET_NORMAL(slot, fn) ops->slot = (void *)(fn)
#define SET_CALLEE(slot, fn) ops->slot = PVOPS_CALLEE(fn)
#define SET_JUMP(slot, fn) ops->slot = PVOPS_JUMP(fn)

/*
 * The whole table from ops.def's native column: an op with bytes runs its
 * stub until it is patched, an op with a function gets that function, an
 * empty op NULL (page-table pages need no announcement, lazy mode no
 * queue, and nobody sleeps in lock.wait natively).
 */
#undef PVOPS_FN
#undef PVOPS_EMPTY
#undef PVOPS_BYTES
#define PVOPS_BYTES(...) (STUB, _)
#define PVOPS_FN(fn) (FN, fn)
#define PVOPS_EMPTY (EMPTY, _)
#define FILL_STUB(conv, group, name, fn) SET_##conv(group##_##name, native_stub_##group##_##name);
#define FILL_FN(conv, group, name, fn) SET_##conv(group##_##name, fn);
#define FILL_EMPTY(conv, group, name, fn) ops->group##_##name = NULL;
#define FILL(conv, group, name, how, fn) FILL_##how(conv, group, name, fn)
#define FILL_EXPAND(m, ...) m(__VA_ARGS__)
#define FILL_UNPACK(...) __VA_ARGS__

int pvops_native_fill(struct pvops_ops *ops)
{
#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	FILL_EXPAND(FILL, conv, group, name, FILL_UNPACK native)
#include <pvops/ops.def>
#undef PVOPS_OPDEF
	return 0;
}

/*
 * The ops table itself, and what it holds before pvops_init() (ABI 1.3):
 * the native implementation of every op, as Linux's pv_ops starts out, so
 * that an op called before init on a native or hardware-virtualized boot
 * does the native thing (an empty op: a ret). A Xen PV entry replaces what
 * Xen needs before the kernel's first instruction (backends/xen/pv/early.c).
 * pvops_init() refills it for the backend chosen, then it is read-only.
 */
extern const char pvops_empty_op[];	/* core/table.c: a bare ret */
#define INIT_NORMAL(ret, proto, slot, sym) .slot = (ret(*)proto)(const void *)(sym),
#define INIT_CALLEE(ret, proto, slot, sym) .slot = { .fn = (const void *)(sym) },
#define INIT_JUMP(ret, proto, slot, sym) .slot = { .fn = (const void *)(sym) },
#define INIT_STUB(conv, ret, proto, group, name, fn) \
	INIT_##conv(ret, proto, group##_##name, native_stub_##group##_##name)
#define INIT_FN(conv, ret, proto, group, name, fn) INIT_##conv(ret, proto, group##_##name, fn)
#define INIT_EMPTY(conv, ret, proto, group, name, fn) \
	INIT_##conv(ret, proto, group##_##name, pvops_empty_op)
#define INIT(conv, ret, proto, group, name, how, fn) INIT_##how(conv, ret, proto, group, name, fn)

struct pvops_ops pvops_ops __attribute__((section(".pvops_ro_after_init"), aligned(4096))) = {
#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	FILL_EXPAND(INIT, conv, ret, proto, group, name, FILL_UNPACK native)
#include <pvops/ops.def>
#undef PVOPS_OPDEF
};

void pvops_native_serial_init(void)
{
	native_serial_init();
}

void pvops_native_time_init(void)
{
	native_time_init(0, 0, NULL);
}

void pvops_native_time_init_rates(u64 tsc_khz, u64 apic_bus_khz, const char *source)
{
	native_time_init(tsc_khz, apic_bus_khz, source);
}

static int native_init(struct pvops_ops *ops, const struct pvops_env *env)
{
	(void)env;
	pvops_native_fill(ops);
	native_serial_init();
	native_time_init(0, 0, NULL);
	return 0;
}

/* Inline exactly the bytes the stub executes, when the slot is the stub. */
unsigned int pvops_native_patch(unsigned int op, const void *fn, u8 *buf, unsigned int max)
{
	const struct pvops_op_info *info = &pvops_op_info[op];

	if (op >= PVOPS_NR_OPS || fn != stub_of[op] || !info->native_len ||
	    info->native_len > max)
		return 0;
	pvops_memcpy(buf, info->native, info->native_len);
	return info->native_len;
}

static const struct pvops_backend native_backend = {
	.name = "native",
	.abi_major = PVOPS_ABI_MAJOR,
	.abi_minor = PVOPS_ABI_MINOR,
	.caps = PVOPS_CAP_LARGE_PAGES | PVOPS_CAP_WRITABLE_PT | PVOPS_CAP_PRIVILEGED,
	.detect = native_detect,
	.init = native_init,
	.patch = pvops_native_patch,
};
PVOPS_BACKEND(native_backend);
