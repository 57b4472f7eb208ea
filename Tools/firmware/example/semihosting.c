#include "semihosting.h"

#include <stdint.h>

enum { SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_EXIT_EXTENDED = 0x20 };

static uintptr_t semihosting_call(uintptr_t operation, uintptr_t argument) {
  register uintptr_t r0 __asm__("r0") = operation;
  register uintptr_t r1 __asm__("r1") = argument;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void semihosting_write(const char *text) { semihosting_call(SYS_WRITE0, (uintptr_t)text); }

void semihosting_write_char(char c) { semihosting_call(SYS_WRITEC, (uintptr_t)&c); }

void semihosting_exit(int status) {
  /* ADP_Stopped_ApplicationExit with an exit code (SYS_EXIT_EXTENDED): QEMU exits with it. */
  uintptr_t block[2] = {0x20026, (uintptr_t)status};
  semihosting_call(SYS_EXIT_EXTENDED, (uintptr_t)block);
  for (;;) {}
}
