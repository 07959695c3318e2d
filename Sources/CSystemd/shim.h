#ifndef FRISTVAKT_CSYSTEMD_SHIM_H
#define FRISTVAKT_CSYSTEMD_SHIM_H

#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>

#endif
