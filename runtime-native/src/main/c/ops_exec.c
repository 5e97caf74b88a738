/* RESOLVE_EXEC, EXECVE, CLOSE_FDS, SETFSUID. */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/*
 * As execve would judge it: a regular file we may execute. 1 when stat failed (errno set), -1 when
 * the file is there but not executable. The plan runs this before the seccomp filter and before
 * the uid switch, with the fsuid already the container's (SETFSUID) and its gid and groups set:
 * AT_EACCESS makes faccessat2 check with those, not with the real uid (still root). A kernel
 * without faccessat2 (before 5.8) gets the real uid's answer; execve checks again anyway.
 */
static int check_exec(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) < 0)
        return 1;
    if (!S_ISREG(sb.st_mode)) {
        errno = EACCES;
        return -1;
    }
    long r = syscall(SYS_faccessat2, AT_FDCWD, path, X_OK, AT_EACCESS);
    if (r < 0 && errno == ENOSYS)
        r = faccessat(AT_FDCWD, path, X_OK, 0);
    return r < 0 ? -1 : 0;
}

static int found(const char *path)
{
    size_t n = strlen(path);
    if (n >= sizeof st.exec_path)
        return fail_errno(ENAMETOOLONG, "exec:", path);
    memcpy(st.exec_path, path, n + 1);
    st.have_exec = 1;
    return 0;
}

/* st.detail = exec: "file"[suffix], as runc words it. */
static int fail_exec(int err, const char *file, const char *suffix)
{
    fail_errno(err, "exec: \"", NULL);
    detail_append(file);
    detail_append("\"");
    if (suffix)
        detail_append(suffix);
    errno = err;
    return -1;
}

/*
 * RESOLVE_EXEC(STR file, STR PATH value): execvp's search. A name with '/' is taken as is;
 * otherwise each PATH entry is tried in order (an empty entry is the current directory), and
 * the first regular executable file wins. If none does: EACCES if some candidate existed but
 * could not be executed, else ENOENT. The details are runc's (Go's LookPath) words, so that the
 * reason is always there and Docker can map it to 126/127:
 *   exec: "/x": stat /x            (+ ": no such file or directory", from the errno)
 *   exec: "/x"                     (+ ": permission denied": not a regular file, or not executable)
 *   exec: "x": executable file not found in $PATH
 */
int op_resolve_exec(const struct arg *a)
{
    const char *file = a[0].s;
    const char *path = a[1].len ? a[1].s : DEFAULT_PATH;
    st.have_exec = 0;
    if (!*file)
        return fail_exec(ENOENT, file, ": executable file not found in $PATH");
    if (strchr(file, '/')) {
        int r = check_exec(file);
        if (r > 0) {
            int err = errno;
            fail_exec(err, file, ": stat ");
            detail_append(file);
            errno = err;
            return -1;
        }
        if (r < 0)
            return fail_exec(errno, file, NULL);
        return found(file);
    }
    size_t flen = a[0].len;
    int eacces = 0;
    for (const char *p = path;; p++) {
        const char *end = strchr(p, ':');
        size_t dlen = end ? (size_t)(end - p) : strlen(p);
        char cand[PATH_MAX];
        if (dlen == 0) {
            cand[0] = '.';
            dlen = 1;
        } else if (dlen < sizeof cand) {
            memcpy(cand, p, dlen);
        }
        if (dlen + 1 + flen < sizeof cand) {
            cand[dlen] = '/';
            memcpy(cand + dlen + 1, file, flen + 1);
            int r = check_exec(cand);
            if (r == 0)
                return found(cand);
            if (r < 0 && errno == EACCES)
                eacces = 1;
        }
        if (!end)
            break;
        p = end;
    }
    if (eacces)
        return fail_exec(EACCES, file, NULL);
    return fail_exec(ENOENT, file, ": executable file not found in $PATH");
}

/*
 * EXECVE(STRV argv, STRV envp) of the file found by RESOLVE_EXEC: execve(2) by path, the one
 * syscall every profile that runs anything allows (execveat is missing from many hand-written
 * lists, and a #! script exec'd through an fd would need /dev/fd for its interpreter). The kernel
 * checks the permission again, now as the container's user. Detail: exec: "argv[0]".
 */
int op_execve(const struct arg *a)
{
    if (!st.have_exec)
        return fail_errno(EINVAL, "execve: no RESOLVE_EXEC before", NULL);
    execve(st.exec_path, a[0].v, a[1].v);
    return fail_exec(errno, a[0].len ? a[0].v[0] : st.exec_path, NULL);
}

/*
 * SETFSUID(INT uid): file access checks from now on are made as uid (the gid and groups are set
 * already), while the real and effective uid stay root and keep CAP_SYS_ADMIN for the seccomp
 * filter. RESOLVE_EXEC and CHDIR then see the rootfs as the container's user does, before the
 * filter is loaded. SETRESUID later sets the fsuid along with the others. setfsuid(2) reports no
 * error: a uid the user namespace does not map leaves the fsuid as it was, which is checked.
 */
int op_setfsuid(const struct arg *a)
{
    uid_t u = (uid_t)a[0].i;
    syscall(SYS_setfsuid, u);
    if ((uid_t)syscall(SYS_setfsuid, (uid_t)-1) != u)
        return fail_errno(EINVAL, "setfsuid", NULL);
    return 0;
}

/* CLOSE_FDS(INT first): fds >= first are closed at execve. */
int op_close_fds(const struct arg *a)
{
    if (a[0].i < 0 || a[0].i > (int64_t)UINT32_MAX)
        return fail_errno(EINVAL, "close_range: bad first fd", NULL);
    if (fds_cloexec_from((unsigned int)a[0].i) < 0)
        return fail("close_range", NULL);
    return 0;
}
