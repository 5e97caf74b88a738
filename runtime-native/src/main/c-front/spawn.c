/*
 * SPAWN: jrunc-init started exactly as the cold path starts it (runtime-core's SealedSpawn), but as
 * a child of the front end, so the container's processes are in the caller's process tree and
 * never in the planner's. What is executed is a sealed memfd copy of LIBDIR/jrunc-init: the
 * container can see its init's /proc/PID/exe, and that must not lead back to the installed file.
 */
#include "frontend.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
/* More than any caller passes (runc has the same kind of bound): beyond it fd numbers are nonsense. */
#define MAX_PRESERVE_FDS 4096u

static int fail_step(const char **step, const char *what, int err)
{
    *step = what;
    errno = err;
    return -1;
}

/* A sealed, close-on-exec memfd copy of the helper at or above fd `above`. */
static int sealed_copy(const char *path, int above, const char **step)
{
    int src = open(path, O_RDONLY | O_CLOEXEC);
    if (src < 0)
        return fail_step(step, "open jrunc-init", errno);
    struct stat sb;
    if (fstat(src, &sb) < 0) {
        int err = errno;
        close(src);
        return fail_step(step, "fstat jrunc-init", err);
    }
    /* MFD_EXEC where the kernel knows it (6.3+: without it vm.memfd_noexec may refuse the exec). */
    int mfd = memfd_create("jrunc-init", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
    if (mfd < 0 && errno == EINVAL)
        mfd = memfd_create("jrunc-init", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (mfd < 0) {
        int err = errno;
        close(src);
        return fail_step(step, "memfd_create", err);
    }
    off_t left = sb.st_size;
    while (left > 0) {
        ssize_t n = sendfile(mfd, src, NULL, (size_t)left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int err = n < 0 ? errno : EIO;
            close(src);
            close(mfd);
            return fail_step(step, "copy jrunc-init into the memfd", err);
        }
        left -= n;
    }
    close(src);
    if (fcntl(mfd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) < 0) {
        int err = errno;
        close(mfd);
        return fail_step(step, "seal the memfd", err);
    }
    /* Out of the range the child fills (its stdio, the preserved fds, the socket). */
    int moved = fcntl(mfd, F_DUPFD_CLOEXEC, above);
    int err = errno;
    close(mfd);
    if (moved < 0)
        return fail_step(step, "move the memfd", err);
    return moved;
}

static void child_exec(int mfd, int sock, uint32_t preserve_fds, pid_t parent, int report)
{
    signals_default();
    int target = 3 + (int)preserve_fds;
    /* The helper's end at 3 + preserve_fds (dup2 leaves the copy inheritable); everything above
     * it close-on-exec, the caller's 0..2+preserve_fds as they are. */
    if (dup2(sock, target) < 0)
        goto failed;
    syscall(SYS_close_range, (unsigned)target + 1, ~0u, CLOSE_RANGE_CLOEXEC);
    char fdarg[16], pidarg[16];
    snprintf(fdarg, sizeof fdarg, "%d", target);
    snprintf(pidarg, sizeof pidarg, "%d", (int)parent);
    char *argv[] = { "jrunc-init", fdarg, pidarg, NULL };
    char *envp[] = { NULL };
    fexecve(mfd, argv, envp);
failed:;
    int err = errno;
    (void)!write(report, &err, sizeof err);
    _exit(127);
}

int helper_spawn(const struct install *in, uint32_t preserve_fds, pid_t *pid, int *sock, const char **step)
{
    if (preserve_fds > MAX_PRESERVE_FDS)
        return fail_step(step, "preserve_fds", EINVAL);
    int above = 4 + (int)preserve_fds;
    char path[sizeof in->libdir + 16];
    snprintf(path, sizeof path, "%s/jrunc-init", in->libdir);
    int mfd = sealed_copy(path, above, step);
    if (mfd < 0)
        return -1;
    int pair[2], report[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0) {
        int err = errno;
        close(mfd);
        return fail_step(step, "socketpair", err);
    }
    int child_end = fcntl(pair[1], F_DUPFD_CLOEXEC, above);
    int err = errno;
    close(pair[1]);
    if (child_end < 0 || pipe2(report, O_CLOEXEC) < 0) {
        err = child_end < 0 ? err : errno;
        if (child_end >= 0)
            close(child_end);
        close(pair[0]);
        close(mfd);
        return fail_step(step, "fcntl F_DUPFD_CLOEXEC", err);
    }
    /* The child writes to it after the dup2 to 3 + preserve_fds: keep it above that too. */
    int w = fcntl(report[1], F_DUPFD_CLOEXEC, above);
    err = errno;
    close(report[1]);
    if (w < 0) {
        close(report[0]);
        close(child_end);
        close(pair[0]);
        close(mfd);
        return fail_step(step, "fcntl F_DUPFD_CLOEXEC", err);
    }
    report[1] = w;
    pid_t me = getpid();
    pid_t child = fork();
    if (child == 0)
        child_exec(mfd, child_end, preserve_fds, me, report[1]);
    err = errno;
    close(report[1]);
    close(child_end);
    close(mfd);
    if (child < 0) {
        close(report[0]);
        close(pair[0]);
        return fail_step(step, "fork", err);
    }
    /* The report pipe closes on a successful exec; an errno on it means the exec failed. */
    int exec_err = 0;
    ssize_t n;
    do
        n = read(report[0], &exec_err, sizeof exec_err);
    while (n < 0 && errno == EINTR);
    close(report[0]);
    if (n == (ssize_t)sizeof exec_err) {
        close(pair[0]);
        return fail_step(step, "fexecve jrunc-init", exec_err);
    }
    *pid = child;
    *sock = pair[0];
    return 0;
}
