/*
 * Process attributes: writes beneath /proc (oom_score_adj, time offsets, sysctls, LSM exec labels),
 * personality, I/O priority, scheduler and CPU affinity. Every value comes from jrunc as is.
 */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#define JR_PROC_SUPER_MAGIC 0x9fa0
#define JR_PROC_ROOT_INO 1
/* linux/openat2.h (absent from musl) */
struct jr_proc_how {
    uint64_t flags;
    uint64_t mode;
    uint64_t resolve;
};
#define JR_RESOLVE_NO_XDEV 0x01
#define JR_RESOLVE_NO_MAGICLINKS 0x02
#define JR_RESOLVE_BENEATH 0x08
#define JR_IOPRIO_WHO_PROCESS 1

static int on_procfs(int fd)
{
    struct statfs sfs;
    int r;
    do
        r = fstatfs(fd, &sfs);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return -1;
    if (sfs.f_type != JR_PROC_SUPER_MAGIC) {
        errno = EXDEV;
        return -1;
    }
    return 0;
}

/* buf ("/proc/") + rel, truncated to fit: the path as a message shows it. */
static void detail_path(char *buf, const char *rel)
{
    size_t n = strlen(buf), k = strlen(rel);
    if (k > PATH_MAX - 1)
        k = PATH_MAX - 1;
    memcpy(buf + n, rel, k);
    buf[n + k] = 0;
}

/*
 * WRITE_PROC(STR path beneath /proc, STR content), with the /proc of the current root: the host's
 * before the pivot. The 2025 runc CVEs redirected such writes with mounts over /proc files, so (the
 * same checks as procfs.c makes in the container's /proc): /proc must be the root of a procfs; the
 * path is resolved beneath it without crossing any mount (a bind over the target or a directory on
 * the way gives EXDEV) and without magic links; and the opened file must be on procfs too.
 */
int op_write_proc(const struct arg *a)
{
    char path[PATH_MAX + 8] = "/proc/"; /* for messages */
    detail_path(path, a[0].s);
    int proc = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (proc < 0)
        return fail("open", "/proc");
    struct stat sb;
    if (on_procfs(proc) < 0 || fstat(proc, &sb) < 0 || sb.st_ino != JR_PROC_ROOT_INO) {
        close(proc);
        return fail_errno(EXDEV, "refusing to write: /proc is not a procfs mount, for", path);
    }
    struct jr_proc_how how = {
        .flags = O_WRONLY | O_NOCTTY | O_CLOEXEC,
        .resolve = JR_RESOLVE_BENEATH | JR_RESOLVE_NO_XDEV | JR_RESOLVE_NO_MAGICLINKS,
    };
    long fd;
    do
        fd = syscall(SYS_openat2, proc, a[0].s, &how, sizeof how);
    while (fd < 0 && (errno == EAGAIN || errno == EINTR));
    int err = errno;
    close(proc);
    if (fd < 0)
        return fail_errno(err, err == EXDEV ? "refusing to write: a mount covers part of" : "open", path);
    if (on_procfs((int)fd) < 0) {
        err = errno;
        close((int)fd);
        return fail_errno(err, "refusing to write: not a procfs file:", path);
    }
    ssize_t n;
    do
        n = write((int)fd, a[1].s, a[1].len);
    while (n < 0 && errno == EINTR);
    err = n < 0 ? errno : EIO;
    close((int)fd);
    if (n != (ssize_t)a[1].len)
        return fail_errno(err, "write", path);
    return 0;
}

/* PERSONALITY(INT persona) */
int op_personality(const struct arg *a)
{
    if (syscall(SYS_personality, (unsigned long)a[0].i) < 0)
        return fail("personality", NULL);
    return 0;
}

/* IOPRIO(INT class << 13 | level) */
int op_ioprio(const struct arg *a)
{
    if (syscall(SYS_ioprio_set, JR_IOPRIO_WHO_PROCESS, 0, (int)a[0].i) < 0)
        return fail("ioprio_set", NULL);
    return 0;
}

/* struct sched_attr of linux/sched/types.h, SCHED_ATTR_SIZE_VER1 (with the unused utilization clamps). */
struct jr_sched_attr {
    uint32_t size;
    uint32_t sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime;
    uint64_t sched_deadline;
    uint64_t sched_period;
    uint32_t sched_util_min;
    uint32_t sched_util_max;
};

/* SCHED_ATTR(INT policy, INT flags, INT nice, INT priority, INT runtime, INT deadline, INT period) */
int op_sched_attr(const struct arg *a)
{
    struct jr_sched_attr attr = {
        .size = sizeof attr,
        .sched_policy = (uint32_t)a[0].i,
        .sched_flags = (uint64_t)a[1].i,
        .sched_nice = (int32_t)a[2].i,
        .sched_priority = (uint32_t)a[3].i,
        .sched_runtime = (uint64_t)a[4].i,
        .sched_deadline = (uint64_t)a[5].i,
        .sched_period = (uint64_t)a[6].i,
    };
    if (syscall(SYS_sched_setattr, 0, &attr, 0) < 0)
        return fail("sched_setattr", NULL);
    return 0;
}

/* CPU_AFFINITY(BYTES cpu mask): the kernel copies the (unaligned) bytes itself. */
int op_cpu_affinity(const struct arg *a)
{
    if (a[0].len == 0)
        return fail_errno(EINVAL, "sched_setaffinity: empty mask", NULL);
    if (syscall(SYS_sched_setaffinity, 0, (unsigned long)a[0].len, a[0].b) < 0)
        return fail("sched_setaffinity", NULL);
    return 0;
}
