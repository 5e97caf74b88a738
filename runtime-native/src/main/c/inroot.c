/*
 * Paths inside the container's root (docs/plan-protocol.md, "Paths"). Every lookup goes through
 * openat2(st.rootfd, path, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS): ".." and symlinks, absolute
 * or relative, are resolved as if st.rootfd were "/", so they can never leave the rootfs.
 * Directories are created one component at a time with mkdirat under a parent that was itself
 * resolved that way; the component name is a plain name, never "." or "..".
 */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* linux/openat2.h (absent from musl) */
struct jr_open_how {
    uint64_t flags;
    uint64_t mode;
    uint64_t resolve;
};
#define JR_RESOLVE_NO_MAGICLINKS 0x02
#define JR_RESOLVE_IN_ROOT 0x10

#define JR_RESOLVE_NO_SYMLINKS 0x04

/* A host path opened with no symlink followed on the whole path (ELOOP if there is one). */
int open_no_symlinks(const char *path, int flags)
{
    struct jr_open_how how = { .flags = (uint64_t)(unsigned)(flags | O_CLOEXEC), .resolve = JR_RESOLVE_NO_SYMLINKS };
    for (int tries = 0;; tries++) {
        long fd = syscall(SYS_openat2, AT_FDCWD, path, &how, sizeof how);
        if (fd >= 0 || (errno != EAGAIN && errno != EINTR) || tries >= 64)
            return (int)fd;
    }
}

/* -1 with errno on failure; no detail (the caller names the step). */
int inroot_open(const char *path, int flags, mode_t mode)
{
    if (st.rootfd < 0) {
        errno = EBADF; /* no OPEN_ROOT yet */
        return -1;
    }
    struct jr_open_how how = {
        .flags = (uint64_t)(unsigned)(flags | O_CLOEXEC),
        .mode = (flags & O_CREAT) ? mode : 0,
        .resolve = JR_RESOLVE_IN_ROOT | JR_RESOLVE_NO_MAGICLINKS,
    };
    for (int tries = 0;; tries++) {
        long fd = syscall(SYS_openat2, st.rootfd, path, &how, sizeof how);
        /* EAGAIN: a concurrent rename made the ".." check fail; the kernel asks to retry. */
        if (fd >= 0 || (errno != EAGAIN && errno != EINTR) || tries >= 64)
            return (int)fd;
    }
}

static int copy_path(char *buf, const char *path)
{
    size_t n = strlen(path);
    if (n >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(buf, path, n + 1);
    return 0;
}

/*
 * A missing component that is a dangling symlink (name, under parent): buf becomes
 * buf[0..keep) + link target + rest, a path that resolves in-root to where the link points
 * (keep is the offset of the link's name; an absolute target restarts from the root).
 * 0, or -1 with errno (EINVAL if name is not a symlink); buf is unchanged on failure.
 */
static int splice_link(char *buf, size_t keep, const char *rest, int parent, const char *name)
{
    char target[PATH_MAX], out[PATH_MAX];
    ssize_t n = readlinkat(parent, name, target, sizeof target - 1);
    if (n <= 0)
        return n == 0 ? (errno = ENOENT, -1) : -1;
    target[n] = 0;
    if (target[0] == '/')
        keep = 0;
    size_t rlen = strlen(rest);
    if (keep + (size_t)n + rlen >= sizeof out) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(out, buf, keep);
    memcpy(out + keep, target, (size_t)n);
    memcpy(out + keep + n, rest, rlen + 1);
    memcpy(buf, out, keep + (size_t)n + rlen + 1);
    return 0;
}

#define MAX_LINKS 40

/*
 * mkdir -p inside the root; returns an O_PATH fd of the directory, or -1 with detail.
 * A dangling symlink on the way is followed (in-root) and its target created, as
 * SecureJoin + MkdirAll did in runc.
 */
int inroot_mkdir_all(const char *path, mode_t mode)
{
    char buf[PATH_MAX];
    if (copy_path(buf, path))
        return fail("resolve", path);
    int fd = inroot_open(buf, O_PATH | O_DIRECTORY, 0);
    if (fd >= 0)
        return fd;
    if (errno != ENOENT)
        return fail("resolve", path);

    for (int links = 0;; links++) {
        int parent = inroot_open("/", O_PATH | O_DIRECTORY, 0);
        if (parent < 0)
            return fail("resolve", "/");
        char *p = buf;
        for (;;) {
            while (*p == '/')
                p++;
            if (!*p)
                return parent;
            char *name = p;
            while (*p && *p != '/')
                p++;
            char saved = *p;
            *p = 0; /* buf is now the prefix up to and including name */
            fd = inroot_open(buf, O_PATH | O_DIRECTORY, 0);
            if (fd < 0 && errno == ENOENT && strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
                if (mkdirat(parent, name, mode) < 0 && errno != EEXIST) {
                    fail("mkdir", buf);
                    close(parent);
                    return -1;
                }
                fd = inroot_open(buf, O_PATH | O_DIRECTORY, 0);
                if (fd < 0 && errno == ENOENT && links < MAX_LINKS) {
                    /* name is a dangling symlink: start again with its target in place. */
                    char rest[PATH_MAX] = "";
                    if (saved) {
                        rest[0] = saved;
                        strcpy(rest + 1, p + 1);
                    }
                    if (splice_link(buf, (size_t)(name - buf), rest, parent, name) == 0)
                        break;
                    errno = errno == EINVAL ? ENOENT : errno;
                }
            }
            if (fd < 0) {
                fail("resolve", buf);
                close(parent);
                return -1;
            }
            close(parent);
            parent = fd;
            *p = saved;
        }
        close(parent);
    }
}

/*
 * Resolves the directory holding path's last component (mkdir -p'ing it if create) and copies
 * that component into base. Returns the parent's O_PATH fd, or -1 with detail.
 */
int inroot_parent(const char *path, int create, char *base, size_t basecap)
{
    char buf[PATH_MAX];
    if (copy_path(buf, path))
        return fail("resolve", path);
    size_t n = strlen(buf);
    while (n > 1 && buf[n - 1] == '/')
        buf[--n] = 0;
    char *slash = strrchr(buf, '/');
    const char *name = slash ? slash + 1 : buf;
    if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
        return fail_errno(EINVAL, "last component of", path);
    if (strlen(name) >= basecap)
        return fail_errno(ENAMETOOLONG, "resolve", path);
    strcpy(base, name);
    const char *dir = "/";
    if (slash && slash != buf) {
        *slash = 0;
        dir = buf;
    }
    if (create)
        return inroot_mkdir_all(dir, CREATE_DIR_MODE);
    int fd = inroot_open(dir, O_PATH | O_DIRECTORY, 0);
    if (fd < 0)
        return fail("resolve", dir);
    return fd;
}

/* Resolves path, creating an empty file (and its parent directories) if it is missing;
 * a dangling symlink in the last component is followed in-root. */
int inroot_create_file(const char *path, mode_t mode)
{
    char buf[PATH_MAX];
    if (copy_path(buf, path))
        return fail("resolve", path);
    for (int links = 0;; links++) {
        int fd = inroot_open(buf, O_PATH, 0);
        if (fd >= 0)
            return fd;
        if (errno != ENOENT)
            return fail("resolve", buf);
        char base[NAME_MAX + 1];
        int parent = inroot_parent(buf, 1, base, sizeof base);
        if (parent < 0)
            return -1;
        /* O_NONBLOCK|O_NOCTTY: if something else appeared there meanwhile, open must not hang. */
        fd = inroot_open(buf, O_CREAT | O_RDONLY | O_NONBLOCK | O_NOCTTY, mode);
        if (fd >= 0 || errno != ENOENT || links >= MAX_LINKS) {
            int err = errno;
            close(parent);
            return fd >= 0 ? fd : fail_errno(err, "create", buf);
        }
        /* ENOENT although the parent exists: base is a link into a missing directory. */
        size_t n = strlen(buf);
        while (n > 1 && buf[n - 1] == '/')
            buf[--n] = 0;
        char *slash = strrchr(buf, '/');
        size_t keep = slash ? (size_t)(slash + 1 - buf) : 0;
        int r = splice_link(buf, keep, "", parent, base);
        int err = errno;
        close(parent);
        if (r < 0)
            return fail_errno(err == EINVAL ? ENOENT : err, "create", path);
    }
}

char *fd_path(char *buf, int fd)
{
    static const char prefix[] = "/proc/self/fd/";
    memcpy(buf, prefix, sizeof prefix - 1);
    utoa(buf + sizeof prefix - 1, (unsigned long)fd);
    return buf;
}
