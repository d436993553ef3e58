// SPDX-License-Identifier: MIT
/*
 * The reference guest's boot information (guest/bootinfo.c, built from its
 * own source): a PVH start info with its command line and memory map, a
 * multiboot2 information with its tags, or a Xen PV start_info, anywhere in
 * physical memory. The
 * input's first byte picks the protocol, the next four the structure's
 * address; then chunks of [u32 address][u16 length][bytes] fill the 4 GiB
 * the boot mapping covers (a reserved, zero mapping: only what is written
 * costs). Reading past those 4 GiB, where nothing is mapped at boot, is a
 * crash: the parser must check an address before it follows it. Every
 * region it keeps must not wrap.
 */
#include <sys/mman.h>
#include "fuzz.h"
#include "kernel.h"

static u8 *mem;

void *phys_to_virt(u64 pa)
{
	if (pa >= BOOT_MAP_LIMIT)
		abort();	/* followed an address the boot mapping does not cover */
	return mem + pa;
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fuzz_vsay(fmt, ap);
	va_end(ap);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u32 dirty[64][2], nr_dirty = 0, i;
	size_t off = 5;
	u32 proto;

	if (size < 5)
		return 0;
	if (!mem) {
		mem = mmap(NULL, BOOT_MAP_LIMIT, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (mem == MAP_FAILED)
			abort();
	}
	while (off + 6 <= size && nr_dirty < 64) {
		u32 pa = fuzz_u32(data, size, off) & 0xfffffff0U, len = (u32)(data[off + 4] | data[off + 5] << 8);

		off += 6;
		if (len > size - off)
			len = (u32)(size - off);
		if ((u64)pa + len > BOOT_MAP_LIMIT)
			len = (u32)(BOOT_MAP_LIMIT - pa);
		memcpy(mem + pa, data + off, len);
		dirty[nr_dirty][0] = pa;
		dirty[nr_dirty++][1] = len;
		off += len;
	}
	memset(&bootinfo, 0, sizeof(bootinfo));
	proto = data[0] % 3 == 1 ? BOOT_PROTO_PVH : data[0] % 3 == 2 ? BOOT_PROTO_XEN_PV : BOOT_PROTO_MB2;
	if (proto == BOOT_PROTO_XEN_PV)	/* a virtual address in Xen's initial mapping */
		(void)bootinfo_parse(proto, (u64)(uintptr_t)(mem + (fuzz_u32(data, size, 1) & 0xfffffff8U) % (BOOT_MAP_LIMIT - 4096)));
	else
		(void)bootinfo_parse(proto, fuzz_u32(data, size, 1));
	if (bootinfo.nr_regions > MAX_MEMMAP || !memchr(bootinfo.cmdline, 0, sizeof(bootinfo.cmdline)))
		abort();
	for (i = 0; i < bootinfo.nr_regions; i++)
		if (bootinfo.regions[i].end < bootinfo.regions[i].start)
			abort();	/* a region kept that wraps */
	if (bootinfo.module && bootinfo.module_len > bootinfo.boot_end)
		abort();	/* a Xen PV module longer than the bootstrap elements it must lie in */
	while (nr_dirty--)
		memset(mem + dirty[nr_dirty][0], 0, dirty[nr_dirty][1]);
	return 0;
}
