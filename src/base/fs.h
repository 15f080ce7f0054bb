/* Files and folders. */
#ifndef BX_FS_H
#define BX_FS_H

#include "common.h"

/* Read a whole file (at most BX_MAX_FILE_BYTES) into a NUL-terminated
 * buffer the caller frees. */
char *bx_read_file(const char *path, size_t *len, bx_error *err);

/* Join a directory and a file name into a new string the caller frees. */
char *bx_path_join(const char *dir, const char *name, bx_error *err);

/* mkdir -p dir. */
bool bx_make_dirs(const char *dir, bx_error *err);

#endif /* BX_FS_H */
