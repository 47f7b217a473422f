#ifndef LANDSCAPE_CLANDSCAPESYSTEM_H
#define LANDSCAPE_CLANDSCAPESYSTEM_H

/// Atomically exchanges two paths on the same file system (Linux renameat2 with
/// RENAME_EXCHANGE). Returns 0, or -1 with errno set (EINVAL or ENOSYS where the
/// file system or kernel cannot exchange).
int landscape_rename_exchange(const char *from, const char *to);

/// 1 when `path` lies on a kernel pseudo file system whose files are not data (proc, sysfs,
/// devpts, debugfs, securityfs, tracefs, cgroup), 0 otherwise or when it cannot be told.
int landscape_is_pseudo_filesystem(const char *path);

#endif
