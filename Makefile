# pvops: paravirtualization ops library and reference guest.
#
#   make run      build and boot build/pvguest.elf under QEMU (KVM if usable, else TCG)
#   make check    install what is missing, build, host tests, sparse, scans, boot tests
#   make bench    pvbench in every environment: build/bench.json, bench.md, bench.svg/png
#   make lava-check  the matrix as LAVA jobs, run by LAVA's dispatcher, against a local run
#
# Outputs: build/libpvops.a, build/pvguest.elf, build/vmi-native.rom (the reference VMI ROM)
# and build/vmi-corpus/ (one broken ROM per defect the VMI backend must refuse).

CC      ?= gcc
LD      ?= ld
AR      ?= ar
NM      ?= nm
HOSTCC  ?= gcc
OBJDUMP ?= objdump
SPARSE  ?= sparse
QEMU    ?= qemu-system-x86_64

# The build directory: one per compiler (make CC=clang B=build/clang).
B ?= build

# GCC and Clang: the same code, their own spelling of the 8-byte stack alignment.
CC_IS_CLANG := $(shell $(CC) --version 2>/dev/null | grep -q clang && echo 1)
ifeq ($(CC_IS_CLANG),1)
STACK_ALIGN := -mstack-alignment=8
else
STACK_ALIGN := -mpreferred-stack-boundary=3
endif

KFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie -mcmodel=kernel \
	-mno-red-zone -mno-sse -mno-sse2 -mno-mmx -mno-3dnow -mno-avx -mgeneral-regs-only \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fno-common -fno-strict-aliasing -fcf-protection=branch -fno-jump-tables $(STACK_ALIGN) \
	-Wall -Wextra -Werror -Wmissing-prototypes -Wno-unused-parameter \
	-Iinclude -I$(B)/include -include internal/pvops-short.h
AFLAGS := -D__ASSEMBLER__ -fcf-protection=branch -Iinclude -I$(B)/include -I$(B)/gen -Wall -Werror

# Backends: backends/NAME/ or, for a family, backends/NAME/{common,FLAVOUR}/ (Xen);
# not the VMI ROM (a separate artifact) nor the generator inputs under gen/.
# make BACKENDS="native kvm" links only those (native always): the others are as if
# never detected.
ALL_BACKENDS := $(notdir $(patsubst %/,%,$(wildcard backends/*/)))
BACKENDS ?= $(ALL_BACKENDS)
override BACKENDS := native $(filter-out native,$(BACKENDS))
UNKNOWN_BACKENDS := $(filter-out $(ALL_BACKENDS),$(BACKENDS))
ifneq ($(UNKNOWN_BACKENDS),)
$(error BACKENDS: no backend $(UNKNOWN_BACKENDS) (there are: $(ALL_BACKENDS)))
endif
LIB_SRCS := $(wildcard core/*.c core/*.S) $(filter-out backends/vmi/rom/% backends/xen/gen/%, \
	$(foreach b,$(BACKENDS),$(wildcard backends/$(b)/*.c backends/$(b)/*.S \
	backends/$(b)/*/*.c backends/$(b)/*/*.S)))
LIB_OBJS := $(patsubst %,$(B)/%.o,$(basename $(LIB_SRCS)))
# The guest by role: the kernel, its startup code, pvbench, the ktest framework, the in-guest
# suites, the Xen domain builder. Link order is suite order (pvbench's suites first). A
# backend left out takes its suite with it (and Xen's: the PV entry and the domain builder).
GUEST_SRCS := $(wildcard guest/*.c) $(wildcard guest/arch/*.S) $(wildcard guest/bench/*.c) \
	$(wildcard guest/ktest/*.c) $(wildcard guest/tests/*.c) $(wildcard guest/xen-launch/*.c)
GUEST_SRCS := $(filter-out $(foreach b,$(filter-out $(BACKENDS),$(ALL_BACKENDS)), \
	guest/tests/test_$(b).c),$(GUEST_SRCS))
ifeq ($(filter xen,$(BACKENDS)),)
GUEST_SRCS := $(filter-out guest/arch/xen_pv.S guest/xen-launch/%,$(GUEST_SRCS))
KFLAGS += -DPVGUEST_NO_XEN
endif
GUEST_OBJS := $(patsubst %,$(B)/%.o,$(basename $(GUEST_SRCS)))

HOST_TESTS := $(patsubst tests/host/%.c,$(B)/host/%,$(wildcard tests/host/test_*.c))
HOST_CORE := core/patch.c core/nops.c core/fmt.c core/string.c core/op_info.c core/cmdline.c core/step.c
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -Iinclude -I$(B)/include -Icore \
	-include internal/pvops-short.h \
	-fsanitize=address,undefined -fno-sanitize-recover=all

# Targets that need the Debian packages run tools/deps first, so each works alone.
.PHONY: all gen run bench soak check lava-check size install uninstall sparse host-build host-test boot-test matrix check-privileged coccicheck fuzz fuzz-build spec clean deps
all: $(B)/libpvops.a $(B)/pvguest.elf $(B)/vmi-native.rom $(B)/vmi-native-calls.rom \
	$(B)/vmi-native-4.0.rom $(B)/vmi-ap-refuses.rom \
	$(B)/vmi-corpus/MANIFEST

# V=1 shows the full commands.
ifeq ($(V),1)
Q :=
else
Q := @
endif

# Generated from spec/ops.def (tools/gen-ops.c): the call wrappers, one
# readable definition per op, and the op ids for assembly.
GEN_HDRS := $(B)/include/pvops/calls-gen.h $(B)/include/pvops/ids.h
$(B)/gen-ops: tools/gen-ops.c spec/ops.def
	@mkdir -p $(B)
	$(Q)$(HOSTCC) -std=gnu11 -Wall -Wextra -Werror $< -o $@
$(B)/include/pvops/calls-gen.h: $(B)/gen-ops
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(B)/gen-ops calls $@
$(B)/include/pvops/ids.h: $(B)/gen-ops
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(B)/gen-ops ids $@
# The Xen numbers entry.S needs, from Xen's headers by the compiler (never hand-kept).
ifneq ($(filter xen,$(BACKENDS)),)
GEN_HDRS += $(B)/gen/xen-offsets.h
endif
$(B)/gen/xen-offsets.h: backends/xen/gen/asm-offsets.c backends/xen/common/xen.h $(B)/include/pvops/ids.h $(B)/include/pvops/calls-gen.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GEN     $@")
	$(Q)$(CC) $(KFLAGS) -S $< -o $(B)/gen/asm-offsets.s
	$(Q){ echo "/* Generated from backends/xen/gen/asm-offsets.c: do not edit. */"; \
		sed -n 's/.*->\([A-Z_0-9]*\) \([0-9]*\).*/#define \1 \2/p' $(B)/gen/asm-offsets.s; } > $@.tmp
	$(Q)mv $@.tmp $@
gen: $(GEN_HDRS)

$(B)/%.o: %.c | $(GEN_HDRS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(KFLAGS) -MMD -MP -c $< -o $@
$(B)/%.o: %.S | $(GEN_HDRS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) $(AFLAGS) -MMD -MP -c $< -o $@

# Members named by their path (backends-xen-pv-smp.o): unique, so that ar x loses none.
$(B)/libpvops.a: $(LIB_OBJS)
	@rm -rf $@ $(B)/ar && mkdir -p $(B)/ar
	@$(if $(Q),echo "  AR      $@")
	$(Q)for o in $^; do n=$${o#$(B)/}; ln -f $$o $(B)/ar/$$(echo $$n | tr / -) || exit 1; done
	$(Q)cd $(B)/ar && $(AR) rcs ../libpvops.a $(foreach o,$^,$(subst /,-,$(patsubst $(B)/%,%,$(o))))

# text/data/bss of core and of each backend linked in.
size: $(LIB_OBJS)
	@printf '%-16s %8s %8s %8s\n' part text data bss
	@for part in core $(addprefix backends/,$(BACKENDS)); do \
		objs=$$(echo $(LIB_OBJS) | tr ' ' '\n' | grep "^$(B)/$$part/"); \
		size -t $$objs | tail -n 1 | awk -v p=$$part '{printf "%-16s %8d %8d %8d\n", p, $$1, $$2, $$3}'; \
	done

$(B)/linker.lds: guest/linker.lds.S guest/layout.h include/pvops/pvops.lds.h
	@mkdir -p $(B)
	$(Q)$(CC) -E -P -x c -Iinclude -Iguest $< -o $@

# Backends register themselves by section: link the whole library. Twice:
# the first link's text symbols become the image's symbol table (.ksyms,
# the last section, for the exception dump), and gen-ksyms --same proves
# that the second link moved nothing.
GUEST_LD = $(LD) -nostdlib -static -z max-page-size=4096 -z noexecstack --no-warn-rwx-segments \
	-T $(B)/linker.lds $(GUEST_OBJS) --whole-archive $(B)/libpvops.a --no-whole-archive
$(B)/pvguest.elf: $(GUEST_OBJS) $(B)/libpvops.a $(B)/linker.lds tools/gen-ksyms
	@$(if $(Q),echo "  LD      $@")
	$(Q)tools/gen-ksyms --empty > $(B)/ksyms0.S
	$(Q)$(CC) -c $(B)/ksyms0.S -o $(B)/ksyms0.o
	$(Q)$(GUEST_LD) $(B)/ksyms0.o -o $@.pass1
	$(Q)NM=$(NM) tools/gen-ksyms $@.pass1 > $(B)/ksyms.S
	$(Q)$(CC) -c $(B)/ksyms.S -o $(B)/ksyms.o
	$(Q)$(GUEST_LD) $(B)/ksyms.o -o $@.pass2
	$(Q)NM=$(NM) tools/gen-ksyms --same $@.pass1 $@.pass2
	$(Q)mv $@.pass2 $@ && rm -f $@.pass1

# ---- the reference VMI ROM (backends/vmi/rom/, spec/VMI.md) -----------------
ROM_SRC := backends/vmi/rom
# Position independent, no writable data; linked twice (at 0 and at 0x1000):
# the two images must be the same bytes, or something in it is not PIC.
ROM_CFLAGS := -std=gnu11 -O2 -ffreestanding -fpie -fvisibility=hidden -mno-red-zone \
	-mgeneral-regs-only -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-jump-tables -fno-builtin -Wall -Wextra -Werror -Wmissing-prototypes -Iinclude \
	-I$(B)/include
ROM_OBJS := $(B)/rom/header.o $(B)/rom/calls.o $(B)/rom/native.o $(B)/rom/smp.o \
	$(B)/rom/ap.o

$(B)/rom/%.o: $(ROM_SRC)/%.c | $(GEN_HDRS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ROM_CFLAGS) -MMD -MP -c $< -o $@
$(B)/rom/%.o: $(ROM_SRC)/%.S | $(GEN_HDRS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) $(AFLAGS) -MMD -MP -c $< -o $@

$(B)/rom/vmi-native.elf: $(ROM_OBJS) $(ROM_SRC)/rom.lds
	$(Q)$(LD) -nostdlib -static -z noexecstack --no-warn-rwx-segments --defsym=ROM_BASE=0 -T $(ROM_SRC)/rom.lds -o $@ $(ROM_OBJS)
$(B)/rom/vmi-native-4k.elf: $(ROM_OBJS) $(ROM_SRC)/rom.lds
	$(Q)$(LD) -nostdlib -static -z noexecstack --no-warn-rwx-segments --defsym=ROM_BASE=0x1000 -T $(ROM_SRC)/rom.lds -o $@ $(ROM_OBJS)
$(B)/vmi-native.rom: $(B)/rom/vmi-native.elf $(B)/rom/vmi-native-4k.elf tools/vmi-rom
	@$(if $(Q),echo "  ROM     $@")
	$(Q)objcopy -O binary -j .rom $(B)/rom/vmi-native.elf $(B)/rom/at0.bin
	$(Q)objcopy -O binary -j .rom $(B)/rom/vmi-native-4k.elf $(B)/rom/at4k.bin
	$(Q)cmp -s $(B)/rom/at0.bin $(B)/rom/at4k.bin || \
		{ echo "rom: the image depends on its address (not position independent)"; exit 1; }
	$(Q)tools/vmi-rom fix $(B)/rom/at0.bin $@
# The same ROM speaking VMI 4.0 (its 42 calls): a 4.1 guest must bind it all the same.
$(B)/vmi-native-4.0.rom: $(B)/vmi-native.rom tools/vmi-rom
	$(Q)tools/vmi-rom v40 $< $@
# The same ROM refusing every set_ap_state: the guest says so, and that CPU stays down.
$(B)/vmi-ap-refuses.rom: $(B)/vmi-native.rom tools/vmi-rom
	$(Q)tools/vmi-rom ap-refuses $< $(B)/rom/vmi-native.elf $@
# The same ROM with CALL_REL where it offers INLINE: every site calls its entries.
$(B)/vmi-native-calls.rom: $(B)/vmi-native.rom tools/vmi-rom
	$(Q)tools/vmi-rom calls $< $(B)/rom/vmi-native.elf $@
$(B)/vmi-corpus/MANIFEST: $(B)/vmi-native.rom tools/vmi-rom
	@$(if $(Q),echo "  CORPUS  $(dir $@)")
	$(Q)tools/vmi-rom corpus $(B)/vmi-native.rom $(B)/rom/vmi-native.elf $(dir $@)

# A fresh machine: tools/deps installs what is missing (and says what), then the build.
run:
	@tools/deps
	@$(MAKE) --no-print-directory all
	@tools/pvrun $(if $(ENV),--env $(ENV)) $(B)/pvguest.elf $(RUN_ARGS)

# The image in bench mode (bench=1) in every environment, then the tables and plots.
bench: all
	@tools/deps
	tools/pvbench -o $(B) $(B)/pvguest.elf $(ENVS)

# Soak: the environments N times, and per test case how many runs it failed in.
# make soak N=20 [SOAK_ENVS="qemu-tcg-smp2 ..."]: the -smp2 runs with cross-CPU cases by default.
N ?= 20
SOAK_ENVS ?= qemu-tcg-smp2 xen-pv-smp2 xen-hvm-smp2 xen-pvh-smp2 hyperv-smp2 kvm-smp2
soak:
	@tools/deps
	@$(MAKE) --no-print-directory all
	tools/pvmatrix --repeat $(N) -o $(B)/soak $(B)/pvguest.elf $(SOAK_ENVS)

# ---- checks -----------------------------------------------------------------
# Tests that bring their own pvops_log() also take the code that logs.
$(B)/host/test_select: HOST_EXTRA := core/select.c
$(B)/host/test_cpuid: HOST_EXTRA := core/cpuid.c
$(B)/host/test_select: core/select.c
$(B)/host/test_hv_tsc_page: backends/hyperv/tsc_page.h backends/hyperv/hyperv.h backends/hyperv/tlfs.h
$(B)/host/test_envcall: HOST_EXTRA := core/envcall.c core/envstub.S
$(B)/host/test_envcall: core/envcall.c core/envstub.S
$(B)/host/test_percpu: HOST_EXTRA := core/percpu.c -no-pie	# its op call site (cpu.write_msr) records an absolute address
$(B)/host/test_percpu: core/percpu.c
$(B)/host/test_kvm_register: HOST_EXTRA := backends/kvm/register.c
$(B)/host/test_kvm_register: backends/kvm/register.c backends/kvm/kvm.h
$(B)/host/test_kvm_pvclock: HOST_EXTRA := backends/kvm/pvclock.c
$(B)/host/test_kvm_pvclock: backends/kvm/pvclock.c backends/kvm/pvclock_abi.h backends/kvm/pvclock_read.h
$(B)/host/test_xen_mcq: HOST_EXTRA := backends/xen/pv/mmu_queue.c
$(B)/host/test_acpi: HOST_EXTRA := backends/native/acpi.c
$(B)/host/test_bootinfo: HOST_EXTRA := guest/bootinfo.c -Iguest
$(B)/host/test_bootinfo: guest/bootinfo.c guest/kernel.h
$(B)/host/test_acpi: backends/native/acpi.c backends/native/pvh_start.h
$(B)/host/test_xen_mcq: backends/xen/pv/mmu_queue.c backends/xen/pv/mmu_queue.h
$(B)/host/%: tests/host/%.c tests/host/tap.h tests/host/slurp.h tests/host/logged.h tests/nop_decode.h $(HOST_CORE) $(wildcard include/pvops/*.h) spec/ops.def $(GEN_HDRS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -DSPEC_DIR='"spec"' $< $(HOST_CORE) $(HOST_EXTRA) -o $@

host-build: $(HOST_TESTS)

host-test: $(HOST_TESTS)
	@for t in $(HOST_TESTS); do $$t || exit 1; done

$(B)/gen-spec-table: tools/gen-spec-table.c $(wildcard include/pvops/*.h) spec/ops.def core/op_info.c $(GEN_HDRS)
	@mkdir -p $(B)
	$(HOSTCC) -std=gnu11 -Wall -Wextra -Werror -Iinclude -I$(B)/include -include internal/pvops-short.h $< core/op_info.c -o $@

# Regenerate the op table in spec/ABI.md from spec/ops.def.
spec: $(B)/gen-spec-table
	tools/update-spec-table spec/ABI.md $(B)/gen-spec-table

SPARSE_FLAGS := -D__x86_64__ -m64 -Iinclude -I$(B)/include -Iguest -Wbitwise -Wcast-to-as -Wdecl \
	-Wshadow -Wtypesign -Wno-non-pointer-null -Wsparse-error
# The library and the guest with their short names; the ROM (its own types) without.
sparse: $(GEN_HDRS)
	@rc=0; for f in $(filter %.c,$(LIB_SRCS) $(GUEST_SRCS)); do \
		$(SPARSE) $(SPARSE_FLAGS) -include internal/pvops-short.h $$f || rc=1; done; \
	for f in $(wildcard $(ROM_SRC)/*.c); do $(SPARSE) $(SPARSE_FLAGS) $$f || rc=1; done; \
	if [ $$rc = 0 ]; then echo "sparse: clean"; else echo "sparse: FAILED"; fi; exit $$rc

# libFuzzer harnesses (tests/fuzz/): the library's parsers built for the host from their
# own sources, under ASan and UBSan. make check runs each for a bounded number of
# executions (tests/fuzz/run); make fuzz runs them long (FUZZ_TIME seconds each).
FUZZERS := vmi acpi cmdline bootinfo elf
FUZZ_CC ?= clang
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -Wall -Wextra -Werror -Wno-unused-parameter \
	-Iinclude -I$(B)/include -Icore -include internal/pvops-short.h
FUZZ_SRCS_vmi := backends/vmi/scan.c backends/vmi/answers.c core/string.c core/fmt.c
FUZZ_SRCS_acpi := backends/native/acpi.c core/string.c core/fmt.c
FUZZ_SRCS_cmdline := core/cmdline.c core/string.c core/fmt.c
FUZZ_SRCS_bootinfo := guest/bootinfo.c core/string.c core/fmt.c
$(B)/fuzz/fuzz_bootinfo: FUZZ_CFLAGS += -Iguest
FUZZ_SRCS_elf := guest/xen-launch/elf_image.c core/string.c core/fmt.c
$(B)/fuzz/fuzz_elf: FUZZ_CFLAGS += -Iguest
FUZZ_BINS := $(addprefix $(B)/fuzz/fuzz_,$(FUZZERS))
.SECONDEXPANSION:
$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $$(FUZZ_SRCS_$$*) $(GEN_HDRS) $(wildcard include/pvops/*.h)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $< $(FUZZ_SRCS_$*) -o $@
fuzz-build: $(FUZZ_BINS)
FUZZ_TIME ?= 300
fuzz: fuzz-build
	B=$(B) tests/fuzz/run --long $(FUZZ_TIME)

# The porting rules in report mode over this tree's library core and guest: nothing to port.
coccicheck:
	tools/pvops-port --report --check --no-asm --no-objects core guest

check-privileged: all
	tools/check-privileged $(B)

# The environments make check boots (tools/envs/*.env with make_check on).
boot-test: all
	tools/pvmatrix --check -o $(B)/matrix $(B)/pvguest.elf

# Every environment, then a foreign kernel (Debian's Linux) to a console pattern.
matrix: all
	tools/pvmatrix -o $(B)/matrix $(B)/pvguest.elf
	tools/fetch-debian-kernel $(B)/foreign
	tools/pvmatrix -o $(B)/matrix/foreign --append "console=ttyS0 panic=-1" \
		--expect "Kernel panic - not syncing: VFS: Unable to mount root fs" \
		$(B)/foreign/vmlinuz qemu-tcg-smp1

# The matrix as LAVA jobs run by LAVA's own dispatcher (lava-run), compared case by case with
# a local run of the same environments (tools/lava-check; LAVA=ENV... picks others).
LAVA ?= qemu-tcg kvm xen-pv
lava-check: all
	tools/deps lava
	tools/lava-check -o $(B)/lava-check $(B)/pvguest.elf $(LAVA)

check:
	tools/check

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' -type f 2>/dev/null)

# ---- install: the library as another kernel takes it --------------------------
# make install PREFIX=/usr/local DESTDIR=  (uninstall: the same files away)
#   $(PREFIX)/include/pvops-1/pvops/     the public headers (ABI major 1), generated ones included
#   $(PREFIX)/lib/libpvops.a              every backend of BACKENDS
#   $(PREFIX)/lib/pvops/rodata.lds, ro-after-init.lds   the linker pieces for INCLUDE
#   $(PREFIX)/lib/pkgconfig/pvops.pc      Cflags, Libs (whole archive), ldlibs (raw ld form)
PREFIX ?= /usr/local
DESTDIR ?=
# The ABI version, from the header that defines it (the pkg-config Version).
PVOPS_VERSION := $(shell sed -n 's/^\#define PVOPS_ABI_MAJOR //p' include/pvops/ops.h).$(shell sed -n 's/^\#define PVOPS_ABI_MINOR //p' include/pvops/ops.h)
INC_DIR := include/pvops-1
PUB_HDRS := $(wildcard include/pvops/*.h) include/pvops/ops.def include/pvops/vmi-calls.def
# The flags a kernel's call sites need (README, "Using pvops in a kernel").
PC_CFLAGS := -ffreestanding -mcmodel=kernel -mno-red-zone -fno-pic -fno-pie

$(B)/lds/rodata.lds $(B)/lds/ro-after-init.lds: include/pvops/pvops.lds.h
	@mkdir -p $(B)/lds
	$(Q)printf '#include <pvops/pvops.lds.h>\nPVOPS_RODATA\n' | $(CC) -E -P -x c -Iinclude - > $(B)/lds/rodata.lds
	$(Q)printf '#include <pvops/pvops.lds.h>\nPVOPS_RO_AFTER_INIT\n' | $(CC) -E -P -x c -Iinclude - > $(B)/lds/ro-after-init.lds

# Written every time: it carries PREFIX and BACKENDS.
$(B)/pvops.pc: FORCE
	@mkdir -p $(B)
	$(Q)printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' 'includedir=$${prefix}/$(INC_DIR)' \
		'# The raw ld form of Libs (a kernel linked with ld itself): --whole-archive keeps every' \
		'# backend, which registers itself by a section and is referred to by nothing.' \
		'ldlibs=-L$${libdir} --whole-archive -lpvops --no-whole-archive' \
		'ldscriptdir=$${libdir}' '' \
		'Name: pvops' \
		'Description: paravirtualization ops for x86-64 kernels (ABI $(PVOPS_VERSION); backends: $(BACKENDS))' \
		'Version: $(PVOPS_VERSION)' \
		'Cflags: -I$${includedir} $(PC_CFLAGS)' \
		'Libs: -L$${libdir} -Wl,--whole-archive -lpvops -Wl,--no-whole-archive' > $@

install: $(B)/libpvops.a $(B)/pvops.pc $(B)/lds/rodata.lds $(B)/lds/ro-after-init.lds $(GEN_HDRS)
	install -d $(DESTDIR)$(PREFIX)/$(INC_DIR)/pvops $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/lib/pvops
	install -m 644 $(PUB_HDRS) $(B)/include/pvops/calls-gen.h $(B)/include/pvops/ids.h \
		$(DESTDIR)$(PREFIX)/$(INC_DIR)/pvops/
	install -m 644 $(B)/libpvops.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 $(B)/lds/rodata.lds $(B)/lds/ro-after-init.lds $(DESTDIR)$(PREFIX)/lib/pvops/
	install -m 644 $(B)/pvops.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/

FORCE:

uninstall:
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/$(INC_DIR)/pvops/,$(notdir $(PUB_HDRS)) calls-gen.h ids.h)
	rm -f $(DESTDIR)$(PREFIX)/lib/libpvops.a $(DESTDIR)$(PREFIX)/lib/pkgconfig/pvops.pc
	rm -f $(DESTDIR)$(PREFIX)/lib/pvops/rodata.lds $(DESTDIR)$(PREFIX)/lib/pvops/ro-after-init.lds
	-rmdir $(DESTDIR)$(PREFIX)/$(INC_DIR)/pvops $(DESTDIR)$(PREFIX)/$(INC_DIR) \
		$(DESTDIR)$(PREFIX)/lib/pvops 2>/dev/null
