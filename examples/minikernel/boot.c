// SPDX-License-Identifier: MIT
/*
 * What pvops_init() gets from minikernel: how it was entered, the loader's
 * structure, the command line and the services (mm.c). The boot protocols'
 * structures are Xen's public ones (libxen-dev).
 */
#include <stdint.h>
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#include <xen/xen.h>
#include <xen/arch-x86/hvm/start_info.h>
#include <pvops/pvops.h>
#include "kernel.h"

static struct pvops_env env;
static char cmdline[512];

static void copy_cmdline(const char *s)
{
	u32 i;

	for (i = 0; s && s[i] && i < sizeof(cmdline) - 1; i++)
		cmdline[i] = s[i];
	cmdline[i] = '\0';
}

static void *map_mmio(pvops_u64 pa, pvops_u64 len)
{
	/* The PVH boot tables map the first 4 GiB one to one (2 MiB pages). */
	if (env.entry != PVOPS_ENTRY_PVH || pa + len > 0x100000000ULL)
		return NULL;
	return (void *)(u64)pa;
}

static void *pvops_phys_to_virt(pvops_u64 pa)
{
	return phys_to_virt(pa);
}

static pvops_u64 pvops_virt_to_phys(const void *va)
{
	return virt_to_phys(va);
}

const struct pvops_env *boot_env(u32 how, u64 info)
{
	if (how == ENTRY_PVH) {
		const struct hvm_start_info *si = phys_to_virt(info);

		env.entry = PVOPS_ENTRY_PVH;
		env.entry_info = si;
		if (si->magic == XEN_HVM_START_MAGIC_VALUE && si->cmdline_paddr)
			copy_cmdline(phys_to_virt(si->cmdline_paddr));
	} else {
		const struct start_info *si = (const struct start_info *)info;

		env.entry = PVOPS_ENTRY_XEN_PV;
		env.entry_info = si;
		copy_cmdline((const char *)si->cmd_line);
	}
	env.cmdline = cmdline;
	env.map_mmio = map_mmio;
	env.phys_to_virt = pvops_phys_to_virt;
	env.virt_to_phys = pvops_virt_to_phys;
	env.alloc_page = page_alloc;
	return &env;
}
