/* What the operating system says went wrong, in the words of a finance
 * user: the one table of errno values (strerror's English never reaches a
 * message). Why a file could not be read is budgetx.h's
 * bx_read_error_text, built on it. */
#ifndef BX_SYSERR_H
#define BX_SYSERR_H

/* errno e in Chinese: "文件不存在" (ENOENT), "磁盘空间不足" (ENOSPC) …;
 * "系统错误" for a value no file operation of ours reports. Never NULL. */
const char *bx_errno_text(int e);

#endif /* BX_SYSERR_H */
