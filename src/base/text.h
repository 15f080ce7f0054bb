/* UTF-8 helpers: validation, decoding, estimated display width. */
#ifndef BX_TEXT_H
#define BX_TEXT_H

#include "common.h"

/* Decode one code point at s (n bytes available). Returns the number of
 * bytes consumed (1..4), or 0 if the bytes are not valid UTF-8 (overlong,
 * surrogate, truncated, > U+10FFFF). */
size_t bx_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* The next code point of s[*i, n) into *cp, past bytes that are not
 * UTF-8; advances *i. False at the end. */
bool bx_utf8_next(const char *s, size_t n, size_t *i, uint32_t *cp);

/* Encode cp as UTF-8 into out (at least 4 bytes); returns the length. */
size_t bx_utf8_encode(uint32_t cp, char *out);

/* Offset of the first invalid byte, or n if all of s is valid UTF-8. */
size_t bx_utf8_invalid_at(const char *s, size_t n);

/* Estimated display width in "half-width" units: ASCII and Latin count 1,
 * CJK and other full-width characters count 2. Used to size spreadsheet
 * columns and rows; the PDF back end measures with the real font. */
size_t bx_text_width(const char *s);
size_t bx_text_width_n(const char *s, size_t n);

/* Width of the widest line of s (lines split at '\n'). */
size_t bx_text_max_line_width(const char *s);

/* s without ASCII spaces, tabs and line ends at both ends: *n bytes from
 * the returned pointer (inside s). */
const char *bx_text_trim(const char *s, size_t *n);

/* True if every byte of s is an ASCII space, tab, CR or LF (or s is ""). */
bool bx_text_blank(const char *s);

/* s as people's typing compares: spaces of every kind dropped (ASCII,
 * U+3000, U+00A0, line ends), full-width forms folded to ASCII ("（" is
 * "(", "：" is ":"), curly quotes to straight ones. Into out (size bytes,
 * NUL-terminated); at, when given, receives for each byte of out the
 * offset in s of the character it came from (size entries). False if
 * out is too small. */
bool bx_text_fold(const char *s, char *out, size_t size, int *at);

/* A spreadsheet's name of a 0-based row and column ("D5" for row 4,
 * column 3; "?" for a negative one); returns buf. */
char *bx_cell_ref(int row, int col, char *buf, size_t size);

#endif /* BX_TEXT_H */
