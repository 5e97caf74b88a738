/* File system ops: OPEN_ROOT, MOUNT, MOUNT_HOST, MKDIR, MKNOD, SYMLINK, PIVOT_ROOT,
 * MOVE_CHROOT, CHROOT, WRITE_FILE. */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>


static const char *or_null(const struct arg *a)
{
    return a->len ? a->s : NULL;
}

static int reopen_root(void)
{
    int fd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return fail("open", "/");
    if (st.rootfd >= 0)
        close(st.rootfd);
    st.rootfd = fd;
    return 0;
}

/*
 * OPEN_ROOT(STR host path). Every in-root path starts from this fd, and the ops before pivot_root
 * write through it onto the host's file systems, so it must be the rootfs Java checked
 * (RootfsPath: a real path, not the host's "/"): opened without following any symlink (a rootfs
 * swapped for one since is refused with ELOOP, not followed) and refused if it is "/" itself.
 * The one link followed is procfs's own /proc/<pid>/root, which an exec plan opens for a container
 * without a mount namespace of its own.
 */
int op_open_root(const struct arg *a)
{
    int fd = open_no_symlinks(a[0].s, O_PATH | O_DIRECTORY);
    if (fd < 0 && errno == ELOOP && procfs_path(a[0].s))
        fd = procfs_open_magic_dir(a[0].s); /* exec's /proc/<init>/root */
    if (fd < 0)
        return fail(errno == ELOOP ? "open (a symlink on the way is refused)" : "open", a[0].s);
    struct stat got, host_root;
    if (fstat(fd, &got) < 0 || stat("/", &host_root) < 0) {
        int err = errno;
        close(fd);
        return fail_errno(err, "stat", a[0].s);
    }
    if (got.st_dev == host_root.st_dev && got.st_ino == host_root.st_ino) {
        close(fd);
        return fail_errno(EINVAL, "refusing the host's / as the rootfs:", a[0].s);
    }
    if (st.rootfd >= 0)
        close(st.rootfd);
    st.rootfd = fd;
    return 0;
}

/* MOUNT(STR source, STR target in-root, STR fstype, INT flags, STR data, INT create) */
int op_mount(const struct arg *a)
{
    const char *target = a[1].s;
    int fd;
    switch (a[5].i) {
    case MOUNT_CREATE_MUST_EXIST:
        fd = inroot_open(target, O_PATH, 0);
        if (fd < 0)
            return fail("resolve", target);
        break;
    case MOUNT_CREATE_DIRECTORY:
        fd = inroot_mkdir_all(target, CREATE_DIR_MODE);
        break;
    case MOUNT_CREATE_FILE:
        fd = inroot_create_file(target, CREATE_FILE_MODE);
        break;
    default:
        return fail_errno(EINVAL, "mount: bad create mode for", target);
    }
    if (fd < 0)
        return -1;
    char proc[40];
    int r = mount(or_null(&a[0]), fd_path(proc, fd), or_null(&a[2]), (unsigned long)a[3].i,
                  or_null(&a[4]));
    int err = errno;
    close(fd);
    return r < 0 ? fail_errno(err, "mount", NULL) : 0;
}

/* MOUNT_HOST(STR source, STR target host path, STR fstype, INT flags, STR data) */
int op_mount_host(const struct arg *a)
{
    if (mount(or_null(&a[0]), a[1].s, or_null(&a[2]), (unsigned long)a[3].i, or_null(&a[4])) < 0)
        return fail("mount", NULL);
    return 0;
}

/* MKDIR(STR path in-root, INT mode) */
int op_mkdir(const struct arg *a)
{
    int fd = inroot_mkdir_all(a[0].s, (mode_t)a[1].i);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

/* MKNOD(STR path in-root, INT mode, INT major, INT minor, INT uid, INT gid) */
int op_mknod(const struct arg *a)
{
    const char *path = a[0].s;
    mode_t mode = (mode_t)a[1].i;
    dev_t dev = makedev((unsigned)a[2].i, (unsigned)a[3].i);
    char base[NAME_MAX + 1];
    int dir = inroot_parent(path, 1, base, sizeof base);
    if (dir < 0)
        return -1;
    int r = mknodat(dir, base, mode, dev);
    if (r < 0 && errno == EEXIST) {
        /* An existing node of the same type is replaced (it may have other numbers). */
        struct stat sb;
        if (fstatat(dir, base, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
            (sb.st_mode & S_IFMT) == (mode & S_IFMT)) {
            if (unlinkat(dir, base, 0) < 0) {
                fail("unlink", path);
                goto out;
            }
            r = mknodat(dir, base, mode, dev);
        } else {
            errno = EEXIST;
        }
    }
    if (r < 0) {
        fail("mknod", path);
        goto out;
    }
    if ((r = fchownat(dir, base, (uid_t)a[4].i, (gid_t)a[5].i, AT_SYMLINK_NOFOLLOW)) < 0) {
        fail("chown", path);
        goto out;
    }
    /* mknod's mode is filtered by the umask; the permissions must be exactly those asked. */
    if ((r = fchmodat(dir, base, mode & 07777, 0)) < 0)
        fail("chmod", path);
out:;
    int err = errno;
    close(dir);
    errno = err;
    return r < 0 ? -1 : 0;
}

/* SYMLINK(STR target, STR linkpath in-root) */
int op_symlink(const struct arg *a)
{
    char base[NAME_MAX + 1];
    int dir = inroot_parent(a[1].s, 0, base, sizeof base);
    if (dir < 0)
        return -1;
    int r = symlinkat(a[0].s, dir, base);
    int err = errno;
    close(dir);
    if (r < 0 && err != EEXIST)
        return fail_errno(err, "symlink", a[1].s);
    return 0;
}

/* PIVOT_ROOT() */
int op_pivot_root(const struct arg *a)
{
    (void)a;
    if (fchdir(st.rootfd) < 0)
        return fail("fchdir", "rootfs");
    if (syscall(SYS_pivot_root, ".", ".") < 0)
        return fail("pivot_root", NULL);
    /* The old root is now stacked on ".". Make it rslave so that detaching it never
     * propagates an unmount to the host (as runc does), then detach it. */
    if (mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0)
        return fail("make old root rslave", NULL);
    if (umount2(".", MNT_DETACH) < 0)
        return fail("umount old root", NULL);
    if (chdir("/") < 0)
        return fail("chdir", "/");
    return reopen_root();
}

/* MOVE_CHROOT() */
int op_move_chroot(const struct arg *a)
{
    (void)a;
    if (fchdir(st.rootfd) < 0)
        return fail("fchdir", "rootfs");
    if (mount(".", "/", NULL, MS_MOVE, NULL) < 0)
        return fail("mount --move . /", NULL);
    if (chroot(".") < 0)
        return fail("chroot", NULL);
    if (chdir("/") < 0)
        return fail("chdir", "/");
    return reopen_root();
}

/* CHROOT(): the root of a container without a mount namespace of its own. Its mounts are in the
 * runtime's namespace, where neither pivot_root nor moving the rootfs onto / may happen: the
 * process only changes its root (as runc does then). */
int op_chroot(const struct arg *a)
{
    (void)a;
    if (fchdir(st.rootfd) < 0)
        return fail("fchdir", "rootfs");
    if (chroot(".") < 0)
        return fail("chroot", NULL);
    if (chdir("/") < 0)
        return fail("chdir", "/");
    return reopen_root();
}

/* WRITE_FILE(STR path in-root, STR content) */
int op_write_file(const struct arg *a)
{
    /* Under /proc only a real procfs file may be written (procfs.c). */
    int fd = procfs_path(a[0].s) ? procfs_open(a[0].s, O_WRONLY) : inroot_open(a[0].s, O_WRONLY | O_NOCTTY, 0);
    if (fd < 0)
        return procfs_path(a[0].s) ? -1 : fail("open", a[0].s);
    ssize_t n;
    do
        n = write(fd, a[1].s, a[1].len);
    while (n < 0 && errno == EINTR);
    int err = n < 0 ? errno : EIO;
    close(fd);
    if (n != (ssize_t)a[1].len)
        return fail_errno(err, "write", a[0].s);
    return 0;
}
