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

/*
 * Whether [pa, pa + len) lies in the boot direct map (the first 4 GiB,
 * head.S), where the loader's structures must be to be read at all: an
 * address beyond is refused with a line, not followed into a page fault.
 */
static bool boot_mapped(u64 pa, u64 len, const char *what)
{
	if (pa & 7) {	/* both protocols align their structures to 8 bytes */
		printk("pvguest: the loader's %s at %#llx is not 8-byte aligned: ignored\n", what, pa);
		return false;
	}
	if (pa < BOOT_MAP_LIMIT && len <= BOOT_MAP_LIMIT - pa)
		return true;
	printk("pvguest: the loader's %s at %#llx (+%#llx) lies beyond the first 4 GiB the "
	       "boot mapping covers: ignored\n", what, pa, len);
	return false;
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
	/* A string: any alignment. */
	if (pa && pa < BOOT_MAP_LIMIT)
		copy_cmdline_str(phys_to_virt(pa), BOOT_MAP_LIMIT - pa);
	else if (pa)
		printk("pvguest: the loader's command line at %#llx lies beyond the first 4 GiB the "
		       "boot mapping covers: ignored\n", pa);
}

static void add_region(u64 start, u64 len, u32 type)
{
	struct mem_region *r;

	if (!len || bootinfo.nr_regions >= MAX_MEMMAP)
		return;
	if (start + len < start) {
		printk("pvguest: memory map entry %#llx+%#llx wraps past 2^64: ignored\n", start, len);
		return;
	}
	r = &bootinfo.regions[bootinfo.nr_regions++];
	r->start = start;
	r->end = start + len;
	r->type = type;
}

static int parse_pvh(u64 pa)
{
	const struct hvm_start_info *si;
	const struct hvm_memmap_table_entry *mm;
	u32 i, n;

	if (!boot_mapped(pa, sizeof(*si), "PVH start info"))
		return -PVOPS_EINVAL;
	si = phys_to_virt(pa);
	if (si->magic != (u32)XEN_HVM_START_MAGIC_VALUE)
		return -PVOPS_EINVAL;
	bootinfo.raw = si;
	copy_cmdline(si->cmdline_paddr);
	if (si->version >= 1 && si->memmap_paddr && si->memmap_entries) {
		/* Only the entries kept are read: a count of 2^32 reads no further. */
		n = si->memmap_entries < MAX_MEMMAP ? si->memmap_entries : MAX_MEMMAP;
		if (n < si->memmap_entries)
			printk("pvguest: PVH memory map of %u entries: the first %u kept\n",
			       si->memmap_entries, n);
		if (!boot_mapped(si->memmap_paddr, (u64)n * sizeof(*mm), "PVH memory map"))
			return 0;
		mm = phys_to_virt(si->memmap_paddr);
		for (i = 0; i < n; i++)
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
	const u8 *p;
	u32 total, off = 8;

	if (!boot_mapped(pa, 8, "multiboot2 information"))
		return -PVOPS_EINVAL;
	p = phys_to_virt(pa);
	total = *(const u32 *)p;
	if (total < 16 || total > (1U << 20) || !boot_mapped(pa, total, "multiboot2 information"))
		return -PVOPS_EINVAL;
	bootinfo.raw = p;
	while (off + sizeof(struct mb2_tag) <= total) {
		const struct mb2_tag *t = (const void *)(p + off);

		/* t->size > total - off, not off + size > total: a size near 2^32 wraps the sum. */
		if (t->type == MB2_TAG_END || t->size < 8 || t->size > total - off)
			break;
		if (t->type == MB2_TAG_CMDLINE)	/* within its tag */
			copy_cmdline_str((const char *)(p + off + 8), t->size - 8);
		if (t->type == MB2_TAG_MMAP && t->size >= 16) {
			u32 esz = *(const u32 *)(p + off + 8), e;

			/* Entries of at least 24 bytes, in multiples of 8 (the specification's). */
			if (esz < 24 || (esz & 7))
				printk("pvguest: multiboot2 memory map entries of %u bytes: ignored\n",
				       esz);
			for (e = off + 16; esz >= 24 && !(esz & 7) && e + esz <= off + t->size; e += esz) {
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
		/* Inside the bootstrap elements, or not at all: nothing else is mapped yet. */
		if (si->mod_len <= bootinfo.boot_end &&
		    kernel_va_to_pa((const void *)(uptr)si->mod_start) <= bootinfo.boot_end - si->mod_len) {
			bootinfo.module = (const void *)(uptr)si->mod_start;
			bootinfo.module_len = si->mod_len;
		} else {
			printk("pvguest: the boot module at %#llx (+%#llx) lies outside the bootstrap "
			       "elements Xen mapped: ignored\n", (u64)si->mod_start, (u64)si->mod_len);
		}
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
