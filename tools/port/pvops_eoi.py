# SPDX-License-Identifier: MIT
"""Local APIC end-of-interrupt writes (tools/port/eoi.cocci asks).

The EOI register is at offset 0xb0 of the xAPIC page (index 0x2c of a u32
array) and is MSR 0x80b in x2APIC mode. A write is an EOI when its address or
register argument is spelled with one of those numbers or with a name holding
EOI (APIC_EOI, LAPIC_EOI, EOI, X2APIC_EOI, MSR_X2APIC_EOI...), in a store to
the APIC page or in a call to a register-write helper (a function whose name
holds apic or msr and w/write/set: lapicw, lapic_write, apic_write,
x2apic_wrmsr, wrmsr, native_apic_mem_write...).
"""
import re

EOI_ARG = re.compile(r"(?i)(?<![A-Za-z0-9])eoi(?![A-Za-z0-9])|\b0x0*b0\b|\b0x0*b0\s*/\s*4\b|\b176\b|\b0x0*2c\b|\b44\b|\b0x80b\b|\b2059\b")
EOI_NAME = re.compile(r"(?i)eoi")
APIC_BASE = re.compile(r"(?i)apic|lapic")
WRITE_FN = re.compile(r"(?i)(apic|msr).*(w|write|set|out)|(w|write|set).*(apic|msr)")


def store_is_eoi(lhs):
    """lapic[EOI] = 0, *(volatile u32 *)(lapic_base + 0xb0) = 0, lapic->eoi = 0."""
    return bool(APIC_BASE.search(lhs) and (EOI_ARG.search(lhs) or EOI_NAME.search(lhs)))


def call_is_eoi(fn, first_arg):
    return bool(WRITE_FN.search(fn) and EOI_ARG.search(first_arg))
