// SPDX-License-Identifier: MIT
/*
 * Binding the kernel's address services (envstub.S): pvops_init_early and
 * pvops_init_late make each stub a direct jump to the function env holds
 * then (a later change of env's pointer is not seen: spec/ABI.md 3.13),
 * or leave the jump through pvops_env_services where the function is out
 * of a rel32's reach, and say so.
 */
#include <pvops/pvops.h>
#include <pvops/backend.h>
#include "internal.h"

#define STUB_LEN 8

void *pvops_env_services[3];

static void bind(u8 *stub, void *fn, u32 slot, const char *name)
{
	static const u8 endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };
	s64 rel;
	s32 rel32;

	if (!pvops_memcmp(stub, endbr64, 4))	/* built with -fcf-protection */
		stub += 4;
	pvops_env_services[slot] = fn;
	rel = (s64)((u64)(uptr)fn - ((u64)(uptr)stub + 5));
	rel32 = (s32)rel;
	if (fn && rel32 == rel) {
		stub[0] = 0xe9;		/* jmp rel32 */
		pvops_memcpy(stub + 1, &rel32, 4);
		pvops_memset(stub + 5, 0x90, STUB_LEN - 5);
		return;
	}
	/* jmp *pvops_env_services + 8*slot(%rip), as assembled. */
	rel = (s64)((u64)(uptr)&pvops_env_services[slot] - ((u64)(uptr)stub + 6));
	rel32 = (s32)rel;
	stub[0] = 0xff;
	stub[1] = 0x25;
	pvops_memcpy(stub + 2, &rel32, 4);
	if (fn)
		pvops_log("pvops: the kernel's %s at %p is out of a rel32 jump's reach: called "
			  "through a pointer\n", name, fn);
}

void pvops_env_bind(const struct pvops_env *env)
{
	if (!env)
		return;
	bind((u8 *)(uptr)pvops_env_virt_to_phys, (void *)(uptr)env->virt_to_phys, 0,
	     "virt_to_phys");
	bind((u8 *)(uptr)pvops_env_phys_to_virt, (void *)(uptr)env->phys_to_virt, 1,
	     "phys_to_virt");
	bind((u8 *)(uptr)pvops_env_cpu_id, (void *)(uptr)env->cpu_id, 2, "cpu_id");
}
