/* The parsers' English in Chinese: libcsv's error codes, libyaml's
 * problems and contexts (its messages are fixed strings, matched here). */
#ifndef BX_PARSE_TEXT_H
#define BX_PARSE_TEXT_H

#include <stddef.h>

/* A libcsv error code (CSV_EPARSE …). */
const char *bx_csv_text(int code);
/* A libyaml problem ("did not find expected key") or context ("while
 * parsing a block mapping"); NULL for a string not in the table (a
 * later libyaml's): the caller then says the English in parentheses. */
const char *bx_yaml_said(const char *english);

/* The table, for the test that each is Chinese: entry i's English and
 * Chinese, i < bx_yaml_texts_count(). */
size_t bx_yaml_texts_count(void);
void bx_yaml_texts_at(size_t i, const char **english, const char **chinese);

#endif /* BX_PARSE_TEXT_H */
