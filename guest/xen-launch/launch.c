// SPDX-License-Identifier: MIT
/*
 * The reference guest as a minimal Xen toolstack: booted as Xen PV dom0
 * with launch=MODE, it builds an HVM container domain with raw hypercalls
 * (no libxc, xl, xenstore or device model), loads the boot module (the same
 * image) into it, starts it at its PVH entry and waits for its verdict:
 *
 *   1. XEN_DOMCTL_createdomain (HVM + HAP; emulation: LAPIC only for pvh,
 *      everything but vPCI for hvm and hyperv)
 *   2. XEN_DOMCTL_max_vcpus, XEN_DOMCTL_max_mem
 *   3. HVMOP_set_param(HVM_PARAM_VIRIDIAN) for hyperv
 *   4. XENMEM_populate_physmap: the domU's RAM in 2 MiB extents
 *   5. every page of the image, hvm_start_info, command line and memory
 *      map written through a foreign mapping in dom0
 *      (update_va_mapping_otherdomain)
 *   6. XEN_DOMCTL_sethvmcontext: vCPU 0 in 32-bit flat protected mode at
 *      the PVH entry, %ebx = hvm_start_info
 *   7. XEN_DOMCTL_unpausedomain; XEN_DOMCTL_getdomaininfo until it shuts
 *      down; its reason; XEN_DOMCTL_destroydomain.
 *
 * Every failing step is named with Xen's error. The domU prints to Xen's
 * console through port 0xE9 (Xen prefixes its lines with "(dN)").
 *
 * Longer than most files (~500 lines) on purpose: it is one sequence of
 * hypercalls, read top to bottom in the order above; the ELF loading is
 * apart (elf_image.c).
 */
#define __XEN_TOOLS__ 1
#include "../kernel.h"
#include "elf_image.h"
#include <pvops/xen-pv.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/hvm/save.h>
#include <xen/arch-x86/hvm/start_info.h>
#include <pvops/acpi.h>

#define DOMU_MEM_MB 128
#define DOMU_EXTENT_ORDER 9	/* 2 MiB */
#define DOMU_START_INFO 0x1000
#define DOMU_MEMMAP 0x2000
#define DOMU_CMDLINE 0x3000
#define DOMU_ACPI 0x4000	/* RSDP, XSDT, MADT: the vCPUs for the domU's kernel */
#define DOMU_TIMEOUT_S 240
#define MAP_VA (SCRATCH_BASE + (256ULL << 30))	/* dom0's window on domU pages */

/* What Xen 4.17's viridian implements, except no_freq and cpu_hotplug. */
#define VIRIDIAN_MASK (HVMPV_base_freq | HVMPV_time_ref_count | HVMPV_reference_tsc | \
		       HVMPV_hcall_remote_tlb_flush | HVMPV_apic_assist | HVMPV_crash_ctl | \
		       HVMPV_synic | HVMPV_stimer | HVMPV_hcall_ipi |			 \
		       HVMPV_ex_processor_masks | HVMPV_no_vp_limit)

struct launch {
	const char *mode;
	u32 vcpus;		/* as many as dom0 has */
	domid_t domid;
	bool created;
	u32 emulation;
	u64 mem_bytes;
	struct elf_image img;
};

static bool failed(const char *step, long rc)
{
	if (rc >= 0)
		return false;
	printk("launch: %s failed: -%s (%ld)\n", step, pvops_xen_strerror(rc), rc);
	return true;
}

static long domctl(struct launch *l, struct xen_domctl *d, u32 cmd)
{
	d->cmd = cmd;
	d->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
	d->domain = l->domid;
	return pvops_xen_hypercall(__HYPERVISOR_domctl, (u64)(uptr)d, 0, 0, 0, 0);
}

static int create(struct launch *l)
{
	struct xen_domctl d = { 0 };
	struct xen_domctl_createdomain *c = &d.u.createdomain;

	c->flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap;
	c->max_vcpus = l->vcpus;
	c->max_evtchn_port = 1023;
	c->max_grant_frames = -1;
	c->max_maptrack_frames = -1;
	c->grant_opts = XEN_DOMCTL_GRANT_version(1);
	c->arch.emulation_flags = l->emulation;
	l->domid = 0;	/* Xen picks the domain id */
	if (failed("XEN_DOMCTL_createdomain", domctl(l, &d, XEN_DOMCTL_createdomain)))
		return -1;
	l->domid = d.domain;
	l->created = true;
	printk("launch: domain %u created (%s, emulation flags %#x)\n", l->domid, l->mode,
	       l->emulation);

	pvops_memset(&d, 0, sizeof(d));
	d.u.max_vcpus.max = l->vcpus;
	if (failed("XEN_DOMCTL_max_vcpus", domctl(l, &d, XEN_DOMCTL_max_vcpus)))
		return -1;
	pvops_memset(&d, 0, sizeof(d));
	d.u.max_mem.max_memkb = (l->mem_bytes >> 10) + 2048;
	if (failed("XEN_DOMCTL_max_mem", domctl(l, &d, XEN_DOMCTL_max_mem)))
		return -1;
	return 0;
}

static int set_viridian(struct launch *l)
{
	struct xen_hvm_param p = {
		.domid = l->domid, .index = HVM_PARAM_VIRIDIAN, .value = VIRIDIAN_MASK,
	};

	if (failed("HVMOP_set_param(HVM_PARAM_VIRIDIAN)",
		   pvops_xen_hypercall(__HYPERVISOR_hvm_op, HVMOP_set_param, (u64)(uptr)&p, 0,
				       0, 0)))
		return -1;
	printk("launch: viridian (Hyper-V) interface on, mask %#x\n", VIRIDIAN_MASK);
	return 0;
}

/* A triple fault is a crash, not a reboot. */
static int set_params(struct launch *l)
{
	struct xen_hvm_param p = {
		.domid = l->domid, .index = HVM_PARAM_TRIPLE_FAULT_REASON, .value = SHUTDOWN_crash,
	};

	return failed("HVMOP_set_param(HVM_PARAM_TRIPLE_FAULT_REASON)",
		      pvops_xen_hypercall(__HYPERVISOR_hvm_op, HVMOP_set_param, (u64)(uptr)&p,
					  0, 0, 0)) ? -1 : 0;
}

static int populate(struct launch *l)
{
	static xen_pfn_t extents[(DOMU_MEM_MB << 20) >> (PVOPS_PAGE_SHIFT + DOMU_EXTENT_ORDER)];
	struct xen_memory_reservation r = {
		.nr_extents = ARRAY_SIZE(extents),
		.extent_order = DOMU_EXTENT_ORDER,
		.domid = l->domid,
	};
	long rc;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(extents); i++)
		extents[i] = (xen_pfn_t)i << DOMU_EXTENT_ORDER;
	set_xen_guest_handle(r.extent_start, extents);
	rc = pvops_xen_hypercall(__HYPERVISOR_memory_op, XENMEM_populate_physmap,
				 (u64)(uptr)&r, 0, 0, 0);
	if (failed("XENMEM_populate_physmap", rc))
		return -1;
	if ((u64)rc != ARRAY_SIZE(extents)) {
		printk("launch: XENMEM_populate_physmap gave %ld of %u extents\n", rc,
		       (u32)ARRAY_SIZE(extents));
		return -1;
	}
	return 0;
}

/* Map the domU's frame gfn at MAP_VA. */
static void *map_domu(struct launch *l, u64 gfn)
{
	u64 pte = (gfn << PVOPS_PAGE_SHIFT) | 0x63;	/* present, writable, accessed, dirty */

	if (failed("update_va_mapping_otherdomain",
		   pvops_xen_hypercall(__HYPERVISOR_update_va_mapping_otherdomain, MAP_VA, pte,
				       UVMF_INVLPG | UVMF_LOCAL, l->domid, 0)))
		return NULL;
	return (void *)(uptr)MAP_VA;
}

/* Copy len bytes from src (NULL: zeros) to the domU's physical address pa. */
static int write_domu(struct launch *l, u64 pa, const void *src, u64 len)
{
	while (len) {
		u64 off = pa & (PVOPS_PAGE_SIZE - 1);
		u64 n = PVOPS_PAGE_SIZE - off < len ? PVOPS_PAGE_SIZE - off : len;
		u8 *page = map_domu(l, pa >> PVOPS_PAGE_SHIFT);

		if (!page)
			return -1;
		if (src) {
			pvops_memcpy(page + off, src, n);
			src = (const u8 *)src + n;
		} else {
			pvops_memset(page + off, 0, n);
		}
		pa += n;
		len -= n;
	}
	return 0;
}

static int load_image(struct launch *l)
{
	u32 i;

	for (i = 0; i < l->img.nr_load; i++) {
		const struct elf_load *s = &l->img.load[i];

		if (s->paddr + s->memsz > l->mem_bytes) {
			printk("launch: the image's segment at %#llx..%#llx lies outside the "
			       "domU's %llu MiB\n", s->paddr, s->paddr + s->memsz,
			       l->mem_bytes >> 20);
			return -1;
		}
		if (write_domu(l, s->paddr, l->img.data + s->offset, s->filesz) ||
		    write_domu(l, s->paddr + s->filesz, NULL, s->memsz - s->filesz))
			return -1;
	}
	return 0;
}

static void acpi_header(struct pvops_acpi_sdt_header *h, const char *sig, u32 len)
{
	pvops_memcpy(h->signature, sig, 4);
	h->length = len;
	h->revision = 1;
	pvops_memcpy(h->oem_id, "PVOPS ", 6);
	pvops_memcpy(h->oem_table_id, "PVLAUNCH", 8);
	h->checksum = (u8)(0x100 - pvops_acpi_sum(h, len)) & 0xff;
}

/*
 * What a toolstack tells an HVM/PVH guest about its vCPUs: an RSDP, an
 * XSDT and a MADT with one Local APIC per vCPU, at Xen's APIC ids (vCPU id
 * times 2, as Xen's vlapic and CPUID leaf 1 give them).
 */
static int write_acpi(struct launch *l)
{
	static u8 page[PVOPS_PAGE_SIZE] __attribute__((aligned(16)));
	struct pvops_acpi_rsdp *rsdp = (void *)page;
	struct pvops_acpi_sdt_header *xsdt = (void *)(page + 64);
	struct pvops_acpi_madt *madt = (void *)(page + 128);
	struct pvops_acpi_madt_lapic *lapic = (void *)(madt + 1);
	u64 madt_pa = DOMU_ACPI + 128;
	u32 i;

	pvops_memset(page, 0, sizeof(page));
	for (i = 0; i < l->vcpus; i++) {
		lapic[i].h.type = PVOPS_ACPI_MADT_LAPIC;
		lapic[i].h.length = sizeof(lapic[i]);
		lapic[i].processor_uid = (u8)i;
		lapic[i].apic_id = (u8)(i * 2);
		lapic[i].flags = PVOPS_ACPI_MADT_ENABLED;
	}
	madt->lapic_address = 0xfee00000;
	acpi_header(&madt->header, "APIC", sizeof(*madt) + l->vcpus * sizeof(*lapic));
	pvops_memcpy(xsdt + 1, &madt_pa, 8);
	acpi_header(xsdt, "XSDT", sizeof(*xsdt) + 8);
	pvops_memcpy(rsdp->signature, PVOPS_ACPI_RSDP_SIG, 8);
	pvops_memcpy(rsdp->oem_id, "PVOPS ", 6);
	rsdp->revision = 2;
	rsdp->length = sizeof(*rsdp);
	rsdp->xsdt_address = DOMU_ACPI + 64;
	rsdp->checksum = (u8)(0x100 - pvops_acpi_sum(rsdp, 20)) & 0xff;
	rsdp->extended_checksum = (u8)(0x100 - pvops_acpi_sum(rsdp, sizeof(*rsdp))) & 0xff;
	return write_domu(l, DOMU_ACPI, page, sizeof(page));
}

/* The start of the day for the PVH entry: hvm_start_info, command line, memory map. */
static int write_start_info(struct launch *l, const char *cmdline)
{
	struct hvm_memmap_table_entry map[4] = {
		{ .addr = 0, .size = DOMU_CMDLINE + PVOPS_PAGE_SIZE,
		  .type = XEN_HVM_MEMMAP_TYPE_RESERVED },
		{ .addr = DOMU_ACPI, .size = PVOPS_PAGE_SIZE, .type = XEN_HVM_MEMMAP_TYPE_ACPI },
		{ .addr = DOMU_ACPI + PVOPS_PAGE_SIZE,
		  .size = 0xa0000 - DOMU_ACPI - PVOPS_PAGE_SIZE,
		  .type = XEN_HVM_MEMMAP_TYPE_RAM },
		{ .addr = 0x100000, .size = l->mem_bytes - 0x100000,
		  .type = XEN_HVM_MEMMAP_TYPE_RAM },
	};
	struct hvm_start_info si = {
		.magic = XEN_HVM_START_MAGIC_VALUE,
		.version = 1,
		.cmdline_paddr = DOMU_CMDLINE,
		.memmap_paddr = DOMU_MEMMAP,
		.memmap_entries = ARRAY_SIZE(map),
		.rsdp_paddr = DOMU_ACPI,
	};
	u64 len = pvops_strlen(cmdline);

	if (len >= PVOPS_PAGE_SIZE)
		len = PVOPS_PAGE_SIZE - 1;
	if (write_domu(l, DOMU_CMDLINE, cmdline, len) ||
	    write_domu(l, DOMU_CMDLINE + len, NULL, 1) ||
	    write_domu(l, DOMU_MEMMAP, map, sizeof(map)) ||
	    write_domu(l, DOMU_START_INFO, &si, sizeof(si)) || write_acpi(l))
		return -1;
	return 0;
}

static void put_desc(u8 **p, u16 type, u32 len)
{
	struct hvm_save_descriptor desc = { .typecode = type, .instance = 0, .length = len };

	pvops_memcpy(*p, &desc, sizeof(desc));
	*p += sizeof(desc);
}

/* vCPU 0: 32-bit flat protected mode, paging off, at the PVH entry. */
static int set_context(struct launch *l)
{
	static u8 buf[3 * sizeof(struct hvm_save_descriptor) + sizeof(struct hvm_save_header) +
		      sizeof(struct hvm_hw_cpu)] __attribute__((aligned(8)));
	struct hvm_save_header hdr = { .magic = HVM_FILE_MAGIC, .version = HVM_FILE_VERSION };
	struct pvops_cpuid_regs r;
	struct hvm_hw_cpu cpu = { 0 };	/* FPU not initialised: Xen resets it */
	struct xen_domctl d = { 0 };
	u8 *p = buf;

	pvops_cpu_cpuid(1, 0, &r);
	hdr.cpuid = r.eax;	/* the CPU the context is for: this one */

	cpu.rip = l->img.phys_entry;
	cpu.rbx = DOMU_START_INFO;
	cpu.rflags = 0x2;
	cpu.cr0 = 0x11;		/* PE | ET */
	cpu.cs_sel = 0x08;
	cpu.ds_sel = cpu.es_sel = cpu.ss_sel = cpu.fs_sel = cpu.gs_sel = 0x10;
	cpu.tr_sel = 0x18;
	cpu.cs_limit = cpu.ds_limit = cpu.es_limit = cpu.ss_limit = ~0U;
	cpu.fs_limit = cpu.gs_limit = ~0U;
	cpu.cs_arbytes = 0xc9b;	/* 32-bit code, present, accessed */
	cpu.ds_arbytes = cpu.es_arbytes = cpu.ss_arbytes = 0xc93;
	cpu.fs_arbytes = cpu.gs_arbytes = 0xc93;
	cpu.tr_limit = 0x67;
	cpu.tr_arbytes = 0x8b;	/* busy 32-bit TSS */
	cpu.dr6 = 0xffff0ff0;	/* architectural reset values */
	cpu.dr7 = 0x400;

	put_desc(&p, HVM_SAVE_CODE(HEADER), sizeof(hdr));
	pvops_memcpy(p, &hdr, sizeof(hdr));
	p += sizeof(hdr);
	put_desc(&p, HVM_SAVE_CODE(CPU), sizeof(cpu));
	pvops_memcpy(p, &cpu, sizeof(cpu));
	p += sizeof(cpu);
	put_desc(&p, HVM_SAVE_CODE(END), 0);

	d.u.hvmcontext.size = (u32)(p - buf);
	set_xen_guest_handle(d.u.hvmcontext.buffer, buf);
	return failed("XEN_DOMCTL_sethvmcontext", domctl(l, &d, XEN_DOMCTL_sethvmcontext)) ?
		-1 : 0;
}

static const char *reason_name(u32 r)
{
	static const char *const names[] = {
		[SHUTDOWN_poweroff] = "poweroff", [SHUTDOWN_reboot] = "reboot",
		[SHUTDOWN_suspend] = "suspend", [SHUTDOWN_crash] = "crash",
		[SHUTDOWN_watchdog] = "watchdog", [SHUTDOWN_soft_reset] = "soft_reset",
	};

	return r < ARRAY_SIZE(names) && names[r] ? names[r] : "unknown";
}

/*
 * Give this vCPU's pCPU to the domU for 10 ms: poll no port until a
 * deadline in Xen's system time (the clock op's time under Xen). A yield
 * in a loop kept dom0 runnable, competing with the domU's vCPUs for
 * Xen's pCPUs (an IPI round trip between two domU vCPUs was seen to take
 * 60M cycles on a loaded host).
 */
static void sleep_a_while(void)
{
	struct sched_poll poll = { .nr_ports = 0, .timeout = pvops_time_clock_ns() + 10000000 };

	pvops_xen_hypercall(__HYPERVISOR_sched_op, SCHEDOP_poll, (u64)(uptr)&poll, 0, 0, 0);
}

/* Run the domain until it shuts down: 0 when it powered off (its tests passed). */
static int run(struct launch *l)
{
	struct xen_domctl d = { 0 };
	u64 t0 = pvops_time_clock_ns();
	u32 reason;

	if (failed("XEN_DOMCTL_unpausedomain", domctl(l, &d, XEN_DOMCTL_unpausedomain)))
		return -1;
	printk("launch: domain %u running; its console is Xen's, lines prefixed (d%u)\n",
	       l->domid, l->domid);
	for (;;) {
		pvops_memset(&d, 0, sizeof(d));
		if (failed("XEN_DOMCTL_getdomaininfo", domctl(l, &d, XEN_DOMCTL_getdomaininfo)))
			return -1;
		if (d.u.getdomaininfo.flags & XEN_DOMINF_shutdown)
			break;
		if (pvops_time_clock_ns() - t0 > DOMU_TIMEOUT_S * 1000000000ULL) {
			printk("launch: domain %u did not shut down within %u s\n", l->domid,
			       DOMU_TIMEOUT_S);
			return -1;
		}
		sleep_a_while();
	}
	reason = (d.u.getdomaininfo.flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
	printk("launch: domain %u shut down: %s (%u) after %llu ms\n", l->domid,
	       reason_name(reason), reason, (pvops_time_clock_ns() - t0) / 1000000);
	return reason == SHUTDOWN_poweroff ? 0 : -1;
}

static void destroy(struct launch *l)
{
	struct xen_domctl d = { 0 };

	if (!l->created)
		return;
	if (!failed("XEN_DOMCTL_destroydomain", domctl(l, &d, XEN_DOMCTL_destroydomain)))
		printk("launch: domain %u destroyed\n", l->domid);
}

/* The domU's command line: dom0's without launch=, with domu.X given as X. */
static void domu_cmdline(const char *src, char *dst, u64 max)
{
	u64 n = 0;

	while (*src) {
		const char *w = src;
		u64 len = 0;

		while (*src == ' ')
			src++;
		w = src;
		while (*src && *src != ' ') {
			src++;
			len++;
		}
		if (!len || (len >= 7 && !pvops_strncmp(w, "launch=", 7)))
			continue;
		if (len > 5 && !pvops_strncmp(w, "domu.", 5)) {
			w += 5;
			len -= 5;
		}
		if (n && n + 1 < max)
			dst[n++] = ' ';
		while (len-- && n + 1 < max)
			dst[n++] = *w++;
	}
	dst[n] = '\0';
}

int launch_domu(const char *mode, const char *cmdline)
{
	static char domu_args[512];
	struct launch l = { .mode = mode, .mem_bytes = (u64)DOMU_MEM_MB << 20 };
	struct pvops_cpu_set dom0_cpus;
	u32 self;
	int n = pvops_smp_enum_cpus(&dom0_cpus, &self);

	/* The domU gets as many vCPUs as dom0 has (which has one per CPU). */
	l.vcpus = n < 1 ? 1 : n > MAX_CPUS ? MAX_CPUS : (u32)n;
	const char *why = "";
	int rc = -1;

	if (!pvops_strncmp(mode, "pvh", 4)) {
		l.emulation = XEN_X86_EMU_LAPIC;
	} else if (!pvops_strncmp(mode, "hvm", 4) || !pvops_strncmp(mode, "hyperv", 7)) {
		l.emulation = XEN_X86_EMU_ALL & ~XEN_X86_EMU_VPCI;
	} else if (!pvops_strncmp(mode, "refuse", 7)) {
		/* A PIT without a local APIC: Xen must refuse this emulation set. */
		l.emulation = XEN_X86_EMU_PIT;
	} else {
		printk("launch: unknown mode '%s' (known: pvh, hvm, hyperv, refuse)\n", mode);
		return -1;
	}
	if (bootinfo.entry != PVOPS_ENTRY_XEN_PV) {
		printk("launch: launch=%s needs the image booted as Xen PV dom0\n", mode);
		return -1;
	}
	if (elf_parse(bootinfo.module, bootinfo.module_len, &l.img, &why)) {
		printk("launch: the boot module (%llu bytes) cannot be launched: %s\n",
		       bootinfo.module_len, why);
		return -1;
	}
	domu_cmdline(cmdline, domu_args, sizeof(domu_args));
	printk("launch: %s domU, %u MiB, image %llu bytes, PVH entry %#llx, cmdline \"%s\"\n",
	       mode, DOMU_MEM_MB, bootinfo.module_len, l.img.phys_entry, domu_args);
	/* A page table for the window on domU pages. */
	if (map_page(MAP_VA, virt_to_phys(alloc_page()), PROT_W)) {
		printk("launch: no page for the foreign-mapping window\n");
		return -1;
	}
	if (create(&l) || set_params(&l))
		goto out;
	if (!pvops_strncmp(mode, "hyperv", 7) && set_viridian(&l))
		goto out;
	if (populate(&l) || load_image(&l) || write_start_info(&l, domu_args) || set_context(&l))
		goto out;
	rc = run(&l);
out:
	unmap_page(MAP_VA);
	destroy(&l);
	return rc;
}
