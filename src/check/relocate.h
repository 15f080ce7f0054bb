/* Findings moved to another place (findings.c): a dataset read from a
 * workbook names the workbook's cell, not the CSV it became. */
#ifndef BX_RELOCATE_H
#define BX_RELOCATE_H

#include "common.h"

#include <stddef.h>

/* Where a figure at (file, line, column) was shown, written into out
 * ("book.xlsx: 表3 支出总表!D6"); false to leave the finding where it is.
 * file is "" for a finding without a place, line 0 for one about a whole
 * file, column 0 for one about a row. */
typedef bool (*bx_finding_place)(void *ctx, const char *file, int line, int column, char *out,
                                 size_t size);

/* Every finding the callback places elsewhere takes that place (no line
 * and column then). */
void bx_findings_relocate(bx_findings *findings, bx_finding_place place, void *ctx);

#endif /* BX_RELOCATE_H */
