/* ARM semihosting (bkpt 0xAB): how the example talks to QEMU's console without a UART
 * driver. Needs `-semihosting-config enable=on,target=native`. */
#ifndef SEMIHOSTING_H
#define SEMIHOSTING_H

void semihosting_write(const char *text);
void semihosting_write_char(char c);
__attribute__((noreturn)) void semihosting_exit(int status);

#endif
