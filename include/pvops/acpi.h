/* SPDX-License-Identifier: MIT */
/*
 * The few ACPI tables pvops reads or a toolstack writes to describe CPUs,
 * as the ACPI Specification 6.5 defines them (section beside each). No
 * Debian package ships these as C headers for a freestanding kernel.
 */
#ifndef PVOPS_ACPI_H
#define PVOPS_ACPI_H

#include <pvops/types.h>

__PVOPS_BEGIN_DECLS

/* §5.2.5.3 Root System Description Pointer (RSDP) Structure */
#define PVOPS_ACPI_RSDP_SIG "RSD PTR "
struct pvops_acpi_rsdp {
	char signature[8];
	pvops_u8 checksum;		/* bytes 0-19 sum to 0 */
	char oem_id[6];
	pvops_u8 revision;		/* 0: ACPI 1.0 (RSDT only), 2: XSDT */
	pvops_u32 rsdt_address;
	pvops_u32 length;		/* revision >= 2 from here */
	pvops_u64 xsdt_address;
	pvops_u8 extended_checksum;	/* the whole structure sums to 0 */
	pvops_u8 reserved[3];
} __attribute__((packed));

/* §5.2.6 System Description Table Header */
struct pvops_acpi_sdt_header {
	char signature[4];
	pvops_u32 length;		/* of the whole table, header included */
	pvops_u8 revision;
	pvops_u8 checksum;		/* the whole table sums to 0 */
	char oem_id[6];
	char oem_table_id[8];
	pvops_u32 oem_revision;
	pvops_u32 creator_id;
	pvops_u32 creator_revision;
} __attribute__((packed));

/* §5.2.12 Multiple APIC Description Table (MADT), signature "APIC" */
struct pvops_acpi_madt {
	struct pvops_acpi_sdt_header header;
	pvops_u32 lapic_address;
	pvops_u32 flags;		/* bit 0: PCAT_COMPAT (8259s present) */
	/* followed by interrupt controller structures */
} __attribute__((packed));

struct pvops_acpi_madt_entry {
	pvops_u8 type;
	pvops_u8 length;
} __attribute__((packed));

/* §5.2.12.2 Processor Local APIC Structure (type 0) */
#define PVOPS_ACPI_MADT_LAPIC 0
struct pvops_acpi_madt_lapic {
	struct pvops_acpi_madt_entry h;	/* length 8 */
	pvops_u8 processor_uid;
	pvops_u8 apic_id;
	pvops_u32 flags;
} __attribute__((packed));

/* §5.2.12.12 Processor Local x2APIC Structure (type 9) */
#define PVOPS_ACPI_MADT_X2APIC 9
struct pvops_acpi_madt_x2apic {
	struct pvops_acpi_madt_entry h;	/* length 16 */
	pvops_u16 reserved;
	pvops_u32 x2apic_id;
	pvops_u32 flags;
	pvops_u32 processor_uid;
} __attribute__((packed));

/* Table 5.40 Local APIC Flags */
#define PVOPS_ACPI_MADT_ENABLED 0x1
#define PVOPS_ACPI_MADT_ONLINE_CAPABLE 0x2

/* The 8-bit sum of len bytes (0 for a table with a good checksum). */
static inline pvops_u8 pvops_acpi_sum(const void *p, pvops_u64 len)
{
	const pvops_u8 *b = (const pvops_u8 *)p;
	pvops_u8 s = 0;

	while (len--)
		s = (pvops_u8)(s + *b++);
	return s;
}

__PVOPS_END_DECLS
#endif /* PVOPS_ACPI_H */
