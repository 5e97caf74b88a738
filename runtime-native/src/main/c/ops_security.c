/* Capabilities, no_new_privs, masked and read-only paths: the process-isolation ops. */
#include "jrunc_init.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

/* The kernel's capability ABI (linux/capability.h), version 3: two 32-bit words per set. */
struct cap_header {
    uint32_t version;
    int pid;
};
struct cap_data {
    uint32_t effective, permitted, inheritable;
};
#define CAP_VERSION_3 0x20080522

/* CAPS_BOUNDING(INT mask): drop from the bounding set every capability not in mask. Runs while
 * still root (it needs CAP_SETPCAP); caps the kernel does not know (EINVAL) end the loop. */
int op_caps_bounding(const struct arg *a)
{
    uint64_t keep = (uint64_t)a[0].i;
    for (int cap = 0; cap < 64; cap++) {
        if (keep & (1ULL << cap))
            continue;
        if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) < 0)
            break; /* beyond cap_last_cap */
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
            char num[21];
            return fail("drop bounding capability", utoa(num, (unsigned long)cap));
        }
    }
    return 0;
}

/* KEEP_CAPS(INT on): prctl(PR_SET_KEEPCAPS), so the permitted set survives the switch to a non-zero uid. */
int op_keep_caps(const struct arg *a)
{
    if (prctl(PR_SET_KEEPCAPS, a[0].i ? 1 : 0, 0, 0, 0) < 0)
        return fail("prctl PR_SET_KEEPCAPS", NULL);
    return 0;
}

/* CAPS_SET(INT effective, INT permitted, INT inheritable, INT ambient): capset, then the ambient set. */
int op_caps_set(const struct arg *a)
{
    uint64_t eff = (uint64_t)a[0].i, perm = (uint64_t)a[1].i, inh = (uint64_t)a[2].i, amb = (uint64_t)a[3].i;
    struct cap_header h = { CAP_VERSION_3, 0 };
    struct cap_data d[2] = {
        { (uint32_t)eff, (uint32_t)perm, (uint32_t)inh },
        { (uint32_t)(eff >> 32), (uint32_t)(perm >> 32), (uint32_t)(inh >> 32) },
    };
    if (syscall(SYS_capset, &h, d) < 0)
        return fail("capset", NULL);
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
        return fail("clear ambient capabilities", NULL);
    for (int cap = 0; cap < 64; cap++) {
        if (!(amb & (1ULL << cap)))
            continue;
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0) {
            char num[21];
            return fail("raise ambient capability", utoa(num, (unsigned long)cap));
        }
    }
    return 0;
}

/* NO_NEW_PRIVS(): prctl(PR_SET_NO_NEW_PRIVS, 1). */
int op_no_new_privs(const struct arg *a)
{
    (void)a;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return fail("prctl PR_SET_NO_NEW_PRIVS", NULL);
    return 0;
}

/* MASK_PATH(STR path in-root): hide a path: a directory under an empty read-only tmpfs, anything
 * else under the container's /dev/null, which must really be the null device (1:3), never a
 * symlink or a file planted there. A path that does not exist is left alone. */
int op_mask_path(const struct arg *a)
{
    const char *path = a[0].s;
    int fd = inroot_open(path, O_PATH | O_CLOEXEC, 0);
    if (fd < 0)
        return errno == ENOENT ? 0 : fail("resolve", path);
    struct stat sb;
    if (fstat(fd, &sb) < 0) {
        int err = errno;
        close(fd);
        return fail_errno(err, "stat", path);
    }
    char target[40];
    int r;
    if (S_ISDIR(sb.st_mode)) {
        r = mount("tmpfs", fd_path(target, fd), "tmpfs", MS_RDONLY, NULL);
    } else {
        int null = inroot_open("/dev/null", O_PATH | O_NOFOLLOW | O_CLOEXEC, 0);
        struct stat nb;
        if (null < 0 || fstat(null, &nb) < 0 || !S_ISCHR(nb.st_mode) || major(nb.st_rdev) != 1 || minor(nb.st_rdev) != 3) {
            int err = null < 0 ? errno : EPERM;
            if (null >= 0)
                close(null);
            close(fd);
            return fail_errno(err, "mask: /dev/null is not the null device, refusing to bind it over", path);
        }
        char source[40];
        r = mount(fd_path(source, null), fd_path(target, fd), NULL, MS_BIND, NULL);
        close(null);
    }
    int err = errno;
    close(fd);
    return r < 0 ? fail_errno(err, "mask", path) : 0;
}

/* READONLY_PATH(STR path in-root): bind the path onto itself and make that mount read-only.
 * A path that does not exist is left alone. */
int op_readonly_path(const struct arg *a)
{
    const char *path = a[0].s;
    int fd = inroot_open(path, O_PATH | O_CLOEXEC, 0);
    if (fd < 0)
        return errno == ENOENT ? 0 : fail("resolve", path);
    char target[40];
    fd_path(target, fd);
    if (mount(target, target, NULL, MS_BIND | MS_REC, NULL) < 0) {
        int err = errno;
        close(fd);
        return fail_errno(err, "bind read-only path", path);
    }
    close(fd);
    /* The new mount sits on top: resolve again so the remount hits it, not the one below. */
    fd = inroot_open(path, O_PATH | O_CLOEXEC, 0);
    if (fd < 0)
        return fail("resolve", path);
    fd_path(target, fd);
    int r = mount(NULL, target, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC, NULL);
    int err = errno;
    close(fd);
    return r < 0 ? fail_errno(err, "remount read-only", path) : 0;
}
