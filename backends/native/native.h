/* SPDX-License-Identifier: MIT */
/* The native backend's functions, shared between its files. */
#ifndef NATIVE_H
#define NATIVE_H

#include <pvops/backend.h>

void native_cpuid(u32 leaf, u32 subleaf, struct pvops_cpuid_regs *out);
u64 native_read_msr(u32 msr);
void native_write_msr(u32 msr, u64 val);
int native_read_msr_safe(u32 msr, u64 *val);
int native_write_msr_safe(u32 msr, u64 val);
void native_flush_tlb_local(void);
void native_flush_tlb_all(void);

int native_apic_setup(u32 spurious_vector);
void native_apic_timer_set(u32 vector, u32 count, u32 mode);
u64 native_apic_timer_hz(void);
int native_apic_timer_deadline(u64 tsc, u32 vector);
int native_monitor(const volatile void *addr, u32 ext, u32 hints);
void native_mwait(u32 hints, u32 ext);
void native_stts(void);
u32 native_apic_read(u32 reg);
void native_apic_write(u32 reg, u32 val);
u64 native_xgetbv(u32 index);
void native_xsetbv(u32 index, u64 val);
u32 native_clock_stable(void);
void native_ins(u16 port, void *buf, u64 count, u32 width);
void native_outs(u16 port, const void *buf, u64 count, u32 width);
bool native_apic_ready(void);
void native_apic_icr(u32 dest, u32 low);

/* acpi.c, ap.c: CPU bring-up (ABI 1.2). */
int native_enum_cpus(struct pvops_cpu_set *cpus, u32 *self);
int native_cpu_up(u32 cpu, const struct pvops_ap_boot *boot);
int native_cpu_start_raw(u32 cpu, u64 start_pa);

void native_time_init(u64 known_khz, u64 known_bus_khz, const char *source);
u64 native_calibrate_pit(u64 *ppm, u64 *cycles);
u64 native_clock_ns(void);
u64 native_tsc_khz(void);
u64 native_steal_ns(u32 cpu);
int native_timer_oneshot(u64 delta_ns, u32 vector);

void native_send_ipi_mask(const struct pvops_cpu_set *dest, u32 vector);
void native_flush_tlb_multi(const struct pvops_cpu_set *cpus, u64 va,
			    pvops_shootdown_fn shootdown);

void native_serial_init(void);
void native_console_write(const char *buf, u64 len);

void native_reboot(void);

#endif
