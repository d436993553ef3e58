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
	/* pvops' 32-bit stub maps the first 4 GiB one to one (2 MiB pages). */
	if (env.entry == PVOPS_ENTRY_XEN_PV || pa + len > 0x100000000ULL)
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
	if (how == ENTRY_MB2) {
		/* The multiboot2 information: tags after 8 bytes; type 1 is the command line. */
		const u8 *p = (const u8 *)phys_to_virt(info) + 8;
		u32 total = *(const u32 *)phys_to_virt(info), off = 8;

		env.entry = PVOPS_ENTRY_MULTIBOOT2;
		env.entry_info = phys_to_virt(info);
		while (off + 8 <= total) {
			u32 type = *(const u32 *)p, size = *(const u32 *)(p + 4);

			if (!type || size < 8)
				break;
			if (type == 1)
				copy_cmdline((const char *)(p + 8));
			off += (size + 7) & ~7U;
			p += (size + 7) & ~7U;
		}
	} else if (how == ENTRY_MB1) {
		/* The multiboot1 information: flags (bit 2: cmdline), cmdline's address at 16. */
		const u32 *mbi = phys_to_virt(info);

		env.entry = PVOPS_ENTRY_MULTIBOOT1;
		env.entry_info = mbi;
		if (mbi[0] & (1U << 2))
			copy_cmdline(phys_to_virt(mbi[4]));
	} else if (how == ENTRY_PVH) {
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
	env.phys_to_virt = pvops_phys_to_virt;
	env.virt_to_phys = pvops_virt_to_phys;
	return &env;
}

/* pvops_init_late's: the services that need this kernel's memory management. */
const struct pvops_env *boot_env_late(void)
{
	env.map_mmio = map_mmio;
	env.alloc_page = page_alloc;
	return &env;
}
