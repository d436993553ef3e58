/* SPDX-License-Identifier: MIT */
/*
 * The few ACPI tables pvops reads or a toolstack writes to describe CPUs,
 * as the ACPI Specification 6.5 defines them (section beside each). No
 * Debian package ships these as C headers for a freestanding kernel.
 */
#ifndef PVOPS_ACPI_H
#define PVOPS_ACPI_H

#include <pvops/types.h>

/* §5.2.5.3 Root System Description Pointer (RSDP) Structure */
#define ACPI_RSDP_SIG "RSD PTR "
struct acpi_rsdp {
	char signature[8];
	u8 checksum;		/* bytes 0-19 sum to 0 */
	char oem_id[6];
	u8 revision;		/* 0: ACPI 1.0 (RSDT only), 2: XSDT */
	u32 rsdt_address;
	u32 length;		/* revision >= 2 from here */
	u64 xsdt_address;
	u8 extended_checksum;	/* the whole structure sums to 0 */
	u8 reserved[3];
} __attribute__((packed));

/* §5.2.6 System Description Table Header */
struct acpi_sdt_header {
	char signature[4];
	u32 length;		/* of the whole table, header included */
	u8 revision;
	u8 checksum;		/* the whole table sums to 0 */
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __attribute__((packed));

/* §5.2.12 Multiple APIC Description Table (MADT), signature "APIC" */
struct acpi_madt {
	struct acpi_sdt_header header;
	u32 lapic_address;
	u32 flags;		/* bit 0: PCAT_COMPAT (8259s present) */
	/* followed by interrupt controller structures */
} __attribute__((packed));

struct acpi_madt_entry {
	u8 type;
	u8 length;
} __attribute__((packed));

/* §5.2.12.2 Processor Local APIC Structure (type 0) */
#define ACPI_MADT_LAPIC 0
struct acpi_madt_lapic {
	struct acpi_madt_entry h;	/* length 8 */
	u8 processor_uid;
	u8 apic_id;
	u32 flags;
} __attribute__((packed));

/* §5.2.12.12 Processor Local x2APIC Structure (type 9) */
#define ACPI_MADT_X2APIC 9
struct acpi_madt_x2apic {
	struct acpi_madt_entry h;	/* length 16 */
	u16 reserved;
	u32 x2apic_id;
	u32 flags;
	u32 processor_uid;
} __attribute__((packed));

/* Table 5.40 Local APIC Flags */
#define ACPI_MADT_ENABLED 0x1
#define ACPI_MADT_ONLINE_CAPABLE 0x2

/* The 8-bit sum of len bytes (0 for a table with a good checksum). */
static inline u8 pvops_acpi_sum(const void *p, u64 len)
{
	const u8 *b = p;
	u8 s = 0;

	while (len--)
		s = (u8)(s + *b++);
	return s;
}

#endif /* PVOPS_ACPI_H */
