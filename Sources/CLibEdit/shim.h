#include <stdio.h>
#include <editline/readline.h>

// libedit's globals are mutable C state, which Swift 6 will not touch directly; these functions
// are the one door to them. Only the line reader (one instance, on the main thread) calls them.

static inline void gatherlab_rl_set_streams(FILE *input, FILE *output) {
  rl_instream = input;
  rl_outstream = output;
}

typedef char **(*gatherlab_completion_function)(const char *, int, int);

static inline void gatherlab_rl_set_completion(gatherlab_completion_function function) {
  rl_attempted_completion_function = function;
}

/// Stops libedit from falling back to file-name completion when ours found nothing.
static inline void gatherlab_rl_completion_over(void) {
  rl_attempted_completion_over = 1;
}

/// What libedit appends after a single completion: ' ' normally, nothing after "key=".
static inline void gatherlab_rl_set_append_character(int character) {
  rl_completion_append_character = character;
}

/// The line typed so far.
static inline const char *gatherlab_rl_line_buffer(void) {
  return rl_line_buffer;
}

static inline void gatherlab_rl_set_name(const char *name) {
  rl_readline_name = name;
}

typedef int (*gatherlab_getc_function)(FILE *);

/// Our own character source (it also wakes up on Ctrl-C), set before the first readline().
static inline void gatherlab_rl_set_getc(gatherlab_getc_function function) {
  rl_getc_function = function;
}

/// Whether libedit installs its own signal handlers while reading a line.
static inline void gatherlab_rl_set_catch_signals(int catch_signals) {
  rl_catch_signals = catch_signals;
}

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

/// A descriptor that becomes readable when SIGINT is pending (SIGINT must be blocked), so the
/// prompt can notice Ctrl-C in order with the keys typed around it; -1 on failure.
static inline int gatherlab_sigint_descriptor(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

/// Takes a pending SIGINT from the descriptor; 1 if there was one.
static inline int gatherlab_take_sigint(int descriptor) {
  struct signalfd_siginfo info;
  int taken = 0;
  while (read(descriptor, &info, sizeof info) == (ssize_t)sizeof info) taken = 1;
  return taken;
}

#include <termios.h>

/// Makes Ctrl-C an ordinary byte (0x03) on the terminal `descriptor` until its settings are next
/// replaced (libedit restores its cooked mode when the line ends). With the terminal raising
/// SIGINT instead, a key typed just after Ctrl-C can be read before the signal is seen: the
/// check for the signal and the read are two steps. A byte comes in order with the others.
/// Returns 0 on success.
static inline int gatherlab_ctrl_c_as_byte(int descriptor) {
  struct termios settings;
  if (tcgetattr(descriptor, &settings) != 0) return -1;
  if (settings.c_cc[VINTR] == _POSIX_VDISABLE) return 0;
  settings.c_cc[VINTR] = _POSIX_VDISABLE;
  return tcsetattr(descriptor, TCSANOW, &settings);
}
