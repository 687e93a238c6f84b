#define _GNU_SOURCE
#include "CPseudoTerminal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

int gatherlab_pty_open(int *controller_fd, int *device_fd, char *device_path, size_t device_path_size,
                       unsigned short rows, unsigned short columns) {
  int controller = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (controller < 0) return errno;
  if (grantpt(controller) != 0 || unlockpt(controller) != 0 ||
      ptsname_r(controller, device_path, device_path_size) != 0) {
    int error = errno;
    close(controller);
    return error;
  }
  // The test process keeps the device open too, so reading the controller never reports a hang-up
  // before the child has opened it; the session closes this copy once the child has exited.
  int device = open(device_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (device < 0) {
    int error = errno;
    close(controller);
    return error;
  }
  struct termios settings;
  if (tcgetattr(device, &settings) == 0) {
#ifdef IUTF8
    // Terminal emulators set IUTF8 so that erasing in the line editor removes whole characters.
    settings.c_iflag |= IUTF8;
#endif
    tcsetattr(device, TCSANOW, &settings);
  }
  int error = gatherlab_pty_set_size(device, rows, columns);
  if (error != 0) {
    close(device);
    close(controller);
    return error;
  }
  *controller_fd = controller;
  *device_fd = device;
  return 0;
}

int gatherlab_pty_set_size(int fd, unsigned short rows, unsigned short columns) {
  struct winsize size = {.ws_row = rows, .ws_col = columns, .ws_xpixel = 0, .ws_ypixel = 0};
  return ioctl(fd, TIOCSWINSZ, &size) == 0 ? 0 : errno;
}

int gatherlab_pty_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                        const char *device_path, const char *working_directory) {
  posix_spawnattr_t attributes;
  posix_spawn_file_actions_t actions;
  int error = posix_spawnattr_init(&attributes);
  if (error != 0) return error;
  error = posix_spawn_file_actions_init(&actions);
  if (error != 0) {
    posix_spawnattr_destroy(&attributes);
    return error;
  }

  // A test runner may block or ignore signals (SIGINT above all, when started in the background);
  // the child must see Ctrl-C and SIGWINCH as a program started from a shell does.
  sigset_t no_signals, all_signals;
  sigemptyset(&no_signals);
  sigfillset(&all_signals);
  error = posix_spawnattr_setsigmask(&attributes, &no_signals);
  if (error == 0) error = posix_spawnattr_setsigdefault(&attributes, &all_signals);
  // setsid() runs before the file actions, so opening the device (without O_NOCTTY) makes it the
  // new session's controlling terminal, and the child's process group its foreground group.
  if (error == 0) {
    error = posix_spawnattr_setflags(&attributes,
                                     POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  }
  if (error == 0) error = posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, device_path, O_RDWR, 0);
  if (error == 0) error = posix_spawn_file_actions_adddup2(&actions, STDIN_FILENO, STDOUT_FILENO);
  if (error == 0) error = posix_spawn_file_actions_adddup2(&actions, STDIN_FILENO, STDERR_FILENO);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  // Descriptors that another thread opened without close-on-exec must not keep this terminal, or
  // another test's, alive after the child exits.
  if (error == 0) error = posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
#endif
  if (error == 0 && working_directory != NULL) {
    error = posix_spawn_file_actions_addchdir_np(&actions, working_directory);
  }
  if (error == 0) error = posix_spawn(pid, path, &actions, &attributes, argv, envp);

  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  return error;
}

int gatherlab_pty_wait_for_termination(pid_t pid) {
  siginfo_t info;
  while (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

int gatherlab_pty_reap(pid_t pid, int *signaled, int *value) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return errno;
  }
  if (WIFSIGNALED(status)) {
    *signaled = 1;
    *value = WTERMSIG(status);
  } else {
    *signaled = 0;
    *value = WEXITSTATUS(status);
  }
  return 0;
}
