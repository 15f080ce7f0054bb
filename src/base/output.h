/* All-or-nothing output files: write to a temporary file in the target
 * folder, rename into place only when complete. A failed or interrupted
 * run leaves any previous file untouched and no partial file behind. */
#ifndef BX_OUTPUT_H
#define BX_OUTPUT_H

#include "common.h"

typedef struct bx_output {
    char *path;       /* final name */
    char *tmp_path;   /* the temporary file's name */
    char *write_path; /* what the writer opens: the temporary file through
                         its open descriptor (/proc/self/fd/N) where there is
                         /proc, else tmp_path */
    int fd;           /* the temporary file, open until the end; -1 if none */
    int pending;      /* its slot for bx_abandon_outputs, or -1 */
} bx_output;

/* Reserve a temporary file next to path (created empty, mode 0666 less
 * the umask). Writers open write_path: once bx_abandon_outputs removed
 * the temporary file's name (a signal, while another thread writes), a
 * writer opening it by that path again writes into the nameless file the
 * descriptor holds, which vanishes with the process — no name comes back
 * to leave a stray file. */
bool bx_output_begin(bx_output *o, const char *path, bx_error *err);
/* Rename the temporary file over path. Frees o's strings either way. */
bool bx_output_commit(bx_output *o, bx_error *err);
/* Remove the temporary file. Frees o's strings. Safe after commit. */
void bx_output_abort(bx_output *o);

#endif /* BX_OUTPUT_H */
