#ifndef FRISTVAKT_CLINUXFILES_SHIM_H
#define FRISTVAKT_CLINUXFILES_SHIM_H

/* Linux file calls the spool needs that glibc declares only under _GNU_SOURCE (which Swift's
   Glibc module does not set), or through the variadic fcntl, which Swift cannot call with
   these commands. */
#define _GNU_SOURCE 1
#include <fcntl.h>
#include <stdio.h>

/* rename(2) that fails with EEXIST instead of replacing the target. */
static inline int fristvakt_rename_noreplace(const char *source, const char *target) {
    return renameat2(AT_FDCWD, source, AT_FDCWD, target, RENAME_NOREPLACE);
}

/* Takes (F_RDLCK) or releases (F_UNLCK) a lease on an open file (fcntl F_SETLEASE). */
static inline int fristvakt_set_lease(int descriptor, int type) {
    return fcntl(descriptor, F_SETLEASE, type);
}

static inline int fristvakt_read_lease(void) { return F_RDLCK; }
static inline int fristvakt_no_lease(void) { return F_UNLCK; }

#endif
