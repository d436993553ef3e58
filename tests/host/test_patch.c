// SPDX-License-Identifier: MIT
/* The patch decision for one site, on byte buffers. */
#include "tap.h"
#include "internal.h"

struct pvops_ops pvops_ops;

static unsigned int hook_len;
static u8 hook_bytes[16];
static unsigned int hook_calls;

static unsigned int hook(unsigned int op, const void *fn, u8 *buf, unsigned int max)
{
	(void)op;
	(void)fn;
	hook_calls++;
	if (hook_len > max)
		return hook_len;	/* a buggy backend: core must refuse it */
	memcpy(buf, hook_bytes, hook_len);
	return hook_len;
}

static const struct pvops_backend be = { .name = "test", .patch = hook };

static struct pvops_site site(u16 op, u64 addr)
{
	struct pvops_site s = { .addr = addr, .op = op, .len = 6,
				.conv = pvops_op_info[op].conv };
	return s;
}

int main(void)
{
	u8 buf[16];
	const char *why = NULL;
	struct pvops_site s;
	int k;
	const void *fn = (const void *)(uptr)0xffffffff80101000ULL;
	static const u8 nop5[] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };
	static const u8 nop6[] = { 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 };
	s32 rel;

	/* Inline: the backend's byte, then one 5-byte NOP. */
	hook_len = 1;
	hook_bytes[0] = 0xfa;
	s = site(PVOPS_OP_irq_disable, 0xffffffff80100000ULL);
	k = pvops_patch_compute(&s, fn, &be, buf, &why);
	OK(k == PVOPS_PATCHED_INLINE, "inline op patched inline");
	OK(buf[0] == 0xfa && !memcmp(buf + 1, nop5, 5), "inline bytes + 5-byte NOP");

	/* Hook returns 0: direct call. */
	hook_len = 0;
	k = pvops_patch_compute(&s, fn, &be, buf, &why);
	OK(k == PVOPS_PATCHED_CALL, "hook declines: direct call");
	memcpy(&rel, buf + 1, 4);
	OK(buf[0] == 0xe8 && s.addr + 5 + (u64)(s64)rel == (u64)(uptr)fn,
	   "call rel32 reaches the function");
	OK(buf[5] == 0x90, "call padded with a 1-byte NOP");

	/* A CALL-policy op never asks the hook. */
	hook_len = 1;
	hook_calls = 0;
	s = site(PVOPS_OP_apic_eoi, 0xffffffff80100000ULL);
	k = pvops_patch_compute(&s, fn, &be, buf, &why);
	OK(k == PVOPS_PATCHED_CALL && hook_calls == 0, "call-only op is not inlined");

	/* Empty void op: NOPs. */
	k = pvops_patch_compute(&s, NULL, &be, buf, &why);
	OK(k == PVOPS_PATCHED_NOP && !memcmp(buf, nop6, 6), "empty void op becomes a 6-byte NOP");

	/* Empty value-returning op: refused, with a reason. */
	s = site(PVOPS_OP_time_clock_ns, 0xffffffff80100000ULL);
	why = NULL;
	k = pvops_patch_compute(&s, NULL, &be, buf, &why);
	OK(k < 0 && why && strstr(why, "returns a value"), "empty value op refused (%s)", why);

	/* Inline bytes longer than the site: refused. */
	s = site(PVOPS_OP_irq_disable, 0xffffffff80100000ULL);
	hook_len = 7;
	k = pvops_patch_compute(&s, fn, &be, buf, &why);
	OK(k < 0 && strstr(why, "do not fit"), "oversized inline bytes refused (%s)", why);
	hook_len = 0;

	/* Out of rel32 reach: refused. */
	k = pvops_patch_compute(&s, (const void *)(uptr)0x100000000ULL, &be, buf, &why);
	OK(k < 0 && strstr(why, "rel32"), "far target refused (%s)", why);

	/* Site compiled for another convention: refused. */
	s.conv = PVOPS_CONV_NORMAL;
	k = pvops_patch_compute(&s, fn, &be, buf, &why);
	OK(k < 0 && strstr(why, "convention"), "convention mismatch refused (%s)", why);

	/* Too short a site, unknown op. */
	s = site(PVOPS_OP_irq_disable, 0xffffffff80100000ULL);
	s.len = 4;
	OK(pvops_patch_compute(&s, fn, &be, buf, &why) < 0, "4-byte site refused");
	s = site(PVOPS_OP_irq_disable, 0xffffffff80100000ULL);
	s.op = PVOPS_NR_OPS;
	OK(pvops_patch_compute(&s, fn, &be, buf, &why) < 0, "unknown op refused");

	/* Jump ops: inline bytes, a direct jmp, never NOPs. */
	s = site(PVOPS_OP_irq_iret, 0xffffffff80100000ULL);
	hook_len = 2;
	hook_bytes[0] = 0x48;
	hook_bytes[1] = 0xcf;
	k = pvops_patch_compute(&s, fn, &be, buf, &why);
	OK(k == PVOPS_PATCHED_INLINE && buf[0] == 0x48 && buf[1] == 0xcf, "jump op inlined");
	hook_len = 0;
	k = pvops_patch_compute(&s, fn, &be, buf, &why);
	memcpy(&rel, buf + 1, 4);
	OK(k == PVOPS_PATCHED_CALL && buf[0] == 0xe9 && s.addr + 5 + (u64)(s64)rel == (u64)(uptr)fn,
	   "jump op not inlined becomes a direct jmp");
	k = pvops_patch_compute(&s, NULL, &be, buf, &why);
	OK(k < 0 && strstr(why, "cannot be empty"), "empty jump op refused (%s)", why);

	/* Recognising an untouched site: call *(table + 8 * op)(%rip). */
	{
		u8 site_bytes[6] = { 0xff, 0x15 };
		u64 table = 0xffffffff80200000ULL;
		s32 disp;

		s = site(PVOPS_OP_irq_disable, 0xffffffff80100000ULL);
		disp = (s32)(s64)(table + 8 * PVOPS_OP_irq_disable - (s.addr + 6));
		memcpy(site_bytes + 2, &disp, 4);
		OK(pvops_site_is_indirect(&s, site_bytes, (const void *)(uptr)table),
		   "indirect site recognised");
		s.op = PVOPS_OP_irq_enable;
		OK(!pvops_site_is_indirect(&s, site_bytes, (const void *)(uptr)table),
		   "site of another op's slot is not recognised");
		s.op = PVOPS_OP_irq_disable;
		site_bytes[0] = 0xe8;
		OK(!pvops_site_is_indirect(&s, site_bytes, (const void *)(uptr)table),
		   "patched site is not taken for an indirect one");
		site_bytes[0] = 0xff;
		site_bytes[1] = 0x25;	/* jmp *disp(%rip) is not a call site */
		OK(!pvops_site_is_indirect(&s, site_bytes, (const void *)(uptr)table),
		   "indirect jmp is not taken for a call site");
	}

	/* Bare sites (benchmarks): the native bytes of ops.def whatever the backend. */
	s = site(PVOPS_OP_irq_disable, 0xffffffff80100000ULL);
	s.flags = PVOPS_SITE_BARE;
	memset(buf, 0xcc, sizeof(buf));
	k = pvops_patch_bare(&s, buf, &why);
	OK(k == PVOPS_PATCHED_INLINE && buf[0] == 0xfa && !memcmp(buf + 1, nop5, 5),
	   "bare irq.disable: cli + 5-byte NOP");
	s = site(PVOPS_OP_mmu_read_cr2, 0xffffffff80100000ULL);
	k = pvops_patch_bare(&s, buf, &why);
	OK(k == PVOPS_PATCHED_INLINE &&
	   !memcmp(buf, pvops_op_info[PVOPS_OP_mmu_read_cr2].native,
		   pvops_op_info[PVOPS_OP_mmu_read_cr2].native_len),
	   "bare read_cr2: its native bytes");
	s = site(PVOPS_OP_time_clock_ns, 0xffffffff80100000ULL);
	k = pvops_patch_bare(&s, buf, &why);
	OK(k < 0 && strstr(why, "inline"), "bare site of a call-only op refused (%s)", why);
	s = site(PVOPS_OP_irq_iret, 0xffffffff80100000ULL);
	k = pvops_patch_bare(&s, buf, &why);
	OK(k < 0, "bare site of a jump op refused (%s)", why);
	s = site(PVOPS_OP_irq_disable, 0xffffffff80100000ULL);
	s.len = 3;
	k = pvops_patch_bare(&s, buf, &why);
	OK(k < 0 && strstr(why, "fit"), "bare site too short refused (%s)", why);
	s = site(PVOPS_OP_irq_disable, 0xffffffff80100000ULL);
	s.op = PVOPS_NR_OPS;
	k = pvops_patch_bare(&s, buf, &why);
	OK(k < 0, "bare site of an unknown op refused (%s)", why);
	return tap_done();
}
