// SPDX-License-Identifier: MIT
/* io ops against real device registers: the CMOS and PCI configuration ports. */
#include "../ktest.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_NMI_OFF 0x80
#define CMOS_SCRATCH 0x7e	/* a byte of general-purpose CMOS RAM */
#define PCI_ADDR 0xcf8
#define PCI_DATA 0xcfc

static u8 cmos_read(u8 reg)
{
	pvops_io_outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	pvops_cpu_io_delay();
	return pvops_io_inb(CMOS_DATA);
}

static void cmos_write(u8 reg, u8 v)
{
	pvops_io_outb(CMOS_INDEX, CMOS_NMI_OFF | reg);
	pvops_cpu_io_delay();
	pvops_io_outb(CMOS_DATA, v);
}

static void cmos_byte_roundtrip(struct ktest *t)
{
	u8 old = cmos_read(CMOS_SCRATCH);
	static const u8 pats[] = { 0x00, 0xff, 0xa5, 0x5a, 0x3c };
	u32 i;

	for (i = 0; i < ARRAY_SIZE(pats); i++) {
		cmos_write(CMOS_SCRATCH, pats[i]);
		KT_EXPECT_EQ(t, cmos_read(CMOS_SCRATCH), pats[i]);
	}
	cmos_write(CMOS_SCRATCH, old);
	KT_EXPECT_EQ(t, cmos_read(CMOS_SCRATCH), old);
}

static void cmos_word_write(struct ktest *t)
{
	u8 old = cmos_read(CMOS_SCRATCH);

	/* One 16-bit write: the index to 0x70, the value to 0x71. */
	pvops_io_outw(CMOS_INDEX, (u16)(0xc3 << 8 | CMOS_NMI_OFF | CMOS_SCRATCH));
	KT_EXPECT_EQ(t, cmos_read(CMOS_SCRATCH), 0xc3);
	cmos_write(CMOS_SCRATCH, old);
}

static void pci_config_dword_and_word(struct ktest *t)
{
	u32 old = pvops_io_inl(PCI_ADDR);
	u16 vendor;

	pvops_io_outl(PCI_ADDR, 0x80000000U);	/* bus 0, device 0, register 0 */
	KT_EXPECT_EQ(t, pvops_io_inl(PCI_ADDR), 0x80000000U);
	vendor = pvops_io_inw(PCI_DATA);
	KT_EXPECT_MSG(t, vendor != 0xffff && vendor != 0, "host bridge vendor %#x", vendor);
	KT_EXPECT_EQ(t, pvops_io_inw(PCI_DATA), vendor);
	KT_EXPECT_EQ(t, pvops_io_inl(PCI_DATA) & 0xffff, vendor);
	pvops_io_outl(PCI_ADDR, old);
}

static const struct ktest_case io_cases[] = {
	KTEST_CASE(cmos_byte_roundtrip),
	KTEST_CASE(cmos_word_write),
	KTEST_CASE(pci_config_dword_and_word),
	{},
};
KTEST_SUITE(io, io_cases);
