// SPDX-License-Identifier: MIT
/*
 * smp.enum_cpus on native and hardware-virtualized machines: the CPUs the
 * firmware (or the toolstack) lists in the ACPI MADT. The RSDP comes from
 * the PVH start info when the loader gave one, otherwise from the BIOS
 * areas (§5.2.5.1: the first KiB of the EBDA, then 0xE0000-0xFFFFF). Every
 * table is checked (signature, length, checksum) before it is believed; a
 * machine without a usable MADT has one CPU: this one.
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

/* The RSDP at pa, mapped with the length a 2.0 RSDP gives, or NULL. */
static const struct pvops_acpi_rsdp *rsdp_at(u64 pa)
{
	const struct pvops_acpi_rsdp *r = map(pa, sizeof(*r));
	u32 len;

	if (!r || !rsdp_head_ok(r))
		return NULL;
	if (r->revision < 2)
		return r;
	len = r->length;
	if (len < sizeof(*r) || len >= 4096)
		return NULL;
	r = map(pa, len);
	return r && rsdp_valid(r, len) ? r : NULL;
}

static const struct pvops_acpi_rsdp *find_rsdp(void)
{
	const struct pvops_env *env = pvops_cur_env();
	const struct pvops_acpi_rsdp *r;
	const u16 *ebda_seg;

	if (env->entry == PVOPS_ENTRY_PVH && env->entry_info && env->virt_to_phys) {
		/* By its physical address: the kernel may no longer map the loader's data. */
		const void *p = map(env->virt_to_phys(env->entry_info), sizeof(struct pvh_start_info));
		struct pvh_start_info si;

		/* Copied: the loader's structure may sit at any address. */
		if (p)
			pvops_memcpy(&si, p, sizeof(si));
		if (p && si.magic == PVH_START_MAGIC && si.version >= 1 && si.rsdp_paddr) {
			r = rsdp_at(si.rsdp_paddr);
			if (r)
				return r;
			pvops_log("native: the PVH start info's RSDP at %#llx is not valid\n",
				  (u64)si.rsdp_paddr);
		}
	}
	ebda_seg = map(0x40e, 2);
	if (ebda_seg && *ebda_seg >= 0x1000 && *ebda_seg < 0xa000) {
		r = scan((u64)*ebda_seg << 4, 1024);
		if (r)
			return r;
	}
	return scan(BIOS_AREA, BIOS_AREA_LEN);
}

/* A table whose header, length and checksum hold, or NULL. */
static const struct pvops_acpi_sdt_header *table(u64 pa, const char *sig)
{
	const struct pvops_acpi_sdt_header *h = map(pa, sizeof(*h));

	if (!h || (sig && pvops_memcmp(h->signature, sig, 4)) || h->length < sizeof(*h) ||
	    h->length > MAX_TABLE_LEN)
		return NULL;
	h = map(pa, h->length);
	if (!h || pvops_acpi_sum(h, h->length)) {
		pvops_log("native: ACPI table %.4s at %#llx: bad checksum\n", sig ? sig : "?", pa);
		return NULL;
	}
	return h;
}

static const struct pvops_acpi_madt *find_madt(const struct pvops_acpi_rsdp *r)
{
	const struct pvops_acpi_sdt_header *root, *h;
	bool x = r->revision >= 2 && r->xsdt_address;
	u32 n, i, esz = x ? 8 : 4;

	root = x ? table(r->xsdt_address, "XSDT") : table(r->rsdt_address, "RSDT");
	if (!root)
		return NULL;
	n = (root->length - (u32)sizeof(*root)) / esz;
	for (i = 0; i < n; i++) {
		const u8 *e = (const u8 *)(root + 1) + i * esz;
		u64 pa = 0;

		pvops_memcpy(&pa, e, esz);
		h = table(pa, NULL);
		if (h && !pvops_memcmp(h->signature, "APIC", 4) &&
		    h->length >= sizeof(struct pvops_acpi_madt))
			return (const struct pvops_acpi_madt *)h;
	}
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
