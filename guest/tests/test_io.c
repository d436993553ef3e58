// SPDX-License-Identifier: MIT
/* io ops against real device registers: the CMOS and the PCI configuration ports. */
#include "../ktest/ktest.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_NMI_OFF 0x80
#define CMOS_SECONDS_ALARM 0x01
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
	static const u8 pats[] = { 0x00, 0xff, 0xa5, 0x5a, 0x3c };
	u8 reg = CMOS_SCRATCH, old;
	u32 i;

	/* Status register A reads all-ones only where no RTC answers (a PVH domain). */
	if (cmos_read(0x0a) == 0xff) {
		ktest_skip(t, "no RTC/CMOS at ports 0x70/0x71 (status A reads 0xff)");
		return;
	}
	/*
	 * Xen's own RTC (an HVM domain without a device model) has the clock's
	 * registers but no CMOS RAM: use the seconds-alarm register there.
	 */
	old = cmos_read(reg);
	cmos_write(reg, 0x00);
	if (old == 0xff && cmos_read(reg) == 0xff) {
		reg = CMOS_SECONDS_ALARM;
		printk("    # cmos_byte_roundtrip: no CMOS RAM at %#x; using the RTC's register %#x\n",
		       CMOS_SCRATCH, reg);
		old = cmos_read(reg);
	}
	for (i = 0; i < ARRAY_SIZE(pats); i++) {
		cmos_write(reg, pats[i]);
		KT_EXPECT_EQ(t, cmos_read(reg), pats[i]);
	}
	cmos_write(reg, old);
	KT_EXPECT_EQ(t, cmos_read(reg), old);
}

/*
 * A 16-bit write to a real 16-bit register: the PCI interrupt-line register
 * (0x3c, writable scratch for software) of the IDE function 0:1.1, with the
 * read-only interrupt-pin byte above it.
 */
static void pci_config_word_write(struct ktest *t)
{
	const u32 addr = 0x80000000U | (1U << 11) | (1U << 8);	/* bus 0, dev 1, fn 1 */
	u32 old_addr = pvops_io_inl(PCI_ADDR);
	u16 old, now;

	pvops_io_outl(PCI_ADDR, addr);
	if (pvops_io_inw(PCI_DATA) == 0xffff) {
		pvops_io_outl(PCI_ADDR, old_addr);
		ktest_skip(t, "no PCI function at 0:1.1");
		return;
	}
	pvops_io_outl(PCI_ADDR, addr | 0x3c);
	old = pvops_io_inw(PCI_DATA);
	pvops_io_outw(PCI_DATA, (u16)((old & 0xff00) | 0xa5));
	now = pvops_io_inw(PCI_DATA);
	KT_EXPECT_EQ(t, now & 0xff, 0xa5);
	KT_EXPECT_EQ(t, now & 0xff00, old & 0xff00);	/* the pin stays */
	pvops_io_outw(PCI_DATA, (u16)((old & 0xff00) | 0x5a));
	KT_EXPECT_EQ(t, pvops_io_inb(PCI_DATA), 0x5a);
	pvops_io_outw(PCI_DATA, old);
	KT_EXPECT_EQ(t, pvops_io_inw(PCI_DATA), old);
	pvops_io_outl(PCI_ADDR, old_addr);
}

static void pci_config_dword_and_word(struct ktest *t)
{
	u32 old = pvops_io_inl(PCI_ADDR);
	u16 vendor;

	if (pvops_backend_caps() & PVOPS_CAP_NO_LEGACY_IO) {
		/* Xen keeps a PV domU's 0xcf8 for it, but no device answers at 0xcfc. */
		ktest_skip(t, "no legacy devices here (PVOPS_CAP_NO_LEGACY_IO: a Xen PV domU)");
		return;
	}
	pvops_io_outl(PCI_ADDR, 0x80000000U);	/* bus 0, device 0, register 0 */
	if (pvops_io_inl(PCI_ADDR) == 0xffffffffU) {
		ktest_skip(t, "no PCI configuration mechanism at 0xcf8 (reads all-ones)");
		return;
	}
	KT_EXPECT_EQ(t, pvops_io_inl(PCI_ADDR), 0x80000000U);
	vendor = pvops_io_inw(PCI_DATA);
	KT_EXPECT_MSG(t, vendor != 0xffff && vendor != 0, "host bridge vendor %#x", vendor);
	KT_EXPECT_EQ(t, pvops_io_inw(PCI_DATA), vendor);
	KT_EXPECT_EQ(t, pvops_io_inl(PCI_DATA) & 0xffff, vendor);
	pvops_io_outl(PCI_ADDR, old);
}

/*
 * ABI 1.3: io.outs and io.ins against the single-port ops. The data port
 * does not advance, so each item of a string read is the same register.
 */
static void string_io_matches_single(struct ktest *t)
{
	u32 old = pvops_io_inl(PCI_ADDR), addr = 0x80000000U, d;
	u16 w[2] = { 0, 0 };
	u8 b[3] = { 0, 0, 0 };

	pvops_io_outs(PCI_ADDR, &addr, 1, 4);
	if (pvops_io_inl(PCI_ADDR) == 0xffffffffU) {
		ktest_skip(t, "no PCI configuration mechanism at 0xcf8 (reads all-ones)");
		pvops_io_outl(PCI_ADDR, old);
		return;
	}
	KT_EXPECT_EQ(t, pvops_io_inl(PCI_ADDR), addr);
	d = pvops_io_inl(PCI_DATA);
	pvops_io_ins(PCI_DATA, w, 2, 2);
	pvops_io_ins(PCI_DATA, b, 2, 1);
	KT_EXPECT_EQ(t, w[0], d & 0xffff);
	KT_EXPECT_EQ(t, w[1], d & 0xffff);
	KT_EXPECT_EQ(t, b[0], d & 0xff);
	KT_EXPECT_EQ(t, b[1], d & 0xff);
	KT_EXPECT_EQ(t, b[2], 0);	/* count is count */
	pvops_io_outl(PCI_ADDR, old);
}

static const struct ktest_case io_cases[] = {
	KTEST_CASE(cmos_byte_roundtrip),
	KTEST_CASE(pci_config_word_write),
	KTEST_CASE(pci_config_dword_and_word),
	KTEST_CASE(string_io_matches_single),
	{},
};
KTEST_SUITE(io, io_cases);
