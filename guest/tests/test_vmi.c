// SPDX-License-Identifier: MIT
/*
 * What the VMI backend promises, checked through the ROM it bound to
 * (vmi-tcg, vmi-kvm): the copy the sites call into is the ROM the scan
 * validated; every call is bound exactly as get_reloc() answered (NONE:
 * the op stays native; CALL_REL, JUMP_REL, INLINE: the op is the ROM's;
 * NOP: the op is empty); every site of an INLINE call carries the ROM's
 * bytes; the cycle counters give a sane clock and steal time; the wall
 * clock is plausible; with a 4.1 ROM, CPUs start through set_ap_state,
 * which refuses a state it cannot load and leaves the scratch alone. The
 * broken-ROM corpus and a 4.0 ROM are booted by make check.
 */
#include "../ktest/ktest.h"
#include "../layout.h"
#include <pvops/vmi.h>

static const char *impl_of(unsigned int op)
{
	struct pvops_op_stats st;

	pvops_get_op_stats(op, &st);
	return st.impl;
}

static bool same(const char *a, const char *b)
{
	return !pvops_strncmp(a, b, pvops_strlen(b) + 1);
}

static u16 get16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

static void copy_is_the_validated_rom(struct ktest *t)
{
	struct pvops_vmi_info info;
	u64 data_va;
	u32 i;
	u8 sum = 0;

	KT_ASSERT(t, !pvops_vmi_get_info(&info));
	KT_EXPECT_MSG(t, info.rom_pa >= VMI_SCAN_START && info.rom_pa < VMI_SCAN_END &&
		      !(info.rom_pa % VMI_SCAN_STEP), "ROM at %#llx", info.rom_pa);
	KT_EXPECT_EQ(t, get16(info.copy), VMI_ROM_SIGNATURE);
	KT_EXPECT_EQ(t, info.copy[VMI_ROM_OFF_CLASS], 'c');
	KT_EXPECT_EQ(t, info.major, VMI_ABI_MAJOR);
	KT_EXPECT_EQ(t, info.rom_size, info.copy[VMI_ROM_OFF_LENGTH] * 512U);
	KT_EXPECT(t, info.license[0] != '\0');
	/* The checksum still holds, but for the data_va the guest wrote. */
	for (i = 0; i < info.rom_size; i++)
		if (i < VMI_ROM_OFF_DATA_VA || i >= VMI_ROM_OFF_DATA_VA + 8)
			sum = (u8)(sum + info.copy[i]);
	KT_EXPECT_EQ(t, sum, 0);
	/* A ROM that asks for a data area got its address in the copy's header. */
	pvops_memcpy(&data_va, info.copy + VMI_ROM_OFF_DATA_VA, sizeof(data_va));
	KT_EXPECT(t, data_va || !get16(info.copy + VMI_ROM_OFF_DATA_SIZE));
	printk("    # copy_is_the_validated_rom: ROM \"%s\" %u.%u at %#llx, %u bytes, %u calls: %u NONE, %u CALL_REL, "
		  "%u JUMP_REL, %u NOP, %u INLINE\n", info.name, info.major, info.minor,
		  info.rom_pa, info.rom_size, info.nr_calls, info.relocs[VMI_RELOC_NONE],
		  info.relocs[VMI_RELOC_CALL_REL], info.relocs[VMI_RELOC_JUMP_REL],
		  info.relocs[VMI_RELOC_NOP], info.relocs[VMI_RELOC_INLINE]);
}

/* The pvops op each call fills (-1: a wrapped call, see op_of). */
static const int call_op[VMI_NR_CALLS] = {
#define PVOPS_OP_NONE (-1)
#define VMI_CALL(nr, name, minor, kind, conv, op) [nr] = PVOPS_OP_##op,
#include <pvops/vmi-calls.def>
#undef VMI_CALL
};

/* The op a call decides: its own, or the first its wrapper fills; -1 when none shows it. */
static int op_of(unsigned int call)
{
	switch (call) {
	case VMI_CALL_flush_tlb:
		return PVOPS_OP_mmu_flush_tlb_local;
	case VMI_CALL_set_pxe:
		return PVOPS_OP_mmu_set_pte;
	case VMI_CALL_set_lazy_mode:
		return PVOPS_OP_mmu_lazy_enter;
	case VMI_CALL_get_cycle_counter:
		return PVOPS_OP_time_clock_ns;
	case VMI_CALL_set_alarm:
		return PVOPS_OP_time_timer_oneshot;
	case VMI_CALL_set_ap_state:
		return PVOPS_OP_smp_cpu_up;
	default:	/* allocate_page, release_page: empty natively too */
		return call_op[call];
	}
}

static void ops_bound_as_get_reloc_said(struct ktest *t)
{
	static const char *const want[] = {
		[VMI_RELOC_NONE] = "native", [VMI_RELOC_CALL_REL] = "vmi",
		[VMI_RELOC_JUMP_REL] = "vmi", [VMI_RELOC_NOP] = "empty",
		[VMI_RELOC_INLINE] = "vmi",
	};
	unsigned int call, checked = 0;
	struct vmi_reloc r;

	for (call = 0; call < VMI_NR_CALLS; call++) {
		const char *impl;

		if (pvops_vmi_reloc(call, &r) || op_of(call) < 0)
			continue;
		impl = impl_of((unsigned int)op_of(call));
		KT_EXPECT_MSG(t, same(impl, want[r.type]), "call %u (reloc %u): op %s is %s",
			      call, r.type, pvops_op_info[op_of(call)].name, impl);
		checked++;
	}
	KT_EXPECT(t, checked >= 30);
	KT_EXPECT_EQ(t, pvops_vmi_reloc(VMI_NR_CALLS, &r), -PVOPS_EINVAL);
}

/* Each site of an INLINE call holds the ROM's bytes, then NOPs. */
static void inline_sites_carry_rom_bytes(struct ktest *t)
{
	const struct pvops_site *s;
	struct pvops_vmi_info info;
	unsigned int n, i, call, sites = 0;

	KT_ASSERT(t, !pvops_vmi_get_info(&info));
	s = pvops_sites(&n);
	for (call = 0; call < info.nr_calls; call++) {
		struct vmi_reloc r;

		if (pvops_vmi_reloc(call, &r) || r.type != VMI_RELOC_INLINE || call_op[call] < 0)
			continue;
		for (i = 0; i < n; i++) {
			if (s[i].op != call_op[call] || (s[i].flags & PVOPS_SITE_KEEP_INDIRECT) ||
			    s[i].len < r.len)
				continue;
			KT_EXPECT_MSG(t, !pvops_memcmp((const void *)(uptr)s[i].addr,
						       info.copy + r.bytes_off, r.len),
				      "site %#llx of call %u", s[i].addr, call);
			sites++;
		}
	}
	printk("    # inline_sites_carry_rom_bytes: %u sites hold the ROM's bytes\n", sites);
	KT_EXPECT(t, sites > 0 || !info.relocs[VMI_RELOC_INLINE]);
}

static void cycle_counters_sane(struct ktest *t)
{
	struct pvops_vmi_info info;
	struct vmi_reloc r;
	u64 c0, c1, s;

	KT_ASSERT(t, !pvops_vmi_get_info(&info));
	KT_ASSERT(t, !pvops_vmi_reloc(VMI_CALL_get_cycle_counter, &r));
	if (r.type == VMI_RELOC_NONE) {
		ktest_skip(t, "the ROM offers no cycle counter");
		return;
	}
	KT_EXPECT_MSG(t, info.cycle_hz > 1000000, "%llu Hz", info.cycle_hz);
	c0 = pvops_time_clock_ns();
	ktest_delay_ns(1000000);
	c1 = pvops_time_clock_ns();
	KT_EXPECT(t, c1 > c0);
	s = pvops_time_steal_ns(0);
	KT_EXPECT_MSG(t, s <= c1, "steal %llu > clock %llu", s, c1);
}

static void wallclock_plausible(struct ktest *t)
{
	u64 ns;
	int ret = pvops_vmi_wallclock(&ns);

	if (ret == -PVOPS_ENOSYS) {
		ktest_skip(t, "the ROM has no wall clock");
		return;
	}
	KT_ASSERT(t, !ret);
	/* 2024-01-01 .. 2100-01-01 */
	KT_EXPECT_MSG(t, ns / 1000000000ULL > 1704067200ULL && ns / 1000000000ULL < 4102444800ULL,
		      "%llu s", ns / 1000000000ULL);
	printk("    # wallclock_plausible: %llu s since 1970\n", ns / 1000000000ULL);
}

typedef int (*set_ap_state_fn)(u32 apic_id, const struct vmi_ap_state *state);

/* The ROM's set_ap_state entry; NULL (the case skipped, with why) when it has none. */
static set_ap_state_fn set_ap_state_entry(struct ktest *t, struct pvops_vmi_info *info)
{
	struct vmi_reloc r;

	if (pvops_vmi_get_info(info) || pvops_vmi_reloc(VMI_CALL_set_ap_state, &r)) {
		ktest_skip(t, "a VMI 4.0 ROM: set_ap_state (4.1) is not asked");
		return NULL;
	}
	if (r.type == VMI_RELOC_NONE) {
		ktest_skip(t, "the ROM answers set_ap_state NONE (smp.cpu_up stays native)");
		return NULL;
	}
	return (set_ap_state_fn)(uptr)(info->copy + r.entry_off);
}

static void cpus_started_through_set_ap_state(struct ktest *t)
{
	struct pvops_vmi_info info;
	u64 ap_starts;

	if (!set_ap_state_entry(t, &info))
		return;
	KT_EXPECT_MSG(t, same(impl_of(PVOPS_OP_smp_cpu_up), "vmi"), "smp.cpu_up is %s",
		      impl_of(PVOPS_OP_smp_cpu_up));
	if (smp_cpus_present() < 2) {
		ktest_skip(t, "1 CPU: none to start");
		return;
	}
	/* Each CPU that came up did so through the ROM: its state, its scratch. */
	KT_EXPECT(t, pvops_feature_in_use("set-ap-state"));
	KT_EXPECT(t, !pvops_counter_read("ap_starts", &ap_starts));
	KT_EXPECT_MSG(t, smp_cpus_online() >= 2 && ap_starts == smp_cpus_online() - 1,
		      "%u CPUs online, %llu started through set_ap_state", smp_cpus_online(),
		      ap_starts);
	printk("    # cpus_started_through_set_ap_state: %llu of %u CPUs\n", ap_starts,
	       smp_cpus_present() - 1);
}

#define CR0_PG (1ULL << 31)
#define CR4_LA57 (1ULL << 12)
#define EFER_LME (1ULL << 8)
#define MSR_EFER 0xc0000080

static void set_ap_state_refuses_what_it_cannot_load(struct ktest *t)
{
	static const struct { const char *what; u32 field; u64 val; } bad[] = {
		{ "size 0", 0, 0 },
		{ "reserved 1", 1, 1 },
		{ "CR0.PG off", 2, 0 },
		{ "CR4.LA57 on", 3, 0 },
		{ "EFER.LME off", 4, 0 },
		{ "cs null", 5, 0 },
		{ "cs RPL 3", 5, 0x0b },
		{ "ds past the GDT limit", 6, 0x18 },
		{ "scratch not page aligned", 7, TRAMPOLINE_PA + 0x800 },
		{ "scratch past 1 MiB", 7, 0xfe000 },
		{ "scratch at 0", 7, 0 },
	};
	struct pvops_vmi_info info;
	set_ap_state_fn fn = set_ap_state_entry(t, &info);
	volatile u8 *scratch = phys_to_virt(TRAMPOLINE_PA);
	struct vmi_ap_state good = {
		.size = sizeof(good), .rip = 0xffffffff80000000ULL, .rsp = 0xffffffff80001000ULL,
		.gdt_base = 0xffffffff80002000ULL, .gdt_limit = 0x17, .cs = 0x08, .ds = 0x10,
		.scratch_pa = TRAMPOLINE_PA, .scratch_va = (u64)(uptr)scratch,
	};
	u32 i, j, changed = 0;

	if (!fn)
		return;
	good.cr0 = pvops_cpu_read_cr0();
	good.cr3 = pvops_mmu_read_cr3();
	good.cr4 = pvops_cpu_read_cr4();
	good.efer = pvops_cpu_read_msr(MSR_EFER);
	/* No CPU is starting: the scratch is the kernel's trampoline, free now. */
	for (j = 0; j < 256; j++)
		scratch[j] = 0xa5;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct vmi_ap_state st = good;
		int rc;

		switch (bad[i].field) {
		case 0: st.size = (u32)bad[i].val; break;
		case 1: st.reserved = (u32)bad[i].val; break;
		case 2: st.cr0 &= ~CR0_PG; break;
		case 3: st.cr4 |= CR4_LA57; break;
		case 4: st.efer &= ~EFER_LME; break;
		case 5: st.cs = (u16)bad[i].val; break;
		case 6: st.ds = (u16)bad[i].val; break;
		default: st.scratch_pa = bad[i].val; break;
		}
		rc = fn(1, &st);
		KT_EXPECT_MSG(t, rc == VMI_ERR_INVAL, "%s: set_ap_state() returned %d, not "
			      "VMI_ERR_INVAL", bad[i].what, rc);
	}
	for (j = 0; j < 256; j++)
		changed += scratch[j] != 0xa5;
	KT_EXPECT_MSG(t, !changed, "refused calls changed %u bytes of the scratch", changed);
	/* The control: the same state, unbroken, is taken (no STARTUP follows). */
	KT_EXPECT_EQ(t, fn(1, &good), VMI_OK);
}

static const struct ktest_case vmi_cases[] = {
	KTEST_CASE(copy_is_the_validated_rom),
	KTEST_CASE(ops_bound_as_get_reloc_said),
	KTEST_CASE(inline_sites_carry_rom_bytes),
	KTEST_CASE(cycle_counters_sane),
	KTEST_CASE(wallclock_plausible),
	KTEST_CASE(cpus_started_through_set_ap_state),
	KTEST_CASE(set_ap_state_refuses_what_it_cannot_load),
	{},
};
KTEST_SUITE_BACKEND(vmi, vmi_cases, "vmi");
