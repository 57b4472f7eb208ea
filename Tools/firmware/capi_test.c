/* Host test of include/slim.h, linked against the same Embedded Swift build of
 * SlimRuntime + SlimRuntimeC that firmware uses (compiled for x86_64). Loads a .slim
 * file, checks the queries, runs it on an image (float32 NCHW, or uint8 HWC pixels when
 * the model's input is uint8) and prints the top-1 class (test-c-api.sh compares it with
 * slim-run), then feeds the API bad input and checks each failure's status. Exits
 * non-zero when a check failed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slim.h"

/* Every Swift allocation goes through posix_memalign; counting it proves the run path allocates nothing. */
static unsigned long allocations;
int posix_memalign(void **result, size_t alignment, size_t size) {
  allocations++;
  size_t rounded = (size + alignment - 1) / alignment * alignment;
  void *memory = aligned_alloc(alignment < sizeof(void *) ? sizeof(void *) : alignment, rounded ? rounded : alignment);
  if (memory == NULL) return 12;
  *result = memory;
  return 0;
}

static int failures;
#define CHECK(condition)                                                     \
  do {                                                                       \
    if (!(condition)) {                                                      \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      failures++;                                                            \
    }                                                                        \
  } while (0)

static uint8_t *read_file(const char *path, size_t *size, size_t alignment) {
  FILE *file = fopen(path, "rb");
  if (!file) return NULL;
  fseek(file, 0, SEEK_END);
  *size = (size_t)ftell(file);
  fseek(file, 0, SEEK_SET);
  /* One spare alignment unit so the misaligned-bytes check can shift the copy. */
  uint8_t *bytes = aligned_alloc(alignment, (*size + 2 * alignment) / alignment * alignment);
  if (fread(bytes, 1, *size, file) != *size) {
    fclose(file);
    return NULL;
  }
  fclose(file);
  return bytes;
}

/* slim_session_run_u8 for pixels, slim_session_run for floats; counts in elements. */
static slim_status run(slim_session *session, int pixels, const uint8_t *image, size_t count, float *logits,
                       size_t logit_count) {
  return pixels ? slim_session_run_u8(session, image, count, logits, logit_count)
                : slim_session_run(session, (const float *)image, count, logits, logit_count);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: capi_test MODEL.slim IMAGE.f32|IMAGE.u8\n");
    return 64;
  }
  size_t model_size, image_size;
  uint8_t *bytes = read_file(argv[1], &model_size, 64);
  uint8_t *image = read_file(argv[2], &image_size, 64);
  if (!bytes || !image) {
    fprintf(stderr, "cannot read the inputs\n");
    return 66;
  }

  char message[256];
  slim_model *model = NULL;
  CHECK(slim_model_open(bytes, model_size, &model, message, sizeof message) == SLIM_OK);
  CHECK(model != NULL && message[0] == 0);
  size_t arena_size = slim_model_arena_size(model);
  printf("arena %zu bytes\n", arena_size);
  CHECK(arena_size > 0);
  CHECK(slim_model_io_count(model, SLIM_INPUT) == 1 && slim_model_io_count(model, SLIM_OUTPUT) == 1);
  size_t dims[SLIM_MAX_RANK], rank = 0, input_count = 0, output_count = 0;
  CHECK(slim_model_io_shape(model, SLIM_INPUT, 0, dims, &rank, &input_count) == SLIM_OK);
  CHECK(rank == 4 && dims[0] * dims[1] * dims[2] * dims[3] == input_count);
  int32_t dtype = 0;
  CHECK(slim_model_io_dtype(model, SLIM_INPUT, 1, &dtype) == SLIM_ERROR_INVALID_ARGUMENT);
  CHECK(slim_model_io_dtype(model, SLIM_INPUT, 0, NULL) == SLIM_ERROR_INVALID_ARGUMENT);
  CHECK(slim_model_io_dtype(model, SLIM_OUTPUT, 0, &dtype) == SLIM_OK && dtype == SLIM_DTYPE_FLOAT32);
  CHECK(slim_model_io_dtype(model, SLIM_INPUT, 0, &dtype) == SLIM_OK);
  CHECK(dtype == SLIM_DTYPE_FLOAT32 || dtype == SLIM_DTYPE_UINT8);
  int pixels = dtype == SLIM_DTYPE_UINT8;
  printf("input %s\n", pixels ? "uint8 HWC pixels" : "float32 NCHW");
  CHECK(input_count * (pixels ? 1 : sizeof(float)) == image_size);
  CHECK(slim_model_io_shape(model, SLIM_OUTPUT, 0, NULL, NULL, &output_count) == SLIM_OK && output_count > 0);
  CHECK(slim_model_io_shape(model, SLIM_OUTPUT, 1, dims, &rank, NULL) == SLIM_ERROR_INVALID_ARGUMENT);
  CHECK(slim_model_io_shape(model, (slim_io)7, 0, dims, &rank, NULL) == SLIM_ERROR_INVALID_ARGUMENT);

  void *arena = aligned_alloc(64, (arena_size + 63) / 64 * 64);
  slim_session *session = NULL;
  CHECK(slim_session_open(model, arena, arena_size - 4, &session, message, sizeof message) == SLIM_ERROR_ARENA_TOO_SMALL);
  CHECK(session == NULL && strstr(message, "arena") != NULL);
  CHECK(slim_session_open(model, arena, arena_size, &session, message, sizeof message) == SLIM_OK);

  float *logits = calloc(output_count, sizeof(float));
  unsigned long before = allocations;
  CHECK(run(session, pixels, image, input_count, logits, output_count) == SLIM_OK);
  CHECK(run(session, pixels, image, input_count - 1, logits, output_count) == SLIM_ERROR_SHAPE_MISMATCH);
  CHECK(run(session, pixels, image, input_count, logits, output_count + 1) == SLIM_ERROR_SHAPE_MISMATCH);
  CHECK(run(session, pixels, NULL, input_count, logits, output_count) == SLIM_ERROR_INVALID_ARGUMENT);
  /* The other element type is refused before anything is read. */
  CHECK(run(session, !pixels, image, input_count, logits, output_count) == SLIM_ERROR_DTYPE_MISMATCH);
  CHECK(run(session, pixels, image, input_count, logits, output_count) == SLIM_OK);
  CHECK(allocations == before);
  size_t best = 0;
  for (size_t k = 1; k < output_count; k++)
    if (logits[k] > logits[best]) best = k;
  printf("top-1 class %zu logit %.4f\n", best, logits[best]);
  printf("allocations during runs: %lu\n", allocations - before);

  /* The session keeps the model alive: closing the model first is allowed. */
  slim_model_close(model);
  CHECK(run(session, pixels, image, input_count, logits, output_count) == SLIM_OK);
  slim_session_close(session);

  /* Hostile and mistaken inputs: each gets its status and a message, never a crash. */
  slim_model *bad = (slim_model *)1;
  CHECK(slim_model_open(bytes, model_size - 1, &bad, message, sizeof message) == SLIM_ERROR_MALFORMED);
  CHECK(bad == NULL && strlen(message) > 0);
  printf("truncated: %s\n", message);
  bytes[model_size / 2] ^= 0x40;
  CHECK(slim_model_open(bytes, model_size, &bad, message, sizeof message) == SLIM_ERROR_MALFORMED);
  printf("flipped bit: %s\n", message);
  bytes[model_size / 2] ^= 0x40;
  memcpy(bytes, "SLIX", 4);
  CHECK(slim_model_open(bytes, model_size, &bad, message, sizeof message) == SLIM_ERROR_MALFORMED);
  memcpy(bytes, "SLIM", 4);
  memmove(bytes + 2, bytes, model_size);
  CHECK(slim_model_open(bytes + 2, model_size, &bad, message, sizeof message) == SLIM_ERROR_MISALIGNED);
  printf("misaligned: %s\n", message);
  memmove(bytes, bytes + 2, model_size);
  char tiny[8];
  memset(tiny, 'x', sizeof tiny);
  CHECK(slim_model_open(bytes, 3, &bad, tiny, sizeof tiny) == SLIM_ERROR_MALFORMED && strlen(tiny) == 7);
  CHECK(slim_model_open(NULL, model_size, &bad, message, sizeof message) == SLIM_ERROR_INVALID_ARGUMENT);
  CHECK(slim_model_open(bytes, model_size, NULL, NULL, 0) == SLIM_ERROR_INVALID_ARGUMENT);
  CHECK(slim_model_open(bytes, model_size, &bad, NULL, 0) == SLIM_OK);
  slim_model_close(bad);
  CHECK(strcmp(slim_status_name(SLIM_ERROR_ARENA_TOO_SMALL), "SLIM_ERROR_ARENA_TOO_SMALL") == 0);
  CHECK(strcmp(slim_status_name(SLIM_ERROR_DTYPE_MISMATCH), "SLIM_ERROR_DTYPE_MISMATCH") == 0);
  CHECK(strcmp(slim_status_name(99), "SLIM_UNKNOWN_STATUS") == 0);
  slim_model_close(NULL);
  slim_session_close(NULL);

  printf(failures ? "%d checks FAILED\n" : "all checks passed\n", failures);
  return failures ? 1 : 0;
}
