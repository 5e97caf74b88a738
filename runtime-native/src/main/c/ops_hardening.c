/*
 * Ops and helpers that exist because of runc's CVEs (docs/security.md): DUMPABLE, BIND_CONSOLE,
 * and the in-root chdir behind CHDIR.
 */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * DUMPABLE(INT on): prctl(PR_SET_DUMPABLE). Off, /proc/<init>/{exe,fd,cwd,root,environ...} of a
 * created container's init (still this helper, holding the state dir fd, running the helper binary)
 * need CAP_SYS_PTRACE, so a container sharing its pid namespace cannot reach them. execve turns it
 * back on for the user's program, as for any process.
 */
int op_dumpable(const struct arg *a)
{
    if (prctl(PR_SET_DUMPABLE, a[0].i ? 1 : 0, 0, 0, 0) < 0)
        return fail("prctl PR_SET_DUMPABLE", NULL);
    return 0;
}

static const char *kind(mode_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFLNK:
        return "a symlink";
    case S_IFDIR:
        return "a directory";
    case S_IFIFO:
        return "a fifo";
    case S_IFSOCK:
        return "a socket";
    case S_IFBLK:
        return "a block device";
    default:
        return "not a file";
    }
}

/*
 * BIND_CONSOLE(STR path in-root): bind the terminal on fd 0 (CONSOLE made it the pty slave) over
 * path, as runc does for /dev/console. The target is opened with O_PATH|O_NOFOLLOW in its resolved
 * parent and must be a regular file or a character device; a missing one is created (O_EXCL, so a
 * symlink planted meanwhile is not followed either). The bind goes through that very fd, so a swap
 * after the check cannot redirect it (CVE-2025-52565).
 */
int op_bind_console(const struct arg *a)
{
    const char *path = a[0].s;
    if (!isatty(0))
        return fail_errno(ENOTTY, "bind console: stdin is not a terminal, for", path);
    char base[NAME_MAX + 1];
    int dir = inroot_parent(path, 0, base, sizeof base);
    if (dir < 0)
        return -1;
    int fd = openat(dir, base, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        mode_t old = umask(0);
        int c = openat(dir, base, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0666);
        int err = errno;
        umask(old);
        if (c >= 0)
            close(c);
        else if (err != EEXIST) {
            close(dir);
            return fail_errno(err, "create", path);
        }
        fd = openat(dir, base, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    }
    int err = errno;
    close(dir);
    if (fd < 0)
        return fail_errno(err, "open", path);
    struct stat sb;
    if (fstat(fd, &sb) < 0) {
        err = errno;
        close(fd);
        return fail_errno(err, "stat", path);
    }
    if (!S_ISREG(sb.st_mode) && !S_ISCHR(sb.st_mode)) {
        close(fd);
        fail_errno(EPERM, "refusing to bind the console over", path);
        detail_append(": it is ");
        detail_append(kind(sb.st_mode));
        return -1;
    }
    char target[40];
    int r = mount("/proc/self/fd/0", fd_path(target, fd), NULL, MS_BIND, NULL);
    err = errno;
    close(fd);
    return r < 0 ? fail_errno(err, "bind console onto", path) : 0;
}

/*
 * chdir to path inside the container's root, never through a magic link such as /proc/self/fd/N
 * (a leaked fd of the host as cwd: CVE-2024-21626) nor a symlink leading out. Without OPEN_ROOT
 * the process's own "/" is the root.
 */
int chdir_in_root(const char *path)
{
    int own = -1;
    if (st.rootfd < 0) {
        own = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (own < 0)
            return fail("open", "/");
        st.rootfd = own;
    }
    int fd = inroot_open(path, O_PATH | O_DIRECTORY, 0);
    int err = errno;
    if (own >= 0) {
        st.rootfd = -1;
        close(own);
    }
    if (fd < 0)
        return fail_errno(err, "chdir", path);
    int r = fchdir(fd);
    err = errno;
    close(fd);
    return r < 0 ? fail_errno(err, "chdir", path) : 0;
}
