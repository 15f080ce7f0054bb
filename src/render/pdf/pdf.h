/* The PDF back end (render_pdf.c on libharu, with fonts subset by
 * HarfBuzz): the whole document, each table from a new page. */
#ifndef BX_PDF_H
#define BX_PDF_H

#include "backend.h"

extern const bx_backend bx_backend_pdf;

#endif /* BX_PDF_H */
