/* tools/check-endbr must flag the one function here whose address is stored without ENDBR64. */
	.text
	.globl bad_no_endbr
	.type bad_no_endbr, @function
bad_no_endbr:
	ret
	.globl good_endbr
	.type good_endbr, @function
good_endbr:
	endbr64
	ret
	.globl only_called
	.type only_called, @function
only_called:
	ret
	.globl caller
	.type caller, @function
caller:
	endbr64
	call only_called
	ret

	.data
	.quad bad_no_endbr
	.quad good_endbr
	.quad caller

	.section .note.GNU-stack, "", @progbits
