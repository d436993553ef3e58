/* Assembly the rules cannot reach: reported with its mode. */
	.code16
start16:
	cli
	lgdtl gdt_desc
	movl %cr0, %eax
	.code32
start32:
	movl %eax, %cr3
	wrmsr
	.code64
start64:
	swapgs
	iretq
	pushfq
	cpuid
	ret
