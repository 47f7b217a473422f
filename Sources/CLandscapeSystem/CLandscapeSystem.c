#define _GNU_SOURCE
#include "CLandscapeSystem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#if defined(__linux__)
#include <sys/vfs.h>
#endif
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int landscape_rename_exchange(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int landscape_is_pseudo_filesystem(const char *path) {
#if defined(__linux__)
    struct statfs info;
    if (statfs(path, &info) != 0) return 0;
    switch ((unsigned long)info.f_type) {
    case 0x9fa0UL:      /* proc */
    case 0x62656572UL:  /* sysfs */
    case 0x1cd1UL:      /* devpts */
    case 0x64626720UL:  /* debugfs */
    case 0x73636673UL:  /* securityfs */
    case 0x74726163UL:  /* tracefs */
    case 0x27e0ebUL:    /* cgroup */
    case 0x63677270UL:  /* cgroup2 */
        return 1;
    default:
        return 0;
    }
#else
    (void)path;
    return 0;
#endif
}
