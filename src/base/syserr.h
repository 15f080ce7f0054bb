/* What the operating system says went wrong, in the words of a finance
 * user: the one table of errno values (strerror's English never reaches a
 * message). */
#ifndef BX_SYSERR_H
#define BX_SYSERR_H

/* errno e in Chinese: "文件不存在" (ENOENT), "磁盘空间不足" (ENOSPC) …;
 * "系统错误" for a value no file operation of ours reports. Never NULL. */
const char *bx_errno_text(int e);

/* Why a file or folder could not be opened or read, errno e: as
 * bx_errno_text, with the reading side's words (EACCES: "没有读取权限"). */
const char *bx_read_reason(int e);

#endif /* BX_SYSERR_H */
