#ifndef FRISTVAKT_CPREFETCH_SHIM_H
#define FRISTVAKT_CPREFETCH_SHIM_H

/* A hint that `address` will be read soon (the compiler's prefetch builtin, which Swift does not
   expose). It never faults and changes no state: a pass over every case asks for a case's clocks
   a few cases ahead, so that their cache misses overlap instead of following one another. */
static inline void fristvakt_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
