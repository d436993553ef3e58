// SPDX-License-Identifier: MIT
/*
 * ACPI as smp.enum_cpus walks it (backends/native/acpi.c): the PVH start
 * info's RSDP, the EBDA and BIOS-area scans, RSDT/XSDT, every table's
 * header, length and checksum, the MADT's entries. The input is physical
 * memory: chunks of [u32 address][u16 length][bytes] laid into a 16 MiB
 * image (the rest zero); the first byte says whether the kernel was
 * entered by PVH (start info at the address its next four bytes give).
 * The kernel's map_mmio gives a fresh allocation of exactly the bytes asked
 * for, so ASan sees any read past what was mapped. The answer must be a
 * count of at least 1 with this CPU in the set.
 */
#include "fuzz.h"
#include "../../backends/native/native.h"

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
	return (u64)(uintptr_t)va;	/* entry_info is given as its physical address */
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct pvops_cpu_set cpus;
	u32 self = ~0U;
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
	if (data[0] & 1) {
		fuzz_env.entry = PVOPS_ENTRY_PVH;
		fuzz_env.entry_info = (void *)(uintptr_t)(fuzz_u32(data, size, 1) % MEM);
	}
	n = native_enum_cpus(&cpus, &self);
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
