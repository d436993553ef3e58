/* tools/check-indirect must flag the one function here (not in tools/indirect-calls.txt). */
	.text
	.globl not_classified
	.type not_classified, @function
not_classified:
	endbr64
	call *%rax
	ret
	.globl direct_only
	.type direct_only, @function
direct_only:
	endbr64
	call not_classified
	ret

	.section .note.GNU-stack, "", @progbits
