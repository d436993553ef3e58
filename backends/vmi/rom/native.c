// SPDX-License-Identifier: MIT
/*
 * The reference VMI 4.1 ROM ("native ROM"): every call done with the
 * native instructions, so that a guest's whole conformance suite can run
 * through a ROM on bare metal or under QEMU, and the template a hypervisor
 * vendor starts from. Position independent; its only writable memory is
 * the data area the guest hands over (header field data_va).
 *
 * The APIC calls and alarms use x2APIC MSRs (an option ROM cannot reach
 * the xAPIC page without the guest's mappings): get_reloc() answers NONE
 * for them on a CPU without x2APIC (alarms also need TSC-deadline mode),
 * and the guest keeps its own code. Cycle counters are the TSC, its rate
 * measured against the PIT in init; nothing is ever stolen on bare metal.
 *
 * Longer than most files (~390 lines): it is the ROM's call table, one
 * short function per VMI call in the order of spec/VMI.md, which a vendor
 * reads as one list. *
 * Like its start-up code (ap.S), the ROM keeps its own copies of the
 * instruction helpers (backends/native/insn.h) and of the PIT calibration
 * (backends/native/calibrate.c): it stands for a hypervisor's ROM and links
 * nothing of the library.
 */
#include "rom.h"

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned long uptr;

_Static_assert(ROM_NR_CALLS == VMI_NR_CALLS_4_1, "rom.h: ROM_NR_CALLS is every 4.1 call");
_Static_assert(sizeof(struct rom_reloc) == ROM_RELOC_SIZE, "calls.S rows");

struct rom_state {
	u64 tsc_hz;
	u32 x2apic;		/* CPUID: x2APIC (APIC calls offered) */
	u32 deadline;		/* CPUID: TSC-deadline timer (alarms offered) */
	u32 alarm_vector;
};
_Static_assert(sizeof(struct rom_state) <= VMI_ROM_DATA_SIZE, "header data_size");

extern const u8 vmi_rom_header[];
extern const u64 vmi_rom_data_va;
extern const struct rom_reloc vmi_rom_relocs[], vmi_rom_relocs_end[];
/* 0 (header.S); the corpus tool (tools/vmi-rom) turns it into an init failure. */
extern const volatile int vmi_rom_init_result;

int vmi_rom_init(const struct vmi_init_args *args);
int vmi_rom_get_reloc(u32 call, struct vmi_reloc *out);

static struct rom_state *state(void)
{
	return (struct rom_state *)(uptr)vmi_rom_data_va;
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)) : "memory");
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(u16 port, u8 v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(u16 port, u16 v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

struct regs {
	u32 eax, ebx, ecx, edx;
};

void vmi_cpuid(u32 leaf, u32 subleaf, struct regs *r);
void vmi_cpuid(u32 leaf, u32 subleaf, struct regs *r)
{
	__asm__ volatile("cpuid" : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
			 : "a"(leaf), "c"(subleaf));
}

/* PIT channel 2's count now (latched), with the TSC read just before and after. */
static u16 pit_count(u64 *a, u64 *b)
{
	u8 lo, hi;

	*a = rdtsc();
	outb(0x43, 0x80);
	lo = inb(0x42);
	hi = inb(0x42);
	*b = rdtsc();
	return (u16)(lo | hi << 8);
}

/* The tightest of three (count, TSC) pairs: *tsc the bracket's middle, *w its width. */
static u16 pit_sample(u64 *tsc, u64 *w)
{
	u64 a, b;
	u16 c, best = 0;
	int i;

	*w = ~0ULL;
	for (i = 0; i < 3; i++) {
		c = pit_count(&a, &b);
		if (b - a < *w) {
			*w = b - a;
			*tsc = a + (b - a) / 2;
			best = c;
		}
	}
	return best;
}

/*
 * TSC ticks per second against PIT channel 2, as the guest library
 * calibrates (backends/native/calibrate.c; the ROM cannot link it): the
 * count read at the start and then until the brackets of TSC reads around
 * the reads leave 250 ppm open (after at least 1 ms of PIT), or near the
 * end of the 55 ms countdown. A CPU descheduled between reads (a loaded
 * host) changes nothing. 0 without a PIT or when the count wrapped.
 */
static u64 pit_run(int *present)
{
	u64 t0 = 0, w0, t1 = 0, a, b, t, ppm, best = ~0ULL, spins = 0, hz = 0;
	u16 c0, c1 = 0, c;
	u8 gate = inb(0x61);

	*present = 0;
	if (gate == 0xff)
		return 0;
	outb(0x61, (u8)((gate & ~0x02) | 0x01));
	outb(0x43, 0xb0);
	outb(0x42, 0xff);
	outb(0x42, 0xff);
	c0 = pit_sample(&t0, &w0);
	for (;;) {
		c = pit_count(&a, &b);
		if (c == c0) {
			if (++spins > 1000000)
				goto out;
			continue;
		}
		*present = 1;
		if (c > c0 || b <= t0)
			goto out;
		if (c0 - c < 1193)
			continue;
		t = a + (b - a) / 2;
		if (t <= t0)
			goto out;
		ppm = (w0 + (b - a)) * 1000000ULL / (t - t0);
		if (ppm < best) {
			best = ppm;
			c1 = c;
			t1 = t;
		}
		if (best <= 250 || c < 0x1800)
			break;
	}
	if (!(inb(0x61) & 0x20) && t1)
		hz = (t1 - t0) * 1193182ULL / (u64)(c0 - c1);
out:
	outb(0x61, gate);
	return hz;
}

/* A run, tried again (at most three) when the count wrapped. */
static u64 measure_tsc(void)
{
	u64 hz = 0;
	int present = 1, i;

	for (i = 0; i < 3 && present && !hz; i++)
		hz = pit_run(&present);
	return hz;
}

int vmi_rom_init(const struct vmi_init_args *args)
{
	struct rom_state *s = state();
	struct regs r;

	if (vmi_rom_init_result != VMI_OK)
		return vmi_rom_init_result;
	if (!args || args->size < sizeof(*args) || args->major != VMI_ABI_MAJOR || !s)
		return VMI_ERR_VERSION;
	s->tsc_hz = measure_tsc();
	if (!s->tsc_hz)
		return VMI_ERR_NODEV;
	vmi_cpuid(1, 0, &r);
	s->x2apic = !!(r.ecx & (1U << 21));
	s->deadline = s->x2apic && (r.ecx & (1U << 24));
	return VMI_OK;
}

int vmi_rom_get_reloc(u32 call, struct vmi_reloc *out)
{
	const struct rom_reloc *e = &vmi_rom_relocs[call];
	const struct rom_state *s = state();
	uptr base = (uptr)vmi_rom_header;

	out->type = VMI_RELOC_NONE;
	out->len = 0;
	out->reserved = 0;
	out->entry_off = 0;
	out->bytes_off = 0;
	out->reserved2 = 0;
	if (call >= (u32)(vmi_rom_relocs_end - vmi_rom_relocs))
		return VMI_OK;
	if ((call == VMI_CALL_apic_eoi || call == VMI_CALL_apic_send_ipi) && !s->x2apic)
		return VMI_OK;
	if ((call == VMI_CALL_set_alarm || call == VMI_CALL_cancel_alarm) && !s->deadline)
		return VMI_OK;
	out->type = e->type;
	out->len = e->len;
	if (e->type == VMI_RELOC_CALL_REL || e->type == VMI_RELOC_JUMP_REL ||
	    e->type == VMI_RELOC_INLINE)
		out->entry_off = (u32)((uptr)&e->entry + (long)e->entry - base);
	if (e->type == VMI_RELOC_INLINE)
		out->bytes_off = (u32)((uptr)&e->bytes + (long)e->bytes - base);
	return VMI_OK;
}

/* ---- mmu ---- */
void vmi_flush_tlb(u32 flags);
void vmi_flush_tlb(u32 flags)
{
	u64 cr4;

	if (flags & VMI_FLUSH_GLOBAL) {
		__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
		if (cr4 & (1ULL << 7)) {
			__asm__ volatile("mov %0, %%cr4" : : "r"(cr4 & ~(1ULL << 7)) : "memory");
			__asm__ volatile("mov %0, %%cr4" : : "r"(cr4) : "memory");
			return;
		}
	}
	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(cr4) : : "memory");
}

/* Bare metal writes through the guest's mapping; a hypervisor would use pa. */
void vmi_set_pxe(volatile u64 *va, u64 pa, u64 val, u32 level);
void vmi_set_pxe(volatile u64 *va, u64 pa, u64 val, u32 level)
{
	(void)pa;
	(void)level;
	*va = val;
}

/* ---- local APIC (x2APIC) ---- */
#define X2APIC_EOI 0x80b
#define X2APIC_ICR 0x830
#define X2APIC_LVTT 0x832
#define MSR_TSC_DEADLINE 0x6e0

void vmi_apic_eoi(void);
void vmi_apic_eoi(void)
{
	wrmsr(X2APIC_EOI, 0);
}

/* dest: an APIC id, or 0xffffffff for this CPU (the pvops op's meaning). */
void vmi_apic_send_ipi(u32 dest, u32 vector);
void vmi_apic_send_ipi(u32 dest, u32 vector)
{
	if (dest == 0xffffffffU)
		wrmsr(X2APIC_ICR, (1U << 18) | (vector & 0xff));	/* self */
	else
		wrmsr(X2APIC_ICR, ((u64)dest << 32) | (vector & 0xff));
}

/* ---- time ---- */
u64 vmi_get_cycle_frequency(void);
u64 vmi_get_cycle_frequency(void)
{
	return state()->tsc_hz;
}

u64 vmi_get_cycle_counter(u32 counter);
u64 vmi_get_cycle_counter(u32 counter)
{
	return counter == VMI_CYCLES_STOLEN ? 0 : rdtsc();
}

/* One-shot alarms on the REAL counter, through the TSC-deadline timer. */
int vmi_set_alarm(u32 counter, u64 expiry, u64 period, u32 vector);
int vmi_set_alarm(u32 counter, u64 expiry, u64 period, u32 vector)
{
	if (counter != VMI_CYCLES_REAL || period || vector < 32 || vector > 255)
		return VMI_ERR_INVAL;
	wrmsr(X2APIC_LVTT, (2U << 17) | vector);	/* TSC-deadline mode */
	__asm__ volatile("mfence" ::: "memory");
	wrmsr(MSR_TSC_DEADLINE, expiry ? expiry : 1);
	return VMI_OK;
}

void vmi_cancel_alarm(u32 counter);
void vmi_cancel_alarm(u32 counter)
{
	if (counter == VMI_CYCLES_REAL)
		wrmsr(MSR_TSC_DEADLINE, 0);
}

/* ---- wall clock: the CMOS RTC ---- */
static u8 cmos(u8 reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static u32 bcd(u8 v, int binary)
{
	return binary ? v : (u32)(v & 0x0f) + (u32)(v >> 4) * 10;
}

u64 vmi_get_wallclock(void);
u64 vmi_get_wallclock(void)
{
	static const u16 days_before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	u32 spins = 0, sec, min, hour, day, mon, year;
	u8 b;
	int bin, h12;
	u64 days;

	while (cmos(0x0a) & 0x80)	/* update in progress */
		if (++spins > 1000000)
			return 0;
	b = cmos(0x0b);
	bin = !!(b & 0x04);
	h12 = !(b & 0x02);
	sec = bcd(cmos(0x00), bin);
	min = bcd(cmos(0x02), bin);
	hour = cmos(0x04);
	day = bcd(cmos(0x07), bin);
	mon = bcd(cmos(0x08), bin);
	year = bcd(cmos(0x09), bin) + 2000;
	if (h12) {
		u32 pm = hour & 0x80;

		hour = bcd((u8)(hour & 0x7f), bin) % 12 + (pm ? 12 : 0);
	} else {
		hour = bcd((u8)hour, bin);
	}
	if (mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60)
		return 0;
	days = (u64)(year - 1970) * 365 + (year - 1969) / 4 + days_before[mon - 1] + day - 1;
	if (mon > 2 && year % 4 == 0)
		days++;
	return ((days * 24 + hour) * 60 + min) * 60 * 1000000000ULL + sec * 1000000000ULL;
}

/* ---- power: QEMU's isa-debug-exit, then ACPI PM1a (QEMU, Bochs) ---- */
void vmi_shutdown(u32 status);
void vmi_shutdown(u32 status)
{
	outb(0xf4, (u8)status);
	outw(0x604, 0x2000);
	outw(0xb004, 0x2000);
	for (;;)
		__asm__ volatile("cli; hlt");
}

void vmi_reboot(void);
void vmi_reboot(void)
{
	outb(0x64, 0xfe);
	outb(0xcf9, 0x06);
	for (;;)
		__asm__ volatile("cli; hlt");
}
