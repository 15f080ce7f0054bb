/* The dump back end: one line per anchor cell (sheet, A1 reference,
 * span, style, kind, display text) — a readable lens on the model for
 * golden tests. */
#ifndef BX_DUMP_H
#define BX_DUMP_H

#include "backend.h"

extern const bx_backend bx_backend_dump;

#endif /* BX_DUMP_H */
