/*
 * Opening files under the container's /proc for writing (sysctls, oom_score_adj...) so that the
 * write can only land in a real procfs file: the CVE-2025-52881 class, where a config or a racing
 * container puts a tmpfs, a bind mount or a symlink where a /proc file should be and runc's write
 * went somewhere else. This is a mechanism check, not policy: which files get written is Java's.
 *
 * The checks, each against what the attack needs:
 *  - "/proc" itself (resolved in-root) is the root directory of a procfs instance: statfs magic is
 *    PROC_SUPER_MAGIC and the inode is procfs' root inode, so /proc is not a plain directory, a
 *    symlink to one, or a bind mount of some procfs subdirectory;
 *  - the rest of the path is resolved beneath it with RESOLVE_NO_XDEV (no mount may sit over any
 *    component, so nothing can be bound over the target or a directory on its way),
 *    RESOLVE_NO_MAGICLINKS (no /proc/self/fd/N or /proc/N/root jumps) and RESOLVE_BENEATH
 *    (symlinks such as /proc/self may not climb out of /proc);
 *  - the opened file's own statfs is PROC_SUPER_MAGIC again, checked on the fd that is written.
 */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PROC_SUPER_MAGIC 0x9fa0
#define PROC_ROOT_INO 1

/* linux/openat2.h (absent from musl) */
struct proc_open_how {
    uint64_t flags;
    uint64_t mode;
    uint64_t resolve;
};
#define JR_RESOLVE_NO_XDEV 0x01
#define JR_RESOLVE_NO_MAGICLINKS 0x02
#define JR_RESOLVE_BENEATH 0x08

static int is_procfs(int fd)
{
    struct statfs sf;
    return fstatfs(fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC;
}

int procfs_path(const char *path)
{
    return strncmp(path, "/proc/", 6) == 0;
}

/*
 * Opens rel (relative, no leading slash) beneath proc, an fd of a directory that must be the root
 * of a procfs instance, with the checks above; shown names the path in messages. -1 with errno
 * and st.detail on failure; EXDEV means it does not lead to a procfs file without crossing
 * something else. proc stays open.
 */
int procfs_open_beneath(int proc, const char *rel, int flags, const char *shown)
{
    struct stat sb;
    if (fstat(proc, &sb) < 0 || !is_procfs(proc) || sb.st_ino != PROC_ROOT_INO)
        return fail_errno(EXDEV, "refusing to write: /proc is not a procfs mount, for", shown);
    struct proc_open_how how = {
        .flags = (uint64_t)(unsigned)(flags | O_CLOEXEC | O_NOCTTY),
        .resolve = JR_RESOLVE_BENEATH | JR_RESOLVE_NO_XDEV | JR_RESOLVE_NO_MAGICLINKS,
    };
    long fd;
    int tries = 0;
    do
        fd = syscall(SYS_openat2, proc, rel, &how, sizeof how);
    while (fd < 0 && (errno == EAGAIN || errno == EINTR) && ++tries < 64);
    if (fd < 0) {
        int err = errno;
        return fail_errno(err, err == EXDEV ? "refusing to write: a mount covers part of" : "open", shown);
    }
    if (!is_procfs((int)fd)) {
        close((int)fd);
        return fail_errno(EXDEV, "refusing to write: not a procfs file:", shown);
    }
    return (int)fd;
}

/*
 * Opens the directory a procfs magic link such as /proc/<pid>/root points to: the link's parent is
 * opened without following any symlink and must be on procfs, so only the kernel's own link is
 * followed, never one a user planted. -1 with errno on failure.
 */
int procfs_open_magic_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!procfs_path(path) || !slash || !slash[1] || (size_t)(slash - path) >= PATH_MAX) {
        errno = ELOOP;
        return -1;
    }
    char parent[PATH_MAX];
    memcpy(parent, path, (size_t)(slash - path));
    parent[slash - path] = '\0';
    int dir = open_no_symlinks(parent, O_PATH | O_DIRECTORY);
    if (dir < 0)
        return -1;
    if (!is_procfs(dir)) {
        close(dir);
        errno = ELOOP;
        return -1;
    }
    int fd = openat(dir, slash + 1, O_PATH | O_DIRECTORY | O_CLOEXEC);
    int err = errno;
    close(dir);
    errno = err;
    return fd;
}

/* Opens path (which procfs_path accepted) in the container's /proc, resolved in-root. */
int procfs_open(const char *path, int flags)
{
    const char *rest = path + 6;
    while (*rest == '/')
        rest++;
    if (!*rest)
        return fail_errno(EINVAL, "open", path);
    int proc = inroot_open("/proc", O_PATH | O_DIRECTORY, 0);
    if (proc < 0)
        return fail("resolve", "/proc");
    int fd = procfs_open_beneath(proc, rest, flags, path);
    int err = errno;
    close(proc);
    errno = err;
    return fd;
}
