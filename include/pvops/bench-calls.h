/* SPDX-License-Identifier: MIT */
/*
 * Benchmark wrappers: the same call sites as <pvops/calls.h>, with a flag
 * that tells pvops_init() to treat them differently, so that one boot can
 * time every form of an op side by side.
 *
 *	pvops_unpatched_<group>_<name>(...)	the site stays the indirect call
 *		through the table (PVOPS_SITE_KEEP_INDIRECT): what patching saves
 *	pvops_bare_<group>_<name>(...)		the site gets the op's native
 *		bytes from spec/ops.def whatever the backend (PVOPS_SITE_BARE);
 *		only for ops patched inline. The kernel runs it only where the
 *		native instruction is allowed (not in a Xen PV guest, for one)
 *
 * A kernel never needs these outside a benchmark.
 */
#ifndef PVOPS_BENCH_CALLS_H
#define PVOPS_BENCH_CALLS_H

#include <pvops/calls.h>

#define __PVOPS_UNPATCHED(id) ((id) | (PVOPS_SITE_KEEP_INDIRECT << 16))
#define __PVOPS_BARE(id) ((id) | (PVOPS_SITE_BARE << 16))

#define __PVOPS_BARE_INLINE(fname, id, conv, kind, ret, nargs, proto, args) \
	__PVOPS_WRAPPER_##conv(fname, __PVOPS_BARE(id), conv, kind, ret, nargs, proto, args)
#define __PVOPS_BARE_CALL(...)

#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native)	\
	__PVOPS_WRAPPER_##conv(pvops_unpatched_##group##_##name, __PVOPS_UNPATCHED(id),	\
			       conv, kind, ret, nargs, proto, args)			\
	__PVOPS_BARE_##patch(pvops_bare_##group##_##name, id, conv, kind, ret, nargs,	\
			     proto, args)
#include <pvops/ops.def>
#undef PVOPS_OPDEF

#endif /* PVOPS_BENCH_CALLS_H */
