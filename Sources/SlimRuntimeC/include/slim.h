/*
 * slim.h: the C interface of SlimRuntime, for firmware and other C callers.
 *
 * Usage (see Tools/firmware/example/main.c):
 *
 *   slim_model *model;  slim_session *session;
 *   char message[128];
 *   if (slim_model_open(model_bytes, model_size, &model, message, sizeof message)) fail(message);
 *   static _Alignas(64) uint8_t arena[ARENA];          // >= slim_model_arena_size(model)
 *   if (slim_session_open(model, arena, sizeof arena, &session, message, sizeof message)) fail(message);
 *   slim_session_run(session, pixels, pixel_count, logits, class_count);   // no allocation
 *   // or, for a model packed with slim-pack --int8 --input uint8 (slim_model_io_dtype says
 *   // SLIM_DTYPE_UINT8): slim_session_run_u8(session, camera_hwc, h * w * c, logits, class_count);
 *
 * Every function that can fail returns a slim_status; 0 is success. Opening
 * allocates (the parsed model, the session's step table) once; slim_session_run
 * never allocates. A session is used by one thread at a time; a model may be
 * shared by several sessions.
 */
#ifndef SLIM_H
#define SLIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Largest rank of a tensor in a .slim file. */
#define SLIM_MAX_RANK 4

typedef struct slim_model slim_model;
typedef struct slim_session slim_session;

/** Result codes. Details of a failed open are written to the caller's message buffer. */
typedef enum slim_status {
  SLIM_OK = 0,
  /** A NULL pointer, an index out of range, or a size that cannot be right. */
  SLIM_ERROR_INVALID_ARGUMENT = 1,
  /** The bytes are not a valid .slim file (corrupt, truncated or hostile). */
  SLIM_ERROR_MALFORMED = 2,
  /** A valid file this runtime cannot run (newer major version, compressed without zlib, unknown required section). */
  SLIM_ERROR_UNSUPPORTED = 3,
  /** The model bytes (raw weights are read in place) or the arena are not 4-byte aligned. */
  SLIM_ERROR_MISALIGNED = 4,
  /** The arena is smaller than slim_model_arena_size(). */
  SLIM_ERROR_ARENA_TOO_SMALL = 5,
  /** An input or output buffer's element count differs from the tensor's, or the model is not single-input, single-output. */
  SLIM_ERROR_SHAPE_MISMATCH = 6,
  /** A file could not be opened or mapped (hosted builds only). */
  SLIM_ERROR_IO = 7,
  /**
   * The input was given in the wrong element type: slim_session_run (float) on a model whose
   * input is uint8 pixels, or slim_session_run_u8 on a float32-input model. See slim_model_io_dtype.
   */
  SLIM_ERROR_DTYPE_MISMATCH = 8,
} slim_status;

/** Element type of a graph input or output (the .slim file's dtype codes). */
typedef enum slim_dtype {
  /** float32; every graph output, and the inputs of float32 and float-input int8 models. */
  SLIM_DTYPE_FLOAT32 = 1,
  /** uint8 image pixels, HWC (row by row, the channels of a pixel together); run with slim_session_run_u8. */
  SLIM_DTYPE_UINT8 = 4,
} slim_dtype;

/** Graph inputs or graph outputs, for the shape queries. */
typedef enum slim_io {
  SLIM_INPUT = 0,
  SLIM_OUTPUT = 1,
} slim_io;

/**
 * Parses and validates a .slim file held in memory (e.g. a const array in flash).
 * The bytes are borrowed: they must stay valid and unchanged until slim_model_close,
 * and must be 4-byte aligned when the weights are stored raw (slim-pack --emit-c aligns
 * them to 64). Cost: O(file size) for the checksums plus O(operators x activations).
 * On failure *model is NULL and, when message is not NULL, a NUL-terminated description
 * (truncated to message_capacity) is written to it.
 */
slim_status slim_model_open(const void *bytes, size_t byte_count, slim_model **model, char *message,
                            size_t message_capacity);

/** Releases a model. Sessions keep their model alive, so they may outlive this call. NULL is ignored. */
void slim_model_close(slim_model *model);

/** Bytes of arena a session of this model needs (the file's PLAN section). */
size_t slim_model_arena_size(const slim_model *model);

/** Number of graph inputs or outputs. */
size_t slim_model_io_count(const slim_model *model, slim_io io);

/**
 * Writes the shape of graph input or output `index` (outermost first, NCHW for images)
 * into dims[0..<*rank] and its element count into *element_count (either may be NULL).
 * Returns SLIM_ERROR_INVALID_ARGUMENT when index is out of range.
 */
slim_status slim_model_io_shape(const slim_model *model, slim_io io, size_t index, size_t dims[SLIM_MAX_RANK],
                                size_t *rank, size_t *element_count);

/**
 * Writes the element type of graph input or output `index`, a slim_dtype value, into *dtype
 * (an int32_t, not a slim_dtype, so the out-parameter's size never depends on how the compiler
 * sizes enums). A uint8 input's shape (slim_model_io_shape) is [1, H, W, C]. Returns
 * SLIM_ERROR_INVALID_ARGUMENT when index is out of range or dtype is NULL.
 */
slim_status slim_model_io_dtype(const slim_model *model, slim_io io, size_t index, int32_t *dtype);

/**
 * Creates a session that uses the caller's arena (e.g. a static buffer; 64-byte alignment
 * recommended, 4 required). The arena must hold slim_model_arena_size(model) bytes and stay
 * untouched by anything else until slim_session_close. Allocates the step table once.
 */
slim_status slim_session_open(slim_model *model, void *arena, size_t arena_size, slim_session **session,
                              char *message, size_t message_capacity);

/** Releases a session (not its arena). NULL is ignored. */
void slim_session_close(slim_session *session);

/**
 * Copies `input` into the arena, runs the model and copies its output to `output`.
 * For single-input, single-output models with a float32 input; counts are in floats.
 * SLIM_ERROR_DTYPE_MISMATCH when the model's input is uint8 (use slim_session_run_u8).
 * Never allocates.
 */
slim_status slim_session_run(slim_session *session, const float *input, size_t input_count, float *output,
                             size_t output_count);

/**
 * As slim_session_run for a model whose input is uint8 pixels (slim-pack --int8 --input uint8):
 * `pixels` holds H*W*C bytes, HWC, exactly as a camera or a decoded image gives them; the model
 * normalizes and quantizes them inside with integers only. `output_count` is in floats.
 * SLIM_ERROR_DTYPE_MISMATCH when the model's input is float32. Never allocates.
 */
slim_status slim_session_run_u8(slim_session *session, const uint8_t *pixels, size_t pixel_count, float *output,
                                size_t output_count);

/** A static, NUL-terminated name for a status ("SLIM_ERROR_MALFORMED"). Never NULL. */
const char *slim_status_name(int status);

#ifdef __cplusplus
}
#endif

#endif /* SLIM_H */
