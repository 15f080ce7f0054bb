/* Files and folders. */
#ifndef BX_FS_H
#define BX_FS_H

#include "common.h"

/* Read a whole regular file (at most BX_MAX_FILE_BYTES) into a
 * NUL-terminated buffer the caller frees. A FIFO, a device or a folder is
 * refused without waiting (the open does not block). */
char *bx_read_file(const char *path, size_t *len, bx_error *err);

/* Whether a file name from an input file (a dataset's files:, a layout's
 * data:) stays inside the folder it is joined to: not empty, not absolute,
 * no ".." component. */
bool bx_path_stays_inside(const char *name);

/* Whether path, symbolic links followed, is inside dir (also followed):
 * *inside. False only when out of memory; a path that is not there is
 * inside (opening it says what is wrong). */
bool bx_path_within(const char *dir, const char *path, bool *inside, bx_error *err);

/* Whether the file name path ends in extension ext (".csv"), ignoring
 * case, after at least one other character. */
bool bx_path_has_extension(const char *path, const char *ext);

/* Join a directory and a file name into a new string the caller frees. */
char *bx_path_join(const char *dir, const char *name, bx_error *err);

/* mkdir -p dir. */
bool bx_make_dirs(const char *dir, bx_error *err);

#endif /* BX_FS_H */
