// SPDX-License-Identifier: MIT
/*
 * Turn each boot protocol's information into one struct bootinfo: the
 * command line and a memory map, copied into the kernel so the page
 * allocator may reuse the memory they came in.
 */
#include "kernel.h"
#include <stdint.h>
#include <xen/arch-x86/hvm/start_info.h>
#include <xen/xen.h>

struct bootinfo bootinfo;

#define MB2_BOOTLOADER_MAGIC 0x36d76289
#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_MMAP 6

const char *entry_name(enum pvops_entry e)
{
	switch (e) {
	case PVOPS_ENTRY_PVH:
		return "pvh";
	case PVOPS_ENTRY_MULTIBOOT2:
		return "multiboot2";
	case PVOPS_ENTRY_XEN_PV:
		return "xen-pv";
	default:
		return "unknown";
	}
}

/* Copy at most max bytes of the loader's command line s. */
static void copy_cmdline_str(const char *s, u64 max)
{
	u64 i;

	for (i = 0; i + 1 < sizeof(bootinfo.cmdline) && i < max && s[i]; i++)
		bootinfo.cmdline[i] = s[i];
	bootinfo.cmdline[i] = '\0';
}

static void copy_cmdline(u64 pa)
{
	if (pa)
		copy_cmdline_str(phys_to_virt(pa), ~0ULL);
}

static void add_region(u64 start, u64 len, u32 type)
{
	struct mem_region *r;

	if (!len || bootinfo.nr_regions >= MAX_MEMMAP)
		return;
	r = &bootinfo.regions[bootinfo.nr_regions++];
	r->start = start;
	r->end = start + len;
	r->type = type;
}

static int parse_pvh(u64 pa)
{
	const struct hvm_start_info *si = phys_to_virt(pa);
	const struct hvm_memmap_table_entry *mm;
	u32 i;

	if (si->magic != (u32)XEN_HVM_START_MAGIC_VALUE)
		return -PVOPS_EINVAL;
	bootinfo.raw = si;
	copy_cmdline(si->cmdline_paddr);
	if (si->version >= 1 && si->memmap_paddr && si->memmap_entries) {
		mm = phys_to_virt(si->memmap_paddr);
		for (i = 0; i < si->memmap_entries; i++)
			add_region(mm[i].addr, mm[i].size, mm[i].type);
	}
	return 0;
}

struct mb2_tag {
	u32 type, size;
};

struct mb2_mmap_entry {
	u64 addr, len;
	u32 type, reserved;
};

static int parse_mb2(u64 pa)
{
	const u8 *p = phys_to_virt(pa);
	u32 total = *(const u32 *)p, off = 8;

	if (total < 16 || total > (1U << 20))
		return -PVOPS_EINVAL;
	bootinfo.raw = p;
	while (off + sizeof(struct mb2_tag) <= total) {
		const struct mb2_tag *t = (const void *)(p + off);

		if (t->type == MB2_TAG_END || t->size < 8 || off + t->size > total)
			break;
		if (t->type == MB2_TAG_CMDLINE)
			copy_cmdline(pa + off + 8);
		if (t->type == MB2_TAG_MMAP && t->size >= 16) {
			u32 esz = *(const u32 *)(p + off + 8), e;

			for (e = off + 16; esz >= 24 && e + esz <= off + t->size; e += esz) {
				const struct mb2_mmap_entry *m = (const void *)(p + e);

				add_region(m->addr, m->len, m->type);
			}
		}
		off += (t->size + 7) & ~7U;
	}
	return 0;
}

/*
 * Xen PV: start_info is a virtual address in Xen's initial mapping, which
 * covers pseudo-physical memory from 0 to the end of the bootstrap
 * elements (kernel, p2m list, start_info, page tables, stack) at
 * KERNEL_VBASE. That part is loader data (mapped, never allocated); the
 * rest of the domain's pages are free RAM.
 */
static int parse_xen_pv(u64 va)
{
	const struct start_info *si = (const void *)(uptr)va;
	u64 pt_end, ram_end;

	if (!si || pvops_strncmp(si->magic, "xen-3.0-x86_64", 14))
		return -PVOPS_EINVAL;
	bootinfo.raw = si;
	copy_cmdline_str((const char *)si->cmd_line, sizeof(si->cmd_line));
	pt_end = kernel_va_to_pa((const void *)(uptr)si->pt_base) +
		 si->nr_pt_frames * PVOPS_PAGE_SIZE;
	bootinfo.boot_end = pt_end + PVOPS_PAGE_SIZE;	/* and the bootstrap stack */
	ram_end = (u64)si->nr_pages << PVOPS_PAGE_SHIFT;
	/* The initrd module lies inside the bootstrap elements, mapped by Xen. */
	if (si->mod_start && si->mod_len && !(si->flags & SIF_MOD_START_PFN)) {
		bootinfo.module = (const void *)(uptr)si->mod_start;
		bootinfo.module_len = si->mod_len;
	}
	add_region(0, bootinfo.boot_end, MEM_LOADER);
	if (ram_end > bootinfo.boot_end)
		add_region(bootinfo.boot_end, ram_end - bootinfo.boot_end, MEM_RAM);
	return 0;
}

int bootinfo_parse(u32 proto, u64 info_phys)
{
	switch (proto) {
	case BOOT_PROTO_PVH:
		bootinfo.entry = PVOPS_ENTRY_PVH;
		return parse_pvh(info_phys);
	case BOOT_PROTO_MB2:
		bootinfo.entry = PVOPS_ENTRY_MULTIBOOT2;
		return parse_mb2(info_phys);
	case BOOT_PROTO_XEN_PV:
		bootinfo.entry = PVOPS_ENTRY_XEN_PV;
		return parse_xen_pv(info_phys);
	default:
		bootinfo.entry = PVOPS_ENTRY_UNKNOWN;
		return -PVOPS_EINVAL;
	}
}
