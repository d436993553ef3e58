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
#define MB2_TAG_EFI_MMAP 17	/* the EFI memory map GRUB exited boot services with */

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

/*
 * One region of the loader's map; one that continues the last region with
 * the same type extends it (an EFI map comes in many small pieces).
 */
static void add_region(u64 start, u64 len, u32 type)
{
	struct mem_region *r;

	if (!len)
		return;
	if (start + len < start) {
		printk("pvguest: memory map entry %#llx+%#llx wraps past 2^64: ignored\n", start, len);
		return;
	}
	r = bootinfo.nr_regions ? &bootinfo.regions[bootinfo.nr_regions - 1] : NULL;
	if (r && r->type == type && r->end == start) {
		r->end = start + len;
		return;
	}
	if (bootinfo.nr_regions >= MAX_MEMMAP) {
		bootinfo.regions_dropped++;
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

/* An EFI memory descriptor (UEFI 2.10, 7.2 EFI_MEMORY_DESCRIPTOR); descr_size may be larger. */
struct efi_mem_desc {
	u32 type, pad;
	u64 phys_start, virt_start, nr_pages, attribute;
};

/*
 * An EFI memory type as the E820 type the rest of the kernel reads, once
 * boot services are gone: loader and boot-services memory and conventional
 * memory are RAM, ACPI reclaim and NVS keep their E820 numbers (3, 4),
 * unusable is 5, persistent memory 7, everything else (runtime services,
 * MMIO, reserved) reserved (2).
 */
static u32 efi_to_e820(u32 type)
{
	switch (type) {
	case 1: case 2: case 3: case 4: case 7:	/* Loader, BootServices Code/Data, Conventional */
		return MEM_RAM;
	case 9:		/* ACPIReclaimMemory */
		return 3;
	case 10:	/* ACPIMemoryNVS */
		return 4;
	case 8:		/* UnusableMemory */
		return 5;
	case 14:	/* PersistentMemory */
		return 7;
	default:
		return 2;
	}
}

/*
 * The EFI memory map tag: u32 descriptor size, u32 descriptor version, the
 * descriptors. Returns how many regions it gave, or -1 when it cannot be
 * read (a descriptor size below the structure's, or not a multiple of 8).
 */
static int parse_efi_mmap(const u8 *tag, u32 size)
{
	u32 dsz, e;
	int n = 0;

	if (size < 16)
		return -1;
	dsz = *(const u32 *)(tag + 8);
	if (dsz < sizeof(struct efi_mem_desc) || (dsz & 7)) {
		printk("pvguest: multiboot2 EFI memory map descriptors of %u bytes: ignored\n", dsz);
		return -1;
	}
	for (e = 16; e <= size && dsz <= size - e; e += dsz) {
		const struct efi_mem_desc *d = (const void *)(tag + e);

		if (d->nr_pages > (~0ULL >> PVOPS_PAGE_SHIFT)) {
			printk("pvguest: EFI memory descriptor of %#llx pages at %#llx: ignored\n",
			       d->nr_pages, d->phys_start);
			continue;
		}
		add_region(d->phys_start, d->nr_pages << PVOPS_PAGE_SHIFT, efi_to_e820(d->type));
		n++;
	}
	return n;
}

static void parse_mb2_mmap(const u8 *tag, u32 size)
{
	u32 esz = *(const u32 *)(tag + 8), e;

	/* Entries of at least 24 bytes, in multiples of 8 (the specification's). */
	if (esz < 24 || (esz & 7))
		printk("pvguest: multiboot2 memory map entries of %u bytes: ignored\n", esz);
	for (e = 16; esz >= 24 && !(esz & 7) && e <= size && esz <= size - e; e += esz) {
		const struct mb2_mmap_entry *m = (const void *)(tag + e);

		add_region(m->addr, m->len, m->type);
	}
}

/*
 * Multiboot2: the command line, and one memory map. Under UEFI, GRUB gives
 * two: the EFI map it exited boot services with (tag 17) and an E820-style
 * one (tag 6) it made from the firmware's map before that. The EFI map
 * wins when it can be read: it is the last word on what the firmware left,
 * GRUB's own late allocations (this information among them) included.
 * Without it (BIOS), tag 6 is the map.
 */
static int parse_mb2(u64 pa)
{
	const u8 *p, *mmap = NULL, *efi = NULL;
	u32 total, off = 8, mmap_size = 0, efi_size = 0;

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
			mmap = p + off;
			mmap_size = t->size;
		}
		if (t->type == MB2_TAG_EFI_MMAP && t->size >= 16) {
			efi = p + off;
			efi_size = t->size;
		}
		off += (t->size + 7) & ~7U;
	}
	if (efi && parse_efi_mmap(efi, efi_size) > 0) {
		bootinfo.mmap_from = mmap ? "the EFI memory map (multiboot2 tag 17; tag 6 not used)" :
					    "the EFI memory map (multiboot2 tag 17)";
	} else if (mmap) {	/* an EFI map that gave nothing added nothing */
		parse_mb2_mmap(mmap, mmap_size);
		bootinfo.mmap_from = "the multiboot2 memory map (tag 6)";
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
