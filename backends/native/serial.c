// SPDX-License-Identifier: MIT
/*
 * Native console: the 16550 UART at COM1, polled. LF becomes CR LF.
 */
#include "native.h"
#include "insn.h"

#define COM1 0x3f8
#define UART_THR 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_LSR_THRE 0x20

void native_serial_init(void)
{
	raw_outb(COM1 + UART_IER, 0x00);	/* no interrupts: polled */
	raw_outb(COM1 + UART_LCR, 0x80);	/* DLAB */
	raw_outb(COM1 + 0, 0x01);		/* 115200 baud */
	raw_outb(COM1 + 1, 0x00);
	raw_outb(COM1 + UART_LCR, 0x03);	/* 8n1 */
	raw_outb(COM1 + UART_FCR, 0xc7);	/* FIFO on, cleared */
	raw_outb(COM1 + UART_MCR, 0x03);	/* DTR, RTS */
}

static void serial_putc(char c)
{
	unsigned int spins = 0;

	/* Bounded: a missing UART must not hang the console. */
	while (!(raw_inb(COM1 + UART_LSR) & UART_LSR_THRE) && ++spins < 100000)
		raw_pause();
	raw_outb(COM1 + UART_THR, (u8)c);
}

void native_console_write(const char *buf, u64 len)
{
	u64 i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\n')
			serial_putc('\r');
		serial_putc(buf[i]);
	}
}
