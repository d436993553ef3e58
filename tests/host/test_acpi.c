// SPDX-License-Identifier: MIT
/*
 * native smp.enum_cpus's ACPI path (backends/native/acpi.c) on a machine
 * laid out in host memory:
 *   - the RSDP a PVH start info or a multiboot2 ACPI tag names is noted at
 *     pvops_init_early (pvops_native_acpi_note_boot), so a kernel that
 *     reuses the loader's page before smp.enum_cpus still finds the MADT
 *     (libxl's PVH start info was overwritten so under xl: 1 of 2 vCPUs);
 *   - every rejection says which table and why.
 */
#include "tap.h"
#include "internal.h"
#include "../../backends/native/native.h"
#include "../../backends/native/pvh_start.h"
#include <pvops/acpi.h>

#include "logged.h"

#define MEM 0x100000
static u8 mem[MEM] __attribute__((aligned(4096)));
static struct pvops_env env;

const struct pvops_env *pvops_cur_env(void)
{
	return &env;
}

u32 pvops_raw_apic_id(void)
{
	return 0;
}

static void *map_mmio(u64 pa, u64 len)
{
	return pa < MEM && len <= MEM - pa ? mem + pa : NULL;
}

static u64 virt_to_phys(const void *va)
{
	return (u64)((const u8 *)va - mem);
}

static void fix(void *p, u32 len, u8 *sum)
{
	*sum = 0;
	*sum = (u8)(0x100 - pvops_acpi_sum(p, len));
}

#define RSDP_PA 0x1000
#define XSDT_PA 0x2000
#define MADT_PA 0x3000
#define INFO_PA 0x8000

/* RSDP 2.0 at RSDP_PA -> XSDT -> MADT with APIC ids 0 and 2. */
static void machine(void)
{
	struct pvops_acpi_rsdp *r = (void *)(mem + RSDP_PA);
	struct pvops_acpi_sdt_header *x = (void *)(mem + XSDT_PA);
	struct pvops_acpi_madt *m = (void *)(mem + MADT_PA);
	struct pvops_acpi_madt_lapic *l = (void *)(m + 1);
	u64 madt = MADT_PA;
	int i;

	memset(mem, 0, sizeof(mem));
	memcpy(r->signature, PVOPS_ACPI_RSDP_SIG, 8);
	r->revision = 2;
	r->length = sizeof(*r);
	r->xsdt_address = XSDT_PA;
	fix(r, 20, &r->checksum);
	fix(r, sizeof(*r), &r->extended_checksum);
	memcpy(x->signature, "XSDT", 4);
	x->length = sizeof(*x) + 8;
	memcpy(x + 1, &madt, 8);
	fix(x, x->length, &x->checksum);
	memcpy(m->header.signature, "APIC", 4);
	m->header.length = sizeof(*m) + 2 * sizeof(*l);
	for (i = 0; i < 2; i++) {
		l[i].h.type = PVOPS_ACPI_MADT_LAPIC;
		l[i].h.length = sizeof(*l);
		l[i].apic_id = (u8)(2 * i);
		l[i].flags = PVOPS_ACPI_MADT_ENABLED;
	}
	fix(m, m->header.length, &m->header.checksum);
}

/* A PVH boot whose start info names the RSDP, noted as pvops_init_early notes it. */
static void pvh_boot(u32 magic)
{
	struct pvh_start_info *si = (void *)(mem + INFO_PA);

	si->magic = magic;
	si->version = 0; /* rsdp_paddr is a version 0 field */
	si->rsdp_paddr = RSDP_PA;
	env.entry = PVOPS_ENTRY_PVH;
	env.entry_info = si;
	logged[0] = 0;
	pvops_native_acpi_note_boot(&env);
}

static int cpus(void)
{
	struct pvops_cpu_set set;
	u32 self;

	return native_enum_cpus(&set, &self);
}

int main(void)
{
	struct pvh_start_info *si = (void *)(mem + INFO_PA);
	u32 *mb2 = (void *)(mem + INFO_PA);
	int n;

	env.map_mmio = map_mmio;
	env.virt_to_phys = virt_to_phys;

	/* PVH: the start info noted at init, then overwritten by the kernel. */
	machine();
	pvh_boot(PVH_START_MAGIC);
	memset(si, 0x23, 64);
	n = cpus();
	OK(n == 2,
	   "PVH: the start info's RSDP, noted at init, still leads to the MADT after the "
	   "kernel reused the page: %d CPUs (%s)",
	   n, logged);

	/* Multiboot2: the RSDP copy in the new ACPI tag (15), the BIOS areas empty. */
	machine();
	mb2[0] = 8 + 8 + 36 + 4 + 8; /* total: header, tag 15 (8 + 36, padded), end tag */
	mb2[2] = 15;
	mb2[3] = 8 + 36;
	memcpy(&mb2[4], mem + RSDP_PA, 36);
	mb2[(8 + 8 + 36 + 4) / 4] = 0; /* end tag */
	mb2[(8 + 8 + 36 + 4) / 4 + 1] = 8;
	memset(mem + RSDP_PA, 0, 36); /* only the tag's copy is left */
	env.entry = PVOPS_ENTRY_MULTIBOOT2;
	env.entry_info = mb2;
	logged[0] = 0;
	pvops_native_acpi_note_boot(&env);
	memset(mb2, 0, 64);
	n = cpus();
	OK(n == 2, "multiboot2: the ACPI tag's RSDP copy leads to the MADT: %d CPUs (%s)", n,
	   logged);

	/* Each rejection names the table and the reason. */
	machine();
	pvh_boot(PVH_START_MAGIC);
	mem[MADT_PA + 40] ^= 1; /* the MADT's checksum breaks */
	n = cpus();
	OK(n == 1 &&
		   strstr(logged,
			  "native: ACPI: APIC at 0x3000 (listed in the XSDT): bad checksum") &&
		   strstr(logged, "the XSDT's 1 entries hold no usable MADT"),
	   "a MADT with a bad checksum is named, and so is the XSDT that had no other (%s)",
	   logged);

	machine();
	pvh_boot(PVH_START_MAGIC);
	memcpy(mem + XSDT_PA, "RSDT", 4);
	n = cpus();
	OK(n == 1 && strstr(logged, "native: ACPI: XSDT at 0x2000 (the RSDP's) has signature RSDT"),
	   "a root table of the wrong signature is named (%s)", logged);

	machine();
	pvh_boot(PVH_START_MAGIC);
	mem[RSDP_PA + 8] ^= 1; /* the RSDP's checksum breaks */
	n = cpus();
	OK(n == 1 && strstr(logged, "native: ACPI: the RSDP at 0x1000 (the PVH start info's): bad "
				    "checksum"),
	   "an RSDP with a bad checksum is named with where it came from (%s)", logged);

	machine();
	pvh_boot(0x12345678);
	n = cpus();
	OK(n == 1 && strstr(logged, "native: ACPI: the PVH start info has magic 0x12345678"),
	   "a start info of the wrong magic is said at init (%s)", logged);
	return tap_done();
}
