/* Fixture for tools/check-privileged: each instruction must be reported. */
	.text
	cli
	movq %cr3, %rax
	outb %al, $0x80
	wrmsr
