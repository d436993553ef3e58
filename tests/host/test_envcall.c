// SPDX-License-Identifier: MIT
/*
 * The kernel's address services as the library calls them (core/envcall.c,
 * core/envstub.S, ABI 1.4): bound, each stub is a direct jump to env's
 * function and returns what it returns; a function out of a rel32's reach
 * keeps the jump through the pointer, said in one line.
 */
#include <sys/mman.h>
#include <unistd.h>

#include "tap.h"
#include "internal.h"

#include "logged.h"

struct pvops_ops pvops_ops;

static u64 v2p(const void *va)
{
	return (u64)(uptr)va + 0x1000;
}

static void *p2v(u64 pa)
{
	return (void *)(uptr)(pa + 0x2000);
}

static void writable(const void *fn)
{
	long page = sysconf(_SC_PAGESIZE);
	uptr at = (uptr)fn & ~(uptr)(page - 1);

	mprotect((void *)at, 2 * (size_t)page, PROT_READ | PROT_WRITE | PROT_EXEC);
}

int main(void)
{
	struct pvops_env env = { .virt_to_phys = v2p, .phys_to_virt = p2v };
	const u8 *stub = (const u8 *)(uptr)pvops_env_virt_to_phys;
	s32 rel;

	writable(stub);
	if (stub[0] == 0xf3)	/* ENDBR64 first */
		stub += 4;
	pvops_env_bind(&env);
	memcpy(&rel, stub + 1, 4);
	OK(stub[0] == 0xe9 && (uptr)stub + 5 + rel == (uptr)v2p,
	   "bound: virt_to_phys's stub is a direct jump to env's function");
	OK(pvops_env_virt_to_phys((void *)0x5000) == 0x6000 && pvops_env_phys_to_virt(0x5000) ==
	   (void *)0x7000, "and the stubs return what env's functions return");

	env.virt_to_phys = (u64 (*)(const void *))(uptr)((uptr)stub ^ 0x400000000000ULL);
	logged[0] = 0;
	pvops_env_bind(&env);
	OK(stub[0] == 0xff && stub[1] == 0x25 && strstr(logged, "out of a rel32 jump's reach"),
	   "a function out of reach: the jump through the pointer stays, said (%s)", logged);
	env.virt_to_phys = v2p;
	pvops_env_bind(&env);
	OK(stub[0] == 0xe9 && pvops_env_virt_to_phys((void *)0x10) == 0x1010,
	   "bound again (pvops_init_late's env): direct once more");
	return tap_done();
}
