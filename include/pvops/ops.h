/* SPDX-License-Identifier: MIT */
/*
 * The ops table and its metadata, derived from spec/ops.def.
 */
#ifndef PVOPS_OPS_H
#define PVOPS_OPS_H

#include <pvops/types.h>

__PVOPS_BEGIN_DECLS

#define PVOPS_ABI_MAJOR 1
#define PVOPS_ABI_MINOR 4

/*
 * The ABI minor version that introduced op id (spec/ops.def's second
 * column): a backend whose abi_minor is older gets that op's generic
 * (native) implementation. An id past the list: ~0.
 */
static inline unsigned int pvops_op_minor(unsigned int op)
{
	switch (op) {
#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	case id:							\
		return since;
#include <pvops/ops.def>
#undef PVOPS_OPDEF
	}
	return ~0U;
}

/* Capabilities a backend reports in pvops_backend.caps. */
#define PVOPS_CAP_LARGE_PAGES	0x1	/* 2 MiB/1 GiB mappings allowed */
#define PVOPS_CAP_WRITABLE_PT	0x2	/* page-table pages may stay writable */
/*
 * The kernel runs at CPL 0 and owns the machine state: CR0, the GDT, IDT
 * and task register, the local APIC. Not under Xen PV (ring 3; Xen owns
 * them and shows its own through sgdt/sidt/str).
 */
#define PVOPS_CAP_PRIVILEGED	0x4
/*
 * ABI 1.4: no legacy device answers at its port (8259 PIC, 8254 PIT,
 * RTC/CMOS, 16550 serial, ACPI PM timer, PCI configuration ports): port
 * I/O does not fault, but a read is all-ones and a write goes nowhere,
 * but on ports the toolstack granted (a Xen PV domU, spec/ABI.md section
 * 8). A "no" so that a backend older than 1.4, which does not set it,
 * keeps meaning what it meant: the devices may be there.
 */
#define PVOPS_CAP_NO_LEGACY_IO	0x8

/* Calling conventions (pvops_site.conv, pvops_op_info.conv). */
#define PVOPS_CONV_NORMAL 0
#define PVOPS_CONV_CALLEE 1
#define PVOPS_CONV_JUMP 2
/* Patch policy (pvops_op_info.patch). */
#define PVOPS_PATCH_CALL 0
#define PVOPS_PATCH_INLINE 1
/* Return kinds. */
#define PVOPS_KIND_V 0
#define PVOPS_KIND_R 1

/*
 * A slot whose op uses the callee-save convention holds a pvops_callee:
 * only functions written to that convention (assembly, or a C function
 * wrapped by PVOPS_CALLEE_THUNK) can go there.
 */
struct pvops_callee {
	const void *fn;
};
#define PVOPS_CALLEE(sym) ((struct pvops_callee){ .fn = (const void *)(sym) })

/* A slot whose op is jumped to (convention JUMP) holds a pvops_jump. */
struct pvops_jump {
	const void *fn;
};
#define PVOPS_JUMP(sym) ((struct pvops_jump){ .fn = (const void *)(sym) })

#define __PVOPS_SLOT_TYPE_NORMAL(name, ret, proto) ret(*name)proto
#define __PVOPS_SLOT_TYPE_CALLEE(name, ret, proto) struct pvops_callee name
#define __PVOPS_SLOT_TYPE_JUMP(name, ret, proto) struct pvops_jump name

/* Op numbers: PVOPS_OP_<group>_<name>. */
enum pvops_op_id {
#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	PVOPS_OP_##group##_##name = id,
#include <pvops/ops.def>
#undef PVOPS_OPDEF
	PVOPS_NR_OPS
};

/* The ops table: one slot per op, in id order, 8 bytes each. */
struct pvops_ops {
#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	__PVOPS_SLOT_TYPE_##conv(group##_##name, ret, proto);
#include <pvops/ops.def>
#undef PVOPS_OPDEF
};

#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	__PVOPS_STATIC_ASSERT(__builtin_offsetof(struct pvops_ops, group##_##name) == (id) * 8, \
		       "ops.def: ids must be dense and in order (" #group "." #name ")");
#include <pvops/ops.def>
#undef PVOPS_OPDEF
__PVOPS_STATIC_ASSERT(sizeof(struct pvops_ops) == PVOPS_NR_OPS * 8, "ops table layout");

/* The live table. Read-only once pvops_init() has patched the sites. */
extern struct pvops_ops pvops_ops;

/* Per-op facts from spec/ops.def. */
struct pvops_op_info {
	const char *group;
	const char *name;
	const char *ret;
	const char *proto;
	pvops_u8 conv;
	pvops_u8 patch;
	pvops_u8 kind;
	pvops_u8 nargs;
	pvops_u8 native_len;
	pvops_u8 native[15];
};
extern const struct pvops_op_info pvops_op_info[PVOPS_NR_OPS];

/*
 * One record per call site, emitted into section .pvops_sites by the
 * wrappers in <pvops/calls.h>. Plain data: the patcher never executes or
 * copies a template, it only reads these fields.
 */
struct pvops_site {
	pvops_u64 addr;	/* first byte of the site */
	pvops_u16 op;		/* enum pvops_op_id */
	pvops_u8 len;		/* bytes available at the site */
	pvops_u8 conv;	/* PVOPS_CONV_* the caller was compiled for */
	pvops_u32 flags;	/* PVOPS_SITE_* */
};
#define PVOPS_SITE_KEEP_INDIRECT 0x1	/* benchmark sites: leave unpatched */
#define PVOPS_SITE_BARE 0x2		/* benchmark sites: the native bytes, any backend */

__PVOPS_END_DECLS
#endif /* PVOPS_OPS_H */
