// SPDX-License-Identifier: MIT
/*
 * The VMI ROM path as the guest sees it, on hostile input: the option-ROM
 * area holds the input (at a 2 KiB step the input's first byte picks), the
 * firmware maps exactly that area (VMI_SCAN_START..VMI_SCAN_END, one
 * allocation: ASan sees any read past it), backends/vmi/scan.c checks the
 * header, and then the input's bytes after the ROM answer get_reloc() for every call
 * (the ROM's code is not run on the host: its answers are the model) and
 * backends/vmi/answers.c judges each one. The invariant, checked here on
 * every accepted answer: everything the guest would copy or enter lies
 * inside the ROM's validated bytes [hdr_len, size).
 */
#include "fuzz.h"
#include "../../backends/vmi/vmi.h"

#define AREA (VMI_SCAN_END - VMI_SCAN_START)

static u8 *area;

static void *phys_to_virt(u64 pa)
{
	if (pa < VMI_SCAN_START || pa >= VMI_SCAN_END)
		return NULL;
	return area + (pa - VMI_SCAN_START);
}

/* Whether rom differs from the reference ROM (FUZZ_VMI_REF) only in its header and checksum. */
static bool header_only_change(const struct vmi_rom *rom)
{
	static u8 ref[VMI_ROM_MAX_SIZE];
	static long ref_len = -1;
	u32 i, diffs = 0;

	if (ref_len < 0) {
		FILE *f = getenv("FUZZ_VMI_REF") ? fopen(getenv("FUZZ_VMI_REF"), "rb") : NULL;

		ref_len = f ? (long)fread(ref, 1, sizeof(ref), f) : 0;
		if (f)
			fclose(f);
	}
	if ((long)rom->size != ref_len)
		return false;
	/* Not one byte past the header: a changed code byte is the ROM's code changed. */
	for (i = VMI_HDR_LEN_4_0; i < rom->size; i++)
		diffs += rom->image[i] != ref[i];
	if (diffs)
		return false;
	for (i = 0; i < VMI_HDR_LEN_4_0; i++)
		if (rom->image[i] != ref[i])
			return true;
	return false;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct vmi_rom rom;
	size_t at, n, tail;
	unsigned int call;

	if (size < 2)
		return 0;
	if (!area)
		area = malloc(AREA);
	/* What is not the ROM reads as the firmware leaves empty ROM space. */
	memset(area, 0xff, AREA);
	at = (size_t)(data[0] % (AREA / VMI_SCAN_STEP)) * VMI_SCAN_STEP;
	n = size - 1 < AREA - at ? size - 1 : AREA - at;
	memcpy(area + at, data + 1, n);
	fuzz_env.entry = PVOPS_ENTRY_PVH;
	fuzz_env.phys_to_virt = phys_to_virt;
	if (vmi_scan(&rom))
		return 0;
	static unsigned int saved;

	if (getenv("FUZZ_VMI_SAVE") && saved < 5 && header_only_change(&rom)) {
		/*
		 * tests/fuzz/run: the ROMs whose header the fuzzer changed (the reference
		 * ROM's code and tables otherwise, FUZZ_VMI_REF) and the guest still
		 * accepted, for make check to boot: each must then be refused in one line
		 * or bound. (A ROM with changed code may do anything it likes when run:
		 * that is the ROM's, not the guest's.)
		 */
		char path[512];
		u32 h = 2166136261U, i;
		FILE *f;

		for (i = 0; i < rom.size; i++)
			h = (h ^ rom.image[i]) * 16777619U;
		snprintf(path, sizeof(path), "%s/%08x.rom", getenv("FUZZ_VMI_SAVE"), h);
		f = fopen(path, "wb");
		if (f) {
			fwrite(rom.image, 1, rom.size, f);
			fclose(f);
			saved++;
		}
	}
	if (rom.size > VMI_ROM_MAX_SIZE || rom.pa < VMI_SCAN_START || rom.pa + rom.size > VMI_SCAN_END ||
	    rom.hdr_len > rom.size || rom.nr_calls > VMI_NR_CALLS)
		abort();	/* a header accepted with bounds that do not hold */
	{
		/* The entries the guest calls first: a jmp there must land in the ROM's code. */
		static const u32 entries[] = { VMI_ROM_OFF_INIT, VMI_ROM_OFF_GET_RELOC };
		unsigned int e;

		for (e = 0; e < 2; e++) {
			const u8 *p = rom.image + entries[e];
			s64 t = p[0] == 0xe9 ? (s64)entries[e] + 5 + (s32)fuzz_u32(p + 1, 4, 0) :
				p[0] == 0xeb ? (s64)entries[e] + 2 + (s8)p[1] : -1;

			if (t < rom.hdr_len || t >= rom.size)
				abort();	/* an entry that is no jump into the ROM's code accepted */
		}
	}
	/* Answers: 16 bytes per call right after the ROM's bytes in the input (the model of get_reloc). */
	tail = 1 + (size_t)(rom.pa - VMI_SCAN_START) - at + rom.size;
	for (call = 0; call < rom.nr_calls; call++) {
		struct vmi_reloc r;
		size_t o = tail + 16 * (size_t)call;

		memset(&r, 0, sizeof(r));
		r.type = (u8)fuzz_u32(data, size, o);
		r.len = (u8)(fuzz_u32(data, size, o) >> 8);
		r.entry_off = fuzz_u32(data, size, o + 4);
		r.bytes_off = fuzz_u32(data, size, o + 8);
		if (!vmi_reloc_ok(&rom, call, &r))
			return 0;
		if (r.type == VMI_RELOC_CALL_REL || r.type == VMI_RELOC_JUMP_REL ||
		    r.type == VMI_RELOC_INLINE) {
			if (r.entry_off < rom.hdr_len || r.entry_off >= rom.size)
				abort();	/* an entry outside the ROM accepted */
		}
		if (r.type == VMI_RELOC_INLINE) {
			u64 end = (u64)r.bytes_off + r.len;

			if (r.bytes_off < rom.hdr_len || end > rom.size || !r.len)
				abort();	/* inline bytes outside the ROM accepted */
			/* What patching reads: the bytes, from the image the guest copies. */
			(void)rom.image[r.bytes_off + r.len - 1];
		}
	}
	return 0;
}
