/* `budgetx render A B C … -o OUT`: many datasets in one process, on worker
 * threads sharing one renderer, each into OUT/<name>/. Part of the CLI,
 * built on the public API only. */
#ifndef BX_BATCH_H
#define BX_BATCH_H

#include "budgetx.h"

#include <stdbool.h>

typedef struct bx_batch {
    const char *const *datasets; /* n dataset folders */
    int n;
    const char *out_dir;
    int jobs;      /* worker threads; 0 = one per core */
    bool progress; /* a progress line on stderr (a terminal) */
    bool quiet;    /* the summary only when a dataset failed, without notices */
    bool verbose;  /* a line for every file written */
} bx_batch;

/* Render every dataset; print a summary of failures to stderr. Returns
 * the worst exit status: 0 all written, 1 some dataset failed, 2 a usage
 * error (two datasets would write into the same folder). */
int bx_batch_run(const bx_batch *batch, const bx_render_options *options);

/* Append the dataset folders listed in a file (one per line; blank lines
 * and lines starting with # are skipped) to *list (malloc'd, grown; the
 * strings are malloc'd too). Returns false with a message printed. */
bool bx_batch_read_list(const char *path, char ***list, int *n, int *cap);

#endif /* BX_BATCH_H */
