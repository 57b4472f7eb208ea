/* The slim firmware example: opens the model linked in as a const array (model.c,
 * from slim-pack --emit-c), runs it on each bundled input (inputs.c) and prints the
 * top-1 class of each over semihosting. Exits non-zero on any error, or if the
 * inference path allocated. */
#include <stddef.h>
#include <stdint.h>

#include "semihosting.h"
#include "slim.h"

extern const uint8_t slim_model_data[];
extern const size_t slim_model_data_size;
/* slim_example_input_count images of float32 NCHW, back to back, 4-aligned (inputs.c). */
extern const uint8_t slim_example_inputs[];
extern const size_t slim_example_input_count;
extern unsigned long slim_example_allocations;

/* The firmware's activation budget; the model declares what it needs. */
static _Alignas(64) uint8_t arena[128 * 1024];
enum { MAX_CLASSES = 256 };
static float logits[MAX_CLASSES];

static void write_unsigned(unsigned long value) {
  char digits[24];
  int length = 0;
  do {
    digits[length++] = (char)('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (length > 0) semihosting_write_char(digits[--length]);
}

/* The output's IEEE-754 bit patterns, so a script can compare them with the host's
 * exactly (int8 models must agree bit for bit). */
static void write_bits(const float *values, size_t count) {
  static const char hex[] = "0123456789abcdef";
  for (size_t k = 0; k < count; k++) {
    uint32_t bits;
    __builtin_memcpy(&bits, &values[k], sizeof bits);
    semihosting_write_char(k == 0 ? ' ' : ',');
    for (int shift = 28; shift >= 0; shift -= 4) semihosting_write_char(hex[(bits >> shift) & 15]);
  }
}

/* Four decimals are enough to eyeball against slim-run; the comparison is on the class
 * and, for int8 models, on the bits. */
static void write_fixed(float value) {
  if (value < 0) {
    semihosting_write_char('-');
    value = -value;
  }
  unsigned long scaled = (unsigned long)(value * 10000.0f + 0.5f);
  write_unsigned(scaled / 10000);
  semihosting_write_char('.');
  for (unsigned long unit = 1000; unit > 0; unit /= 10) semihosting_write_char((char)('0' + scaled / unit % 10));
}

static int fail(const char *what, int status, const char *message) {
  semihosting_write(what);
  semihosting_write(": ");
  semihosting_write(slim_status_name(status));
  semihosting_write(" ");
  semihosting_write(message);
  semihosting_write("\n");
  return 1;
}

int main(void) {
  char message[160];
  slim_model *model;
  slim_session *session;
  int status = slim_model_open(slim_model_data, slim_model_data_size, &model, message, sizeof message);
  if (status != SLIM_OK) return fail("slim_model_open", status, message);

  size_t input_count, output_count;
  if (slim_model_io_shape(model, SLIM_INPUT, 0, NULL, NULL, &input_count) != SLIM_OK ||
      slim_model_io_shape(model, SLIM_OUTPUT, 0, NULL, NULL, &output_count) != SLIM_OK ||
      output_count > MAX_CLASSES)
    return fail("model shape", SLIM_ERROR_SHAPE_MISMATCH, "");
  semihosting_write("model ");
  write_unsigned(slim_model_data_size);
  semihosting_write(" bytes, arena ");
  write_unsigned(slim_model_arena_size(model));
  semihosting_write(" bytes of ");
  write_unsigned(sizeof arena);
  semihosting_write("\n");

  status = slim_session_open(model, arena, sizeof arena, &session, message, sizeof message);
  if (status != SLIM_OK) return fail("slim_session_open", status, message);

  const float *inputs = (const float *)(const void *)slim_example_inputs;
  unsigned long before = slim_example_allocations;
  for (size_t image = 0; image < slim_example_input_count; image++) {
    status = slim_session_run(session, inputs + image * input_count, input_count, logits, output_count);
    if (status != SLIM_OK) return fail("slim_session_run", status, "");
    size_t best = 0;
    for (size_t k = 1; k < output_count; k++)
      if (logits[k] > logits[best]) best = k;
    semihosting_write("input ");
    write_unsigned(image);
    semihosting_write(": top-1 class ");
    write_unsigned(best);
    semihosting_write(" logit ");
    write_fixed(logits[best]);
    semihosting_write("\noutput ");
    write_unsigned(image);
    semihosting_write(":");
    write_bits(logits, output_count);
    semihosting_write("\n");
  }
  unsigned long during = slim_example_allocations - before;
  semihosting_write("allocations during runs: ");
  write_unsigned(during);
  semihosting_write("\n");
  slim_session_close(session);
  slim_model_close(model);
  return during == 0 ? 0 : 2;
}
