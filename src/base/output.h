/* All-or-nothing outputs: every file (or, for a dataset, every folder) is
 * written under a temporary name beside its place, `.NAME.PID.N.tmp`, and
 * renamed into place only when complete; outputs that belong together (a
 * render's workbook and PDF) are renamed together. A failed or interrupted
 * run leaves the previous files untouched and nothing partial behind.
 *
 * The temporary names are what bx_output_sweep recognises: one a process
 * that no longer runs left behind (SIGKILL: the OOM killer, a scheduler's
 * time limit) is removed by the next run that writes into that folder. */
#ifndef BX_OUTPUT_H
#define BX_OUTPUT_H

#include "common.h"

typedef struct bx_output {
    char *path;       /* final name */
    char *tmp_path;   /* the temporary file's (or folder's) name */
    char *write_path; /* what a writer opens: the temporary file through its
                         open descriptor (/proc/self/fd/N) where there is
                         /proc, else tmp_path; NULL for a folder */
    int fd;           /* the temporary file (or folder), open until the end; -1 if none */
    int pending;      /* its slot for bx_abandon_outputs, or -1 */
    bool folder;      /* a folder (bx_output_folder_begin) */
} bx_output;

/* Reserve a temporary file next to path (created empty, mode 0666 less
 * the umask), first sweeping that folder (bx_output_sweep; a thread
 * sweeps one folder once a minute at most). Writers open
 * write_path: once bx_abandon_outputs removed the temporary file's name (a
 * signal, while another thread writes), a writer opening it by that path
 * again writes into the nameless file the descriptor holds, which vanishes
 * with the process — no name comes back to leave a stray file. */
bool bx_output_begin(bx_output *o, const char *path, bx_error *err);
/* Reserve a temporary folder next to path (which must not be a symbolic
 * link), to fill with bx_output_put: committed, path is that folder, and
 * whatever folder path was before is removed. */
bool bx_output_folder_begin(bx_output *o, const char *path, bx_error *err);
/* Write data as the whole of a file output (name NULL), or as the file
 * `name` (one path component) of a folder output. Messages name the final
 * file and say why, as bx_output_explain. */
bool bx_output_put(bx_output *o, const char *name, const void *data, size_t len, bx_error *err);

/* Rename every output into place, all or nothing: if one cannot be, those
 * already renamed are put back, and every path is as it was. Outputs in
 * the same folder as the first are committed under a lock on that folder
 * (flock), so that runs writing into one folder at once leave one run's
 * set of files, not a mixture; signals are held off while it renames.
 * Frees every output either way (the temporaries of a failed commit are
 * removed). */
bool bx_outputs_commit(bx_output *outs, size_t n, bx_error *err);
/* bx_outputs_commit of one output. */
bool bx_output_commit(bx_output *o, bx_error *err);
/* Remove the temporary file (or folder). Frees o's strings. Safe after
 * commit, and on a zeroed output. */
void bx_output_abort(bx_output *o);

/* A writer of o failed (err holds its message, perhaps naming the file it
 * was given) with errno `errnum` captured where it failed (0: unknown):
 * make err name o's final file and, when the system tells why — errnum is
 * one of a failed write's, or o's file system is full — say so in words
 * ("无法写入文件：磁盘空间不足"). */
void bx_output_explain(const bx_output *o, int errnum, bx_error *err);

/* Why a write failed with errno e, for a finance user: "磁盘空间不足"
 * (ENOSPC), "没有写入权限" (EACCES, EPERM), "文件系统只读" (EROFS) …;
 * bx_errno_text for the others. Never NULL. */
const char *bx_output_reason(int e);

/* Remove, in dir, the temporary files and folders (`.NAME.PID.N.tmp`) of
 * processes that have ended: the name's PID runs no process, or one
 * started after the file was last changed (the PID was reused), and the
 * file has not changed for BX_OUTPUT_STALE_SECONDS (a process of another
 * machine or container writing into a shared folder has a PID this one
 * cannot see). Errors are ignored: it only tidies. */
enum { BX_OUTPUT_STALE_SECONDS = 300 };
void bx_output_sweep(const char *dir);

#endif /* BX_OUTPUT_H */
