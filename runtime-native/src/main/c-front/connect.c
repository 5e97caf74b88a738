/*
 * Finding the planner: is it switched on, which install this is (LIBDIR, build id), where its
 * socket lives, and connecting to it (docs/planner-protocol.md, "Where the planner is", "Opt-out").
 */
#include "frontend.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define SOCKET_DIR_NAME "/jrunc-planner"

/* 1 on, 0 off, -1 says nothing (an unknown word counts as nothing, so the next source decides). */
static int switch_word(const char *v)
{
    static const char *const on[] = { "on", "1", "true", "yes" };
    static const char *const off[] = { "off", "0", "false", "no" };
    for (size_t i = 0; i < sizeof on / sizeof *on; i++) {
        if (strcasecmp(v, on[i]) == 0)
            return 1;
        if (strcasecmp(v, off[i]) == 0)
            return 0;
    }
    return -1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

/* `planner = on|off` in the config file; -1 when the file or the key is not there. */
static int config_switch(void)
{
    const char *path = getenv("JRUNC_CONFIG");
    if (!path || !*path)
        path = "/etc/jrunc/config";
    FILE *f = fopen(path, "re");
    if (!f)
        return -1;
    char line[512];
    int result = -1;
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = 0;
        if (strcmp(trim(line), "planner") == 0) {
            int v = switch_word(trim(eq + 1));
            if (v >= 0)
                result = v;
        }
    }
    fclose(f);
    return result;
}

int planner_enabled(void)
{
    const char *env = getenv("JRUNC_PLANNER");
    int v = env ? switch_word(env) : -1;
    if (v < 0)
        v = config_switch();
    return v != 0;
}

/* 64-bit FNV-1a: short, stable, and enough to keep two installs' sockets apart. */
static uint64_t fnv1a(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ull;
    }
    return h;
}

static void read_build_id(struct install *in)
{
    char path[sizeof in->libdir + 16];
    snprintf(path, sizeof path, "%s/build-id", in->libdir);
    in->build_id[0] = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    size_t got = 0;
    for (;;) {
        ssize_t n = read(fd, in->build_id + got, sizeof in->build_id - 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    in->build_id[got] = 0;
    in->build_id[strcspn(in->build_id, "\r\n")] = 0;
}

/* The socket directory of this uid: /run for root, $XDG_RUNTIME_DIR for anyone else. */
static void socket_path(struct install *in)
{
    const char *base;
    in->sock[0] = 0;
    if (geteuid() == 0) {
        base = "/run";
    } else {
        base = getenv("XDG_RUNTIME_DIR");
        if (!base || base[0] != '/')
            return;
    }
    int n = snprintf(in->sock, sizeof in->sock, "%s" SOCKET_DIR_NAME "/planner-%016llx.sock", base,
                     (unsigned long long)fnv1a(in->libdir));
    /* A path the socket address cannot hold: no planner for this install. */
    if (n < 0 || (size_t)n >= sizeof(((struct sockaddr_un *)0)->sun_path))
        in->sock[0] = 0;
}

int install_find(struct install *in)
{
    ssize_t n = readlink("/proc/self/exe", in->libdir, sizeof in->libdir - 1);
    if (n <= 0 || (size_t)n >= sizeof in->libdir - 16)
        return -1;
    in->libdir[n] = 0;
    /* bin/jrunc -> the install's root: two path components up. */
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(in->libdir, '/');
        if (!slash)
            return -1;
        *slash = 0;
    }
    strcat(in->libdir, "/lib/jrunc");
    read_build_id(in);
    socket_path(in);
    return 0;
}

/*
 * The directory must be what the planner made: a real directory (not a symlink), owned by this
 * uid, no group or other bits. Anything else may be someone else's: do not talk to it, and do not
 * start a planner there either (it would refuse the directory too).
 */
static enum link_state check_dir(const char *sock)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", sock);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return LINK_REFUSED;
    *slash = 0;
    struct stat sb;
    if (lstat(dir, &sb) < 0)
        return errno == ENOENT ? LINK_START : LINK_REFUSED;
    if (!S_ISDIR(sb.st_mode) || sb.st_uid != geteuid() || (sb.st_mode & 077) != 0)
        return LINK_REFUSED;
    return LINK_CONNECTED;
}

enum link_state planner_connect(const struct install *in, int *fd)
{
    if (!in->sock[0] || !in->build_id[0])
        return LINK_REFUSED;
    enum link_state dir = check_dir(in->sock);
    if (dir != LINK_CONNECTED)
        return dir;
    int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return LINK_REFUSED;
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    strcpy(addr.sun_path, in->sock);
    if (connect(s, (struct sockaddr *)&addr, sizeof addr) < 0) {
        int err = errno;
        close(s);
        /* No socket, or a stale one no planner listens on: start one. Anything else (a full
         * backlog, a permission problem) is not fixed by another planner. */
        return err == ENOENT || err == ECONNREFUSED ? LINK_START : LINK_REFUSED;
    }
    /* The socket is in our own 0700 directory, but the peer is checked anyway: a planner of
     * another uid must never see this call. */
    struct ucred cred;
    socklen_t len = sizeof cred;
    if (getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0 || cred.uid != geteuid()) {
        close(s);
        return LINK_REFUSED;
    }
    *fd = s;
    return LINK_CONNECTED;
}
