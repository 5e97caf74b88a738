/* RESOLVE_EXEC, EXECVE, CLOSE_FDS. */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* As execve would judge it: a regular file we may execute. */
static int check_exec(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) < 0)
        return -1;
    if (!S_ISREG(sb.st_mode)) {
        errno = EACCES;
        return -1;
    }
    return faccessat(AT_FDCWD, path, X_OK, 0);
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
 * could not be executed, else ENOENT.
 */
int op_resolve_exec(const struct arg *a)
{
    const char *file = a[0].s;
    const char *path = a[1].len ? a[1].s : DEFAULT_PATH;
    st.have_exec = 0;
    if (!*file)
        return fail_exec(ENOENT, file, ": executable file not found in $PATH");
    if (strchr(file, '/')) {
        if (check_exec(file) < 0)
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
            if (check_exec(cand) == 0)
                return found(cand);
            if (errno == EACCES)
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

/* EXECVE(STRV argv, STRV envp) of the file found by RESOLVE_EXEC. */
int op_execve(const struct arg *a)
{
    if (!st.have_exec)
        return fail_errno(EINVAL, "execve: no RESOLVE_EXEC before", NULL);
    execve(st.exec_path, a[0].v, a[1].v);
    return fail("execve", st.exec_path);
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
