/* The few symbols Embedded Swift needs beyond newlib, and an allocation counter that
 * proves the inference path never allocates (main.c checks it around the run). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "semihosting.h"

/* Every Swift heap allocation goes through posix_memalign (swift_slowAlloc). */
unsigned long slim_example_allocations;

void *memalign(size_t alignment, size_t size);

int posix_memalign(void **result, size_t alignment, size_t size) {
  slim_example_allocations++;
  void *memory = memalign(alignment < sizeof(void *) ? sizeof(void *) : alignment, size);
  if (memory == NULL) return 12; /* ENOMEM */
  *result = memory;
  return 0;
}

/* Seeds the standard library's hashing. A fixed seed is acceptable here: the runtime
 * hashes only the model's own metadata keys, and there is no entropy source. */
void arc4random_buf(void *buffer, size_t count) {
  uint8_t *bytes = buffer;
  uint32_t state = 0x9E3779B9u;
  for (size_t i = 0; i < count; i++) {
    state = state * 1664525u + 1013904223u;
    bytes[i] = (uint8_t)(state >> 24);
  }
}

int putchar(int c) {
  semihosting_write_char((char)c);
  return c;
}
