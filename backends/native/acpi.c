// SPDX-License-Identifier: MIT
/*
 * smp.enum_cpus on native and hardware-virtualized machines: the CPUs the
 * firmware (or the toolstack) lists in the ACPI MADT. The RSDP comes from
 * the PVH start info when the loader gave one, else from a multiboot2 ACPI
 * tag, else from the BIOS areas (§5.2.5.1: the first KiB of the EBDA, then
 * 0xE0000-0xFFFFF); the loader's structure is read at pvops_init_early
 * (pvops_native_acpi_note_boot), since the kernel may reuse its memory. Every
 * table is checked (signature, length, checksum) before it is believed, and
 * every rejection is said with the table and the reason; a machine without
 * a usable MADT has one CPU: this one.
 */
#include "native.h"
#include <pvops/acpi.h>
#include <pvops/fmt.h>
#include "pvh_start.h"

#define BIOS_AREA 0xe0000
#define BIOS_AREA_LEN 0x20000
#define MAX_TABLE_LEN 0x10000

static const void *map(u64 pa, u64 len)
{
	const struct pvops_env *env = pvops_cur_env();

	const u8 *p;

	if (!env || !env->map_mmio)
		return NULL;
	p = env->map_mmio(pa & ~0xfffULL, len + (pa & 0xfff));
	return p ? p + (pa & 0xfff) : NULL;
}

/* The first 20 bytes of an RSDP (ACPI 1.0's whole structure): signature and checksum. */
static bool rsdp_head_ok(const struct pvops_acpi_rsdp *r)
{
	return !pvops_memcmp(r->signature, PVOPS_ACPI_RSDP_SIG, 8) && !pvops_acpi_sum(r, 20);
}

/*
 * An RSDP whose checksums hold, at most avail bytes of which are mapped: a
 * 2.0 RSDP's own length is believed only within them (its extended checksum
 * covers length bytes, up to 4 KiB).
 */
static bool rsdp_valid(const struct pvops_acpi_rsdp *r, u64 avail)
{
	if (avail < 20 || !rsdp_head_ok(r))
		return false;
	if (r->revision < 2)
		return true;
	return avail >= sizeof(*r) && r->length >= sizeof(*r) && r->length < 4096 &&
	       r->length <= avail && !pvops_acpi_sum(r, r->length);
}

static const struct pvops_acpi_rsdp *scan(u64 pa, u64 len)
{
	const u8 *p = map(pa, len);
	u64 off;

	for (off = 0; p && off + sizeof(struct pvops_acpi_rsdp) <= len; off += 16)
		if (rsdp_valid((const struct pvops_acpi_rsdp *)(p + off), len - off))
			return (const struct pvops_acpi_rsdp *)(p + off);
	return NULL;
}

/* The RSDP at pa, mapped with the length a 2.0 RSDP gives, or NULL with the reason said. */
static const struct pvops_acpi_rsdp *rsdp_at(u64 pa, const char *from)
{
	const struct pvops_acpi_rsdp *r = map(pa, sizeof(*r));
	u32 len;

	if (!r) {
		pvops_log("native: ACPI: the RSDP at %#llx (%s) cannot be mapped\n", pa, from);
		return NULL;
	}
	if (pvops_memcmp(r->signature, PVOPS_ACPI_RSDP_SIG, 8)) {
		pvops_log("native: ACPI: no RSDP signature at %#llx (%s)\n", pa, from);
		return NULL;
	}
	if (pvops_acpi_sum(r, 20)) {
		pvops_log("native: ACPI: the RSDP at %#llx (%s): bad checksum\n", pa, from);
		return NULL;
	}
	if (r->revision < 2)
		return r;
	len = r->length;
	if (len < sizeof(*r) || len >= 4096) {
		pvops_log("native: ACPI: the RSDP at %#llx (%s): revision %u with length %u "
			  "(%u to 4095)\n", pa, from, r->revision, len, (u32)sizeof(*r));
		return NULL;
	}
	r = map(pa, len);
	if (!r || !rsdp_valid(r, len)) {
		pvops_log("native: ACPI: the RSDP at %#llx (%s): bad extended checksum\n", pa,
			  from);
		return NULL;
	}
	return r;
}

#define MB2_TAG_END 0
#define MB2_TAG_ACPI_OLD 14	/* a copy of the ACPI 1.0 RSDP (Multiboot2 spec 3.6.14) */
#define MB2_TAG_ACPI_NEW 15	/* a copy of the ACPI 2.0+ RSDP (3.6.15) */
#define MB2_INFO_MAX 0x10000

/*
 * What the loader said about ACPI, noted at pvops_init_early while the
 * loader's structure is the kernel's to read (it may reuse that memory
 * later): the PVH start info's RSDP address, or the RSDP a multiboot2 ACPI
 * tag carries (a copy, the new tag preferred to the old).
 */
static u64 boot_rsdp_pa;
static struct pvops_acpi_rsdp boot_rsdp;
static bool have_boot_rsdp;

static void note_mb2(const u8 *p)
{
	u32 total = *(const u32 *)p, off;

	if (total < 16 || total > MB2_INFO_MAX) {
		pvops_log("native: ACPI: the multiboot2 information is %u bytes (16 to %u); "
			  "its ACPI tags are not read\n", total, MB2_INFO_MAX);
		return;
	}
	for (off = 8; off + 8 <= total;) {
		u32 type = *(const u32 *)(p + off), size = *(const u32 *)(p + off + 4);
		u32 len = size - 8 < sizeof(boot_rsdp) ? size - 8 : (u32)sizeof(boot_rsdp);
		struct pvops_acpi_rsdp r;

		if (type == MB2_TAG_END || size < 8 || size > total - off)
			break;
		if (type == MB2_TAG_ACPI_NEW || (type == MB2_TAG_ACPI_OLD && !have_boot_rsdp)) {
			pvops_memset(&r, 0, sizeof(r));
			pvops_memcpy(&r, p + off + 8, len);
			if (rsdp_valid(&r, len)) {
				boot_rsdp = r;
				have_boot_rsdp = true;
			} else {
				pvops_log("native: ACPI: the multiboot2 %s ACPI tag's RSDP is not "
					  "valid (signature, checksum or length)\n",
					  type == MB2_TAG_ACPI_NEW ? "new" : "old");
			}
		}
		off += (size + 7) & ~7U;
	}
}

void pvops_native_acpi_note_boot(const struct pvops_env *env)
{
	boot_rsdp_pa = 0;
	have_boot_rsdp = false;
	if (!env || !env->entry_info)
		return;
	if (env->entry == PVOPS_ENTRY_PVH) {
		struct pvh_start_info si;

		/* Copied: the loader's structure may sit at any alignment. */
		pvops_memcpy(&si, env->entry_info, sizeof(si));
		if (si.magic != PVH_START_MAGIC)
			pvops_log("native: ACPI: the PVH start info has magic %#x, not %#x\n",
				  si.magic, PVH_START_MAGIC);
		else	/* rsdp_paddr is a version 0 field: every version has it */
			boot_rsdp_pa = si.rsdp_paddr;
	} else if (env->entry == PVOPS_ENTRY_MULTIBOOT2) {
		note_mb2(env->entry_info);
	}
}

static const struct pvops_acpi_rsdp *find_rsdp(void)
{
	const struct pvops_acpi_rsdp *r;
	const u16 *ebda_seg;

	if (boot_rsdp_pa) {
		r = rsdp_at(boot_rsdp_pa, "the PVH start info's");
		if (r)
			return r;
	}
	if (have_boot_rsdp)
		return &boot_rsdp;
	ebda_seg = map(0x40e, 2);
	if (ebda_seg && *ebda_seg >= 0x1000 && *ebda_seg < 0xa000) {
		r = scan((u64)*ebda_seg << 4, 1024);
		if (r)
			return r;
	}
	r = scan(BIOS_AREA, BIOS_AREA_LEN);
	if (!r)
		pvops_log("native: ACPI: no valid RSDP in the EBDA or at 0xe0000-0xfffff\n");
	return r;
}

/* A table whose header, length and checksum hold, or NULL with the reason said. */
static const struct pvops_acpi_sdt_header *table(u64 pa, const char *sig, const char *from)
{
	const struct pvops_acpi_sdt_header *h = map(pa, sizeof(*h));
	u32 len;

	if (!h) {
		pvops_log("native: ACPI: %s at %#llx (%s) cannot be mapped\n",
			  sig ? sig : "a table", pa, from);
		return NULL;
	}
	if (sig && pvops_memcmp(h->signature, sig, 4)) {
		pvops_log("native: ACPI: %s at %#llx (%s) has signature %.4s\n", sig, pa, from,
			  h->signature);
		return NULL;
	}
	len = h->length;
	if (len < sizeof(*h) || len > MAX_TABLE_LEN) {
		pvops_log("native: ACPI: %.4s at %#llx (%s): length %u (%u to %u)\n", h->signature,
			  pa, from, len, (u32)sizeof(*h), MAX_TABLE_LEN);
		return NULL;
	}
	h = map(pa, len);
	if (!h) {
		pvops_log("native: ACPI: %.4s at %#llx (%s): its %u bytes cannot be mapped\n",
			  sig ? sig : "table", pa, from, len);
		return NULL;
	}
	/* Checked where it is mapped in full: the header may have changed under us. */
	if (h->length != len || pvops_acpi_sum(h, len)) {
		pvops_log("native: ACPI: %.4s at %#llx (%s): bad checksum\n", h->signature, pa,
			  from);
		return NULL;
	}
	return h;
}

static const struct pvops_acpi_madt *find_madt(const struct pvops_acpi_rsdp *r)
{
	const struct pvops_acpi_sdt_header *root, *h;
	bool x = r->revision >= 2 && r->xsdt_address;
	u32 n, i, esz = x ? 8 : 4;

	root = x ? table(r->xsdt_address, "XSDT", "the RSDP's") :
		   table(r->rsdt_address, "RSDT", "the RSDP's");
	if (!root)
		return NULL;
	n = (root->length - (u32)sizeof(*root)) / esz;
	for (i = 0; i < n; i++) {
		const u8 *e = (const u8 *)(root + 1) + i * esz;
		u64 pa = 0;

		pvops_memcpy(&pa, e, esz);
		h = table(pa, NULL, x ? "listed in the XSDT" : "listed in the RSDT");
		if (!h || pvops_memcmp(h->signature, "APIC", 4))
			continue;
		if (h->length >= sizeof(struct pvops_acpi_madt))
			return (const struct pvops_acpi_madt *)h;
		pvops_log("native: ACPI: the MADT at %#llx is %u bytes, shorter than its "
			  "fixed part\n", pa, h->length);
	}
	pvops_log("native: ACPI: the %s's %u entries hold no usable MADT\n", x ? "XSDT" : "RSDT",
		  n);
	return NULL;
}

int native_enum_cpus(struct pvops_cpu_set *cpus, u32 *self)
{
	const struct pvops_acpi_rsdp *r;
	const struct pvops_acpi_madt *m;
	const u8 *p, *end;
	int n = 0;

	pvops_cpu_set_clear(cpus);
	*self = pvops_raw_apic_id();
	r = find_rsdp();
	m = r ? find_madt(r) : NULL;
	if (!m) {
		pvops_log("native: no ACPI MADT: this CPU is the only one\n");
		pvops_cpu_set_add(cpus, *self);
		return 1;
	}
	p = (const u8 *)(m + 1);
	end = (const u8 *)m + m->header.length;
	while (p + 2 <= end) {
		const struct pvops_acpi_madt_entry *e = (const void *)p;
		u32 id = ~0U, flags = 0;

		if (e->length < 2 || p + e->length > end) {
			pvops_log("native: MADT entry of length %u at offset %llu runs past "
				  "the table; the rest is ignored\n", e->length,
				  (u64)(p - (const u8 *)m));
			break;
		}
		if (e->type == PVOPS_ACPI_MADT_LAPIC && e->length >= sizeof(struct pvops_acpi_madt_lapic)) {
			id = ((const struct pvops_acpi_madt_lapic *)p)->apic_id;
			flags = ((const struct pvops_acpi_madt_lapic *)p)->flags;
		} else if (e->type == PVOPS_ACPI_MADT_X2APIC &&
			   e->length >= sizeof(struct pvops_acpi_madt_x2apic)) {
			id = ((const struct pvops_acpi_madt_x2apic *)p)->x2apic_id;
			flags = ((const struct pvops_acpi_madt_x2apic *)p)->flags;
		}
		p += e->length;
		if (id == ~0U || !(flags & (PVOPS_ACPI_MADT_ENABLED | PVOPS_ACPI_MADT_ONLINE_CAPABLE)))
			continue;
		if (id > PVOPS_MAX_CPU_ID) {
			pvops_log("native: CPU with APIC id %u is beyond the ids pvops names; "
				  "left out\n", id);
			continue;
		}
		if (!pvops_cpu_set_has(cpus, id))
			n++;
		pvops_cpu_set_add(cpus, id);
	}
	if (!pvops_cpu_set_has(cpus, *self)) {
		pvops_log("native: the MADT does not list this CPU (APIC id %u); added\n", *self);
		pvops_cpu_set_add(cpus, *self);
		n++;
	}
	return n;
}
