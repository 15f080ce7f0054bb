/* The harnesses that read workbooks zip XML parts of their input here, so
 * that mutations reach the XML past the zip layer's CRCs. */
#ifndef BX_FUZZ_ZIP_H
#define BX_FUZZ_ZIP_H

#include <stddef.h>
#include <stdint.h>

/* n parts zipped (stored, not compressed) under their names into a new
 * buffer (caller frees); aborts if libzip fails. */
uint8_t *bx_fuzz_zip(const char *const *names, const char *const *parts, const size_t *len, int n,
                     size_t *size);

/* The input split at "\n--\n" into at most `most` parts; the parts it
 * does not give keep the defaults (n of them). Then zipped as above. */
uint8_t *bx_fuzz_split_zip(const uint8_t *data, size_t size, const char *const *names,
                           const char *const *defaults, int n, int most, size_t *out_size);

#endif /* BX_FUZZ_ZIP_H */
