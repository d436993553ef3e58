# shellcheck shell=bash
# Used by tools/pvrun (make run): one interactive QEMU boot with the console
# on the terminal. The boot
# matrix (tools/pvmatrix, tools/envs/*.env) is where environments are defined
# for testing; these mirror tools/envs/qemu-tcg.env, qemu-kvm-native.env and kvm.env.
#
# The guest leaves QEMU through isa-debug-exit: QEMU exits with status*2+1, so
# 1 = tests passed, 3 = a test failed, 5 = panic; 124 is our timeout.

QEMU=${QEMU:-qemu-system-x86_64}

# qemu_env_args ENV: the accelerator and CPU for an environment.
qemu_env_args() {
	case "$1" in
	qemu-tcg) echo "-accel tcg -cpu max" ;;
	# kvm=off hides the KVM signature. -arch-capabilities: the kvm_pvm host
	# module refuses MSR 0x10a, which QEMU would otherwise set and abort on.
	qemu-kvm-native) echo "-accel kvm -cpu host,kvm=off,-arch-capabilities" ;;
	# The KVM signature visible: the KVM backend (tools/envs/kvm.env).
	kvm) echo "-accel kvm -cpu host,-arch-capabilities" ;;
	*) return 1 ;;
	esac
}

# qemu_probe ENV: prints nothing and returns 0 when ENV can run here, else
# prints the reason and returns 1.
qemu_probe() {
	if ! command -v "$QEMU" >/dev/null 2>&1; then
		echo "$QEMU not installed"
		return 1
	fi
	case "$1" in
	qemu-tcg) return 0 ;;
	qemu-kvm-native|kvm)
		if [ ! -e /dev/kvm ]; then
			echo "/dev/kvm does not exist"
			return 1
		fi
		if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
			echo "/dev/kvm is not accessible to $(id -un)"
			return 1
		fi
		local out
		# shellcheck disable=SC2046
		if ! out=$(echo quit | timeout 20 "$QEMU" $(qemu_env_args "$1") -machine pc \
			-nodefaults -display none -S -monitor stdio 2>&1 >/dev/null); then
			echo "QEMU cannot use KVM: $(echo "$out" | grep -v '^QEMU' | head -n 1)"
			return 1
		fi
		return 0 ;;
	*) echo "unknown environment $1"; return 1 ;;
	esac
}

# qemu_boot ENV IMAGE TIMEOUT LOG APPEND: boot, console to LOG (and stdout
# when LOG is -), return the guest's status (0 pass, 1 fail, 2 panic,
# 124 timeout, 125 QEMU error).
qemu_boot() {
	local env=$1 image=$2 tmo=$3 log=$4 append=$5 serial rc
	if [ "$log" = - ]; then serial="stdio"; else serial="file:$log"; fi
	# shellcheck disable=SC2046
	timeout --foreground -k 5 "$tmo" "$QEMU" $(qemu_env_args "$env") -machine pc -m 256 \
		-smp 1 -nodefaults -no-reboot -display none -monitor none -serial "$serial" \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel "$image" -append "$append" </dev/null
	rc=$?
	case $rc in
	1) return 0 ;;
	3) return 1 ;;
	5) return 2 ;;
	124|137) return 124 ;;
	*) return 125 ;;
	esac
}
