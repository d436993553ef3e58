// SPDX-License-Identifier: MIT
/*
 * ACPI as smp.enum_cpus walks it (backends/native/acpi.c): the PVH start
 * info's RSDP, the EBDA and BIOS-area scans, RSDT/XSDT, every table's
 * header, length and checksum, the MADT's entries. The input is physical
 * memory: chunks of [u32 address][u16 length][bytes] laid into a 16 MiB
 * image (the rest zero); the first byte says whether the kernel was
 * entered by PVH (bit 0) or multiboot2 (bit 1), its structure at the
 * address the next four bytes give, handed over as an allocation of its
 * exact size (the PVH start info; the multiboot2 information's own total,
 * clamped to 64 KiB).
 * The kernel's map_mmio gives a fresh allocation of exactly the bytes asked
 * for, so ASan sees any read past what was mapped. The answer must be a
 * count of at least 1 with this CPU in the set.
 */
#include "fuzz.h"
#include "../../backends/native/native.h"
#include "../../backends/native/pvh_start.h"

#define MEM (16u << 20)

static u8 *mem;
static void *maps[4096];
static unsigned int nr_maps;

u32 pvops_raw_apic_id(void)
{
	return 0;
}

static void *map_mmio(u64 pa, u64 len)
{
	u8 *p;

	if (pa >= MEM || len > MEM - pa || nr_maps == sizeof(maps) / sizeof(maps[0]))
		return NULL;
	p = malloc(len ? len : 1);
	memcpy(p, mem + pa, len);
	maps[nr_maps++] = p;
	return p;
}

static u64 virt_to_phys(const void *va)
{
	return (u64)(uintptr_t)va;
}

/* The loader's structure at pa, as the kernel would hand it over: len bytes, zero past MEM. */
static void *boot_struct(u32 pa, u32 len)
{
	u8 *p = calloc(1, len);

	memcpy(p, mem + pa, len < MEM - pa ? len : MEM - pa);
	return p;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pvops_cpu_set cpus;
	u32 self = ~0U, info_pa;
	void *info = NULL;
	size_t off = 5;
	int n;

	u32 dirty[256][2], nr_dirty = 0;

	if (size < 5)
		return 0;
	if (!mem)
		mem = calloc(1, MEM);
	while (off + 6 <= size) {
		u32 pa = fuzz_u32(data, size, off) % MEM, len = (u32)(data[off + 4] | data[off + 5] << 8);

		off += 6;
		if (len > size - off)
			len = (u32)(size - off);
		if (len > MEM - pa)
			len = MEM - pa;
		memcpy(mem + pa, data + off, len);
		if (nr_dirty < 256) {
			dirty[nr_dirty][0] = pa;
			dirty[nr_dirty++][1] = len;
		} else {
			memset(mem, 0, MEM);	/* too many to track: clear everything after */
		}
		off += len;
	}
	memset(&fuzz_env, 0, sizeof(fuzz_env));
	fuzz_env.map_mmio = map_mmio;
	fuzz_env.virt_to_phys = virt_to_phys;
	info_pa = fuzz_u32(data, size, 1) % MEM;
	if (data[0] & 1) {
		fuzz_env.entry = PVOPS_ENTRY_PVH;
		info = boot_struct(info_pa, sizeof(struct pvh_start_info));
	} else if (data[0] & 2) {
		u32 total;

		/* Its size field as the kernel would see it: zeros past MEM. */
		info = boot_struct(info_pa, 8);
		memcpy(&total, info, 4);
		free(info);
		fuzz_env.entry = PVOPS_ENTRY_MULTIBOOT2;
		info = boot_struct(info_pa, total < 8 ? 8 : total > 0x10000 ? 0x10000 : total);
	}
	fuzz_env.entry_info = info;
	pvops_native_acpi_note_boot(&fuzz_env);
	n = native_enum_cpus(&cpus, &self);
	free(info);
	if (n < 1 || self != 0 || !pvops_cpu_set_has(&cpus, self))
		abort();
	/* tests/fuzz/run replays the seed machines with the count they must read as. */
	if (getenv("FUZZ_EXPECT_CPUS") && n != atoi(getenv("FUZZ_EXPECT_CPUS"))) {
		fprintf(stderr, "fuzz_acpi: %d CPUs read, %s expected\n", n, getenv("FUZZ_EXPECT_CPUS"));
		abort();
	}
	while (nr_maps)
		free(maps[--nr_maps]);
	if (nr_dirty < 256)
		while (nr_dirty--)
			memset(mem + dirty[nr_dirty][0], 0, dirty[nr_dirty][1]);
	else
		memset(mem, 0, MEM);
	return 0;
}
