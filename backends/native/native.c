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
#define PVOPS_NONE
#define PVOPS_BYTES(...) __VA_ARGS__
#define DECL_CALL(group, name)
#define DECL_INLINE(group, name) extern const char native_stub_##group##_##name[];
#define PVOP(id, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	DECL_##patch(group, name)
#include <pvops/ops.def>
#undef PVOP

static const void *const stub_of[PVOPS_NR_OPS] = {
#define STUB_CALL(id, group, name)
#define STUB_INLINE(id, group, name) [id] = native_stub_##group##_##name,
#define PVOP(id, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	STUB_##patch(id, group, name)
#include <pvops/ops.def>
#undef PVOP
};

static u32 native_detect(void)
{
	const struct pvops_env *env = pvops_env();

	/* A Xen PV guest runs deprivileged on Xen's page tables: never native. */
	if (env && env->entry == PVOPS_ENTRY_XEN_PV)
		return 0;
	return 1;	/* always possible otherwise, lowest priority */
}

#define SET_NORMAL(slot, fn) ops->slot = (void *)(fn)
#define SET_CALLEE(slot, fn) ops->slot = PVOPS_CALLEE(fn)
#define SET_JUMP(slot, fn) ops->slot = PVOPS_JUMP(fn)

int pvops_native_fill(struct pvops_ops *ops)
{
	/* Every op with native bytes runs its stub until it is patched. */
#define FILL_CALL(conv, group, name)
#define FILL_INLINE(conv, group, name) SET_##conv(group##_##name, native_stub_##group##_##name);
#define PVOP(id, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	FILL_##patch(conv, group, name)
#include <pvops/ops.def>
#undef PVOP

	ops->cpu_cpuid = native_cpuid;
	ops->cpu_read_msr = native_read_msr;
	ops->cpu_write_msr = native_write_msr;
	ops->cpu_read_msr_safe = native_read_msr_safe;
	ops->cpu_write_msr_safe = native_write_msr_safe;
	/* Page-table pages need no announcement and lazy mode no queue. */
	ops->mmu_alloc_pt = NULL;
	ops->mmu_release_pt = NULL;
	ops->mmu_lazy_enter = NULL;
	ops->mmu_lazy_leave = NULL;
	ops->mmu_lazy_flush = NULL;
	ops->mmu_flush_tlb_local = native_flush_tlb_local;
	ops->mmu_flush_tlb_all = native_flush_tlb_all;
	ops->apic_setup = native_apic_setup;
	ops->apic_eoi = native_apic_eoi;
	ops->apic_send_ipi = native_apic_send_ipi;
	ops->apic_timer_set = native_apic_timer_set;
	ops->time_clock_ns = native_clock_ns;
	ops->time_tsc_khz = native_tsc_khz;
	ops->time_steal_ns = native_steal_ns;
	ops->time_timer_oneshot = native_timer_oneshot;
	ops->console_write = native_console_write;
	ops->power_shutdown = native_shutdown;
	ops->power_reboot = native_reboot;
	ops->apic_send_ipi_mask = native_send_ipi_mask;
	ops->mmu_flush_tlb_multi = native_flush_tlb_multi;
	ops->lock_kick = NULL;	/* nobody sleeps in lock.wait natively */
	ops->smp_enum_cpus = native_enum_cpus;
	ops->smp_cpu_up = native_cpu_up;
	return 0;
}

void pvops_native_serial_init(void)
{
	native_serial_init();
}

void pvops_native_time_init(void)
{
	native_time_init();
}

static int native_init(struct pvops_ops *ops, const struct pvops_env *env)
{
	(void)env;
	pvops_native_fill(ops);
	native_serial_init();
	native_time_init();
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
