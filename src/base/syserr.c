/* errno in Chinese (syserr.h). */
#include "syserr.h"

#include "budgetx.h"

#include <errno.h>
#include <stddef.h>

static const struct {
    int code;
    const char *text;
} errno_texts[] = {
    {EPERM, "不允许这样操作"},
    {ENOENT, "文件或目录不存在"},
    {ESRCH, "进程不存在"},
    {EINTR, "操作被信号中断"},
    {EIO, "磁盘读写出错"},
    {ENXIO, "设备不存在"},
    {E2BIG, "参数过长"},
    {ENOEXEC, "不是可执行文件"},
    {EBADF, "文件已关闭"},
    {ECHILD, "子进程不存在"},
    {EAGAIN, "资源暂时不可用，请稍后再试"},
    {ENOMEM, "内存不足"},
    {EACCES, "没有访问权限"},
    {EFAULT, "地址无效"},
    {EBUSY, "文件正在使用中"},
    {EEXIST, "文件已存在"},
    {EXDEV, "不能跨文件系统移动"},
    {ENODEV, "设备不存在"},
    {ENOTDIR, "路径中有一段不是目录"},
    {EISDIR, "这是一个文件夹，不是文件"},
    {EINVAL, "参数无效"},
    {ENFILE, "打开的文件过多"},
    {EMFILE, "打开的文件过多"},
    {ENOTTY, "不是终端"},
    {ETXTBSY, "文件正在使用中"},
    {EFBIG, "文件超过文件系统允许的大小"},
    {ENOSPC, "磁盘空间不足"},
    {ESPIPE, "不能在管道中定位"},
    {EROFS, "文件系统只读"},
    {EMLINK, "链接过多"},
    {EPIPE, "管道已断开"},
    {EDEADLK, "可能死锁，已放弃"},
    {ENAMETOOLONG, "文件名过长"},
    {ENOLCK, "无法加锁"},
    {ENOSYS, "系统不支持这个操作"},
    {ENOTEMPTY, "目录不是空的"},
    {ELOOP, "符号链接层数过多"},
    {EOVERFLOW, "文件过大，无法处理"},
    {EILSEQ, "字符编码无效"},
    {EOPNOTSUPP, "文件系统不支持这个操作"},
    {ETIMEDOUT, "操作超时"},
    {ESTALE, "网络文件系统上的文件已失效"},
    {EDQUOT, "超出磁盘配额"},
    {ECANCELED, "操作已取消"},
    {ENOTSUP, "文件系统不支持这个操作"},
    {ENOBUFS, "系统缓冲区不足"},
    {ECONNRESET, "网络连接被重置"},
    {EHOSTDOWN, "网络上的主机不可用"},
    {ENOMEDIUM, "设备中没有介质"},
    {EREMOTEIO, "远程读写出错"},
};

const char *bx_errno_text(int e)
{
    for (size_t i = 0; i < sizeof errno_texts / sizeof errno_texts[0]; i++)
        if (errno_texts[i].code == e)
            return errno_texts[i].text;
    return "系统错误";
}

/* budgetx.h: the reading side's words for EACCES, ENOENT */
const char *bx_read_error_text(int e)
{
    switch (e) {
    case ENOENT: return "文件不存在";
    case EACCES:
    case EPERM: return "没有读取权限";
    default: return bx_errno_text(e);
    }
}
