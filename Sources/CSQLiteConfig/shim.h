#ifndef FRISTVAKT_CSQLITECONFIG_SHIM_H
#define FRISTVAKT_CSQLITECONFIG_SHIM_H

#include <sqlite3.h>

/* sqlite3_config is variadic, which Swift cannot call: one fixed-argument wrapper per setting
   the service uses. Valid only before SQLite is initialised (before the first connection);
   later it returns SQLITE_MISUSE and changes nothing. */
static inline int fristvakt_sqlite_config_memstatus(int on) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on);
}

#endif
