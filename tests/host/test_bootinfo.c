// SPDX-License-Identifier: MIT
/*
 * The reference guest's multiboot2 memory maps (guest/bootinfo.c, its own
 * source): under UEFI, GRUB gives the EFI memory map it exited boot
 * services with (tag 17) beside an E820-style one (tag 6); the EFI map
 * wins when it can be read, its types become E820 types once boot
 * services are gone, adjacent pieces of one type become one region, and a
 * map that cannot be read falls back to tag 6, saying why.
 */
#include "tap.h"
#include "internal.h"
#include "kernel.h"
#include "logged.h"

static u8 mem[0x4000] __attribute__((aligned(8)));
void *phys_to_virt(u64 pa)
{
	return pa < sizeof(mem) ? mem + pa : NULL;
}

/* The guest's printk, into logged[] as pvops_log is. */
void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	logged_vappend(fmt, ap);
	va_end(ap);
}

#define INFO 0x1000
static u32 off;

static void *tag(u32 type, u32 size)
{
	u32 *t = (u32 *)(mem + INFO + off);

	t[0] = type;
	t[1] = size;
	off += (size + 7) & ~7U;
	return t;
}

static void begin(void)
{
	memset(mem, 0, sizeof(mem));
	memset(&bootinfo, 0, sizeof(bootinfo));
	logged[0] = 0;
	off = 8;
}

static int end(void)
{
	tag(0, 8);
	*(u32 *)(mem + INFO) = off;
	return bootinfo_parse(BOOT_PROTO_MB2, INFO);
}

/* An EFI memory descriptor of dsz bytes (EFI_MEMORY_DESCRIPTOR first, padding after). */
static void efi_desc(u8 *p, u32 type, u64 start, u64 pages)
{
	memcpy(p, &type, 4);
	memcpy(p + 8, &start, 8);
	memcpy(p + 24, &pages, 8);
}

/* Tag 17 with descriptors of dsz bytes: RAM in three pieces, boot services, ACPI, runtime. */
static void efi_tag(u32 dsz)
{
	static const struct {
		u32 type;
		u64 start, pages;
	} d[] = {
		{ 7, 0x0, 0xa0 },		/* conventional: 0-640K */
		{ 0, 0xa0000, 0x60 },		/* reserved */
		{ 2, 0x100000, 0x100 },		/* loader data (the kernel) */
		{ 4, 0x200000, 0x100 },		/* boot services data */
		{ 7, 0x300000, 0x1000 },	/* conventional */
		{ 9, 0x1300000, 0x10 },		/* ACPI reclaim */
		{ 10, 0x1310000, 0x10 },	/* ACPI NVS */
		{ 6, 0x1320000, 0x10 },		/* runtime services data */
		{ 7, 0x1330000, 1ULL << 60 },	/* more pages than 2^64 bytes: ignored */
	};
	u32 n = sizeof(d) / sizeof(d[0]), i;
	u8 *t = tag(17, 16 + n * dsz);

	memcpy(t + 8, &dsz, 4);
	*(u32 *)(t + 12) = 1;	/* descriptor version */
	for (i = 0; i < n; i++)
		efi_desc(t + 16 + i * dsz, d[i].type, d[i].start, d[i].pages);
}

/* Tag 6: one RAM entry of 64 MiB at 1 MiB (what GRUB made earlier). */
static void e820_tag(void)
{
	u8 *t = tag(6, 16 + 24);
	u64 a = 0x100000, l = 64 << 20;
	u32 esz = 24, type = 1;

	memcpy(t + 8, &esz, 4);
	memcpy(t + 16, &a, 8);
	memcpy(t + 24, &l, 8);
	memcpy(t + 32, &type, 4);
}

static bool region(u32 i, u64 start, u64 end, u32 type)
{
	const struct mem_region *r = &bootinfo.regions[i];

	return i < bootinfo.nr_regions && r->start == start && r->end == end && r->type == type;
}

int main(void)
{
	int rc;

	begin();
	efi_tag(48);
	rc = end();
	OK(!rc && bootinfo.nr_regions == 6 && region(0, 0, 0xa0000, 1) &&
		   region(1, 0xa0000, 0x100000, 2) && region(2, 0x100000, 0x1300000, 1) &&
		   region(3, 0x1300000, 0x1310000, 3) && region(4, 0x1310000, 0x1320000, 4) &&
		   region(5, 0x1320000, 0x1330000, 2),
	   "EFI map alone (48-byte descriptors): loader, boot-services and conventional memory "
	   "are one RAM region, ACPI reclaim 3, NVS 4, runtime reserved; %u regions",
	   bootinfo.nr_regions);
	OK(strstr(logged, "EFI memory descriptor of 0x1000000000000000 pages at 0x1330000: ignored"),
	   "a descriptor of more than 2^64 bytes is said and left out (%s)", logged);
	OK(bootinfo.mmap_from && strstr(bootinfo.mmap_from, "tag 17") &&
		   !strstr(bootinfo.mmap_from, "tag 6"),
	   "the map's source is named: %s", bootinfo.mmap_from);

	begin();
	e820_tag();
	efi_tag(40);
	rc = end();
	OK(!rc && bootinfo.nr_regions == 6 && region(2, 0x100000, 0x1300000, 1) &&
		   strstr(bootinfo.mmap_from, "tag 6 not used"),
	   "both tags: the EFI map wins and says tag 6 was not used (%s)", bootinfo.mmap_from);

	begin();
	e820_tag();
	efi_tag(20);
	rc = end();
	OK(!rc && bootinfo.nr_regions == 1 && region(0, 0x100000, 0x4100000, 1) &&
		   strstr(logged, "EFI memory map descriptors of 20 bytes: ignored") &&
		   strstr(bootinfo.mmap_from, "(tag 6)"),
	   "an EFI map of 20-byte descriptors is refused, said, and tag 6 is the map (%s)", logged);

	begin();
	e820_tag();
	rc = end();
	OK(!rc && bootinfo.nr_regions == 1 && strstr(bootinfo.mmap_from, "(tag 6)"),
	   "BIOS: tag 6 alone is the map");
	return tap_done();
}
