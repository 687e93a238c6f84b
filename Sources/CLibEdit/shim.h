#include <stdio.h>
#include <editline/readline.h>

// libedit's globals are mutable C state, which Swift 6 will not touch directly; these setters are
// the one door to them. Only the line reader (one instance, on one thread) calls them.

static inline void gatherlab_rl_set_streams(FILE *input, FILE *output) {
  rl_instream = input;
  rl_outstream = output;
}
