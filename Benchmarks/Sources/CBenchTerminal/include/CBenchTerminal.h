#ifndef C_BENCH_TERMINAL_H
#define C_BENCH_TERMINAL_H

/// Opens a pseudo-terminal of `columns` x `rows`: its controller side and its device side.
/// Returns 0, or an errno value. (posix_openpt and friends need _GNU_SOURCE, which Swift's Glibc
/// module does not define, hence this one C function.)
int bench_open_pseudo_terminal(int *controller_fd, int *device_fd, unsigned short rows, unsigned short columns);

/// POSIX_SPAWN_SETSID, likewise hidden from Swift without _GNU_SOURCE.
short bench_spawn_setsid_flag(void);

#endif
