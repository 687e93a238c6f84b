// Linked into the release binary only: Packaging/static-libraries compiles it, the Makefile passes
// --wrap=hypot --wrap=hypotf, so the program's calls to hypot and hypotf come here. They were the
// only symbols that needed glibc 2.35 (glibc 2.35 gave them new versions); without them the
// binary needs 2.34, and the wheel is manylinux_2_34 (measured from the binary), which adds
// RHEL 9 and its rebuilds and Amazon Linux 2023.
//
// Computed with hypotl, which has had one version since glibc 2.2.5: its 64-bit significand and
// wider exponent range make the rounded double (or float) result as accurate as hypot's, without
// intermediate overflow. (A .symver reference to hypot@GLIBC_2.2.5 does not work with --wrap:
// ld wraps the versioned reference too, and __wrap_hypot called itself.) Built with -fno-builtin,
// so the compiler does not narrow hypotl back to hypot or hypotf.
#include <math.h>

double __wrap_hypot(double x, double y) { return (double)hypotl(x, y); }
float __wrap_hypotf(float x, float y) { return (float)hypotl(x, y); }
