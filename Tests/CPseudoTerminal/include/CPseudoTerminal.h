#ifndef GATHERLAB_CPSEUDOTERMINAL_H
#define GATHERLAB_CPSEUDOTERMINAL_H

#include <stddef.h>
#include <sys/types.h>

// The few calls the end-to-end tests need to run a program in a pseudo-terminal. They live in C
// because Swift's Glibc module hides the GNU/XSI declarations they use (posix_openpt, ptsname_r,
// POSIX_SPAWN_SETSID, posix_spawn_file_actions_addclosefrom_np) and the wait-status macros.
// Every function returns 0 on success or an errno value; none of them touches Swift state.

/// Opens a new pseudo-terminal of `rows` x `columns`. Both descriptors are close-on-exec, the
/// controller (`*controller_fd`) is non-blocking, and the device's path goes into `device_path`.
int gatherlab_pty_open(int *controller_fd, int *device_fd, char *device_path, size_t device_path_size,
                       unsigned short rows, unsigned short columns);

/// Sets the terminal's size; the kernel sends SIGWINCH to its foreground process group.
int gatherlab_pty_set_size(int fd, unsigned short rows, unsigned short columns);

/// Starts `path` as the leader of a new session whose controlling terminal is `device_path`, opened
/// as its standard input, output and error. The child starts with default signal handlers, an empty
/// signal mask and no other inherited descriptors. `working_directory` may be NULL.
int gatherlab_pty_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                        const char *device_path, const char *working_directory);

/// Blocks until the child `pid` has terminated, leaving it unreaped so its pid cannot be reused.
int gatherlab_pty_wait_for_termination(pid_t pid);

/// Reaps the terminated child `pid`: `*signaled` is 1 when a signal killed it, and `*value` is the
/// signal number or the exit code.
int gatherlab_pty_reap(pid_t pid, int *signaled, int *value);

#endif
