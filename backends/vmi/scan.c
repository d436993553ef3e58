// SPDX-License-Identifier: MIT
/*
 * Finding a VMI ROM: every 2 KiB step of the option-ROM area
 * (VMI_SCAN_START..VMI_SCAN_END, the whole area: SeaBIOS puts ROMs given
 * with -option-rom after the VGA and network ROMs) that starts with 55 AA
 * and carries the class signature "cVmi". The header of each such ROM is
 * checked before anything in it runs (spec/VMI.md section 2); a defect is
 * reported in one line and the scan goes on.
 */
#include "vmi.h"
#include <pvops/fmt.h>
#include <stdarg.h>

static u16 get16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static u32 get32(const u8 *p)
{
	return (u32)get16(p) | (u32)get16(p + 2) << 16;
}

void vmi_reject(u64 pa, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	va_start(ap, fmt);
	pvops_vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	pvops_log("vmi: ROM at %#llx rejected: %s\n", pa, why);
}

/* Calls a guest of VMI 4.<minor> asks about: those introduced up to minor. */
static u16 calls_up_to(u8 minor)
{
	u16 n = 0;

	while (n < VMI_NR_CALLS && vmi_calls[n].minor <= minor)
		n++;
	return n;
}

/* A NUL-terminated string at off, inside the ROM (0: absent when optional). */
static bool string_ok(const struct vmi_rom *r, u16 off, const char *what, bool optional)
{
	u32 i;

	if (!off && optional)
		return true;
	if (off < VMI_HDR_LEN_4_0 || off >= r->size) {
		vmi_reject(r->pa, "%s string at %#x is outside the ROM (%u bytes)", what, off,
			   r->size);
		return false;
	}
	for (i = off; i < r->size; i++)
		if (!r->image[i])
			return true;
	vmi_reject(r->pa, "%s string at %#x is not terminated within the ROM", what, off);
	return false;
}

/*
 * The entry the guest calls first at off (vmi_init, get_reloc): a jmp
 * (rel32 or rel8) that lands inside the ROM's code [hdr_len, size) — the
 * first bytes the guest runs are then inside what it validated and copied,
 * never the header's other fields nor the fill beyond the copy.
 */
static bool entry_ok(const struct vmi_rom *r, u32 off, const char *what)
{
	const u8 *p = r->image + off;
	s64 target;

	if (p[0] == 0xe9) {
		target = (s64)off + 5 + (s32)get32(p + 1);
	} else if (p[0] == 0xeb) {
		target = (s64)off + 2 + (s8)p[1];
	} else {
		/* Code in the header itself would run unchecked bytes: a jump is required. */
		vmi_reject(r->pa, "%s entry at %#x is not a jmp (byte %#x): the guest enters a ROM "
			   "only through a jump into its code", what, off, p[0]);
		return false;
	}
	if (target < r->hdr_len || target >= r->size) {
		vmi_reject(r->pa, "%s entry at %#x jumps to %#llx, outside the ROM's code "
			   "(%#x..%#x)", what, off, (u64)target, r->hdr_len, r->size);
		return false;
	}
	return true;
}

/* Every header rule; true when the ROM may be copied and initialised. */
static bool header_ok(struct vmi_rom *r)
{
	const u8 *p = r->image;
	u32 i, size = p[VMI_ROM_OFF_LENGTH] * 512U;
	u16 pcir, pnp, guest_calls;
	u8 sum = 0, common;

	if (!size || size > VMI_ROM_MAX_SIZE) {
		vmi_reject(r->pa, "length %u bytes (1 to %u allowed)", size, VMI_ROM_MAX_SIZE);
		return false;
	}
	if (r->pa + size > VMI_SCAN_END) {
		vmi_reject(r->pa, "length %u bytes runs past the option-ROM area", size);
		return false;
	}
	r->size = size;
	for (i = 0; i < size; i++)
		sum = (u8)(sum + p[i]);
	if (sum) {
		vmi_reject(r->pa, "checksum: bytes sum to 0x%02x, not 0", sum);
		return false;
	}
	r->major = p[VMI_ROM_OFF_MAJOR];
	r->minor = p[VMI_ROM_OFF_MINOR];
	if (r->major != VMI_ABI_MAJOR) {
		vmi_reject(r->pa, "ABI version %u.%u, this guest speaks %u.x", r->major, r->minor,
			   VMI_ABI_MAJOR);
		return false;
	}
	r->hdr_len = get16(p + VMI_ROM_OFF_HDR_LEN);
	if (r->hdr_len < VMI_HDR_LEN_4_0 || r->hdr_len > size) {
		vmi_reject(r->pa, "header length %#x, VMI 4.0 needs %#x within %u bytes", r->hdr_len,
			   VMI_HDR_LEN_4_0, size);
		return false;
	}
	/* Version negotiation: only the calls both sides know. */
	common = r->minor > VMI_ABI_MINOR ? VMI_ABI_MINOR : r->minor;
	guest_calls = calls_up_to(common);
	r->nr_calls = get16(p + VMI_ROM_OFF_NR_CALLS);
	if (r->nr_calls < guest_calls) {
		vmi_reject(r->pa, "answers %u calls, VMI 4.%u defines %u", r->nr_calls, common,
			   guest_calls);
		return false;
	}
	r->nr_calls = guest_calls;
	r->data_size = get32(p + VMI_ROM_OFF_DATA_SIZE);
	if (r->data_size > VMI_ROM_MAX_DATA) {
		vmi_reject(r->pa, "data area of %u bytes (at most %u)", r->data_size,
			   VMI_ROM_MAX_DATA);
		return false;
	}
	if (get16(p + VMI_ROM_OFF_FLAGS)) {
		vmi_reject(r->pa, "flags %#x: none are defined in 4.0",
			   get16(p + VMI_ROM_OFF_FLAGS));
		return false;
	}
	pcir = get16(p + VMI_ROM_OFF_PCIR);
	if (pcir && (pcir > size - 0x18 || get32(p + pcir) != 0x52494350 /* "PCIR" */)) {
		vmi_reject(r->pa, "no PCI data structure at %#x", pcir);
		return false;
	}
	pnp = get16(p + VMI_ROM_OFF_PNP);
	if (pnp && (pnp > size - 0x20 || get32(p + pnp) != 0x506e5024 /* "$PnP" */)) {
		vmi_reject(r->pa, "no PnP expansion header at %#x", pnp);
		return false;
	}
	if (!entry_ok(r, VMI_ROM_OFF_INIT, "vmi_init") ||
	    !entry_ok(r, VMI_ROM_OFF_GET_RELOC, "get_reloc"))
		return false;
	return string_ok(r, get16(p + VMI_ROM_OFF_LICENSE), "license", false) &&
	       string_ok(r, get16(p + VMI_ROM_OFF_NAME), "name", true);
}

int vmi_scan(struct vmi_rom *rom)
{
	const struct pvops_env *env = pvops_cur_env();
	u64 pa;

	if (!env || !env->phys_to_virt || env->entry == PVOPS_ENTRY_XEN_PV)
		return -PVOPS_ENODEV;
	for (pa = VMI_SCAN_START; pa < VMI_SCAN_END; pa += VMI_SCAN_STEP) {
		const u8 *p = env->phys_to_virt(pa);

		if (!p || get16(p) != VMI_ROM_SIGNATURE || get32(p + VMI_ROM_OFF_CLASS) !=
		    VMI_CLASS_SIGNATURE)
			continue;
		pvops_memset(rom, 0, sizeof(*rom));
		rom->pa = pa;
		rom->image = p;
		if (header_ok(rom))
			return 0;
	}
	return -PVOPS_ENODEV;
}
