#define _GNU_SOURCE
#include "CBenchTerminal.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

int bench_open_pseudo_terminal(int *controller_fd, int *device_fd, unsigned short rows, unsigned short columns) {
  int controller = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (controller < 0) return errno;
  char path[128];
  if (grantpt(controller) != 0 || unlockpt(controller) != 0 || ptsname_r(controller, path, sizeof path) != 0) {
    int error = errno;
    close(controller);
    return error;
  }
  int device = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (device < 0) {
    int error = errno;
    close(controller);
    return error;
  }
  struct winsize size = {.ws_row = rows, .ws_col = columns, .ws_xpixel = 0, .ws_ypixel = 0};
  if (ioctl(device, TIOCSWINSZ, &size) != 0) {
    int error = errno;
    close(device);
    close(controller);
    return error;
  }
  *controller_fd = controller;
  *device_fd = device;
  return 0;
}

short bench_spawn_setsid_flag(void) { return POSIX_SPAWN_SETSID; }
