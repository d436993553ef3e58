/* SPDX-License-Identifier: MIT */
/*
 * Call wrappers: pvops_<group>_<name>(), one per op in spec/ops.def,
 * defined in the generated <pvops/calls-gen.h>.
 *
 * Each wrapper is an always-inline function whose body is one indirect
 * call through the ops table, "call *pvops_ops+8*id(%rip)" (6 bytes),
 * with its arguments in rdi, rsi, rdx, rcx and its result in rax. The
 * site is recorded in section .pvops_sites (struct pvops_site); at boot
 * pvops_init() rewrites it to the backend's inline bytes, a direct call,
 * or NOPs.
 *
 * NORMAL sites tell the compiler that every caller-saved register is
 * clobbered. CALLEE sites clobber only rax, which is what makes the irq
 * and entry-conversion ops cheap even when they stay calls.
 */
#ifndef PVOPS_CALLS_H
#define PVOPS_CALLS_H

#include <pvops/ops.h>

#define PVOPS_SITE_LEN 6

/* Makes GCC set up the frame before the call inside the asm. */
register unsigned long __pvops_sp __asm__("rsp");
#define __PVOPS_SP "+r"(__pvops_sp)

#define __PVOPS_SITE_ASM					\
	"771:\n\t"						\
	"call *(pvops_ops+%c[slot])(%%rip)\n"			\
	"772:\n\t"						\
	".pushsection .pvops_sites,\"a\"\n\t"			\
	".balign 8\n\t"						\
	".quad 771b\n\t"					\
	".short %c[op]\n\t"					\
	".byte 772b-771b\n\t"					\
	".byte %c[conv]\n\t"					\
	".long %c[flags]\n\t"					\
	".popsection\n"

/*
 * id may carry site flags above bit 16 (PVOPS_SITE_* << 16): the
 * benchmark wrappers of <pvops/bench-calls.h> use that; plain wrappers
 * pass the bare op id.
 */
#define __PVOPS_SITE_IN(id, cv)						\
	[slot] "i"(((id) & 0xffff) * 8), [op] "i"((id) & 0xffff),	\
	[conv] "i"(cv), [flags] "i"((id) >> 16)

#define __PVOPS_U64(x) ((__pvops_force pvops_u64)(x))

/* NORMAL convention: all caller-saved registers are clobbered. */
#define __PVOPS_NCALL(id, ...)						\
	({								\
		pvops_u64 __a, __d1, __d2, __d3, __d4;			\
		__asm__ volatile(__PVOPS_SITE_ASM			\
			: "=a"(__a), "=D"(__d1), "=S"(__d2),		\
			  "=d"(__d3), "=c"(__d4), __PVOPS_SP		\
			: __PVOPS_SITE_IN(id, PVOPS_CONV_NORMAL) __VA_ARGS__ \
			: "r8", "r9", "r10", "r11", "memory", "cc");	\
		(void)__d1; (void)__d2; (void)__d3; (void)__d4;		\
		__a;							\
	})
#define __PVOPS_NCALL0(id, ...) __PVOPS_NCALL(id)
#define __PVOPS_NCALL1(id, a) __PVOPS_NCALL(id, , "1"(__PVOPS_U64(a)))
#define __PVOPS_NCALL2(id, a, b) \
	__PVOPS_NCALL(id, , "1"(__PVOPS_U64(a)), "2"(__PVOPS_U64(b)))
#define __PVOPS_NCALL3(id, a, b, c) \
	__PVOPS_NCALL(id, , "1"(__PVOPS_U64(a)), "2"(__PVOPS_U64(b)), \
		      "3"(__PVOPS_U64(c)))
#define __PVOPS_NCALL4(id, a, b, c, d) \
	__PVOPS_NCALL(id, , "1"(__PVOPS_U64(a)), "2"(__PVOPS_U64(b)), \
		      "3"(__PVOPS_U64(c)), "4"(__PVOPS_U64(d)))

/* CALLEE convention: only rax changes. At most one argument. */
#define __PVOPS_CCALL0(id, ...)					\
	({								\
		pvops_u64 __a;						\
		__asm__ volatile(__PVOPS_SITE_ASM			\
			: "=a"(__a), __PVOPS_SP				\
			: __PVOPS_SITE_IN(id, PVOPS_CONV_CALLEE)	\
			: "memory", "cc");				\
		__a;							\
	})
#define __PVOPS_CCALL1(id, x)						\
	({								\
		pvops_u64 __a;						\
		__asm__ volatile(__PVOPS_SITE_ASM			\
			: "=a"(__a), __PVOPS_SP				\
			: __PVOPS_SITE_IN(id, PVOPS_CONV_CALLEE),	\
			  "D"(__PVOPS_U64(x))				\
			: "memory", "cc");				\
		__a;							\
	})

#define __PVOPS_EXPAND(m, ...) m(__VA_ARGS__)
#define __PVOPS_UNPACK(...) __VA_ARGS__
#define __PVOPS_CALL(conv, n) __PVOPS_##conv##CALL##n
#define __PVOPS_NORMALCALL(n) __PVOPS_NCALL##n
#define __PVOPS_CALLEECALL(n) __PVOPS_CCALL##n

#define __PVOPS_BODY_R(m, id, ret, args) \
	return (__pvops_force ret)__PVOPS_EXPAND(m, id, __PVOPS_UNPACK args);
#define __PVOPS_BODY_V(m, id, ret, args) \
	(void)__PVOPS_EXPAND(m, id, __PVOPS_UNPACK args);

/* One wrapper named fname whose site is op id (with flags above bit 16). */
#define __PVOPS_WRAPPER(fname, id, conv, kind, ret, nargs, proto, args)	\
	static inline __attribute__((always_inline)) ret			\
	fname proto								\
	{									\
		__PVOPS_BODY_##kind(__PVOPS_##conv##CALL(nargs), id, ret, args) \
	}
#define __PVOPS_WRAPPER_NORMAL __PVOPS_WRAPPER
#define __PVOPS_WRAPPER_CALLEE __PVOPS_WRAPPER
/* JUMP ops are reached from assembly only (<pvops/asm.h>). */
#define __PVOPS_WRAPPER_JUMP(...)

/*
 * The wrappers themselves, pvops_<group>_<name>(): generated from
 * spec/ops.def at build time (tools/gen-ops.c) as one plain definition
 * each, in <pvops/calls-gen.h> (build/include/). __PVOPS_WRAPPER above
 * builds the benchmark forms of <pvops/bench-calls.h>.
 */
#include <pvops/calls-gen.h>

#endif /* PVOPS_CALLS_H */
