/* Cortex-M start-up for the slim firmware example: vector table, reset handler
 * (copy .data, zero .bss, run constructors, call main) and semihosting exit. */
#include <stdint.h>

#include "semihosting.h"

extern uint32_t _stack_top, _data_load, _data_start, _data_end, _bss_start, _bss_end;
extern void (*_init_array_start[])(void), (*_init_array_end[])(void);
int main(void);

void reset_handler(void) {
  /* The FPU is off after reset; the hard-float code needs CP10/CP11 enabled. */
  volatile uint32_t *cpacr = (uint32_t *)0xE000ED88u;
  *cpacr |= 0xFu << 20;
  __asm volatile("dsb\n isb");
  for (uint32_t *src = &_data_load, *dst = &_data_start; dst < &_data_end;) *dst++ = *src++;
  for (uint32_t *dst = &_bss_start; dst < &_bss_end;) *dst++ = 0;
  for (void (**init)(void) = _init_array_start; init < _init_array_end; init++) (*init)();
  semihosting_exit(main());
}

/* Any fault ends the run with a non-zero exit rather than hanging QEMU. */
static void fault_handler(void) {
  semihosting_write("fault\n");
  semihosting_exit(70);
}

__attribute__((section(".vectors"), used)) void *const vector_table[16] = {
    &_stack_top,    (void *)reset_handler, (void *)fault_handler, (void *)fault_handler,
    (void *)fault_handler, (void *)fault_handler, (void *)fault_handler,
};
