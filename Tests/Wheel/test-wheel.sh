#!/usr/bin/env bash
# Tests/Wheel/test-wheel.sh WHEEL VERSION — installs the wheel the way a Python developer would
# (a fresh `python3 -m venv`, `pip install --no-index`) and runs the installed gatherlab from
# another directory: --version, list, a demo, trace of a small asyncio program with that
# environment's python, a piped walkthrough; checks what it prints, that the man page and
# completions are installed, that it loads only glibc's libraries, and that `pip uninstall`
# removes it. Prints PASS or FAIL per check, and exits 1 if any failed. `make test-wheel`.
set -u
wheel=${1:?usage: test-wheel.sh WHEEL VERSION}
version=${2:?usage: test-wheel.sh WHEEL VERSION}
python=${PYTHON:-python3}
export PIP_USER=0  # a user-wide PIP_USER=1 would make pip refuse to install into the venv
[ -f "$wheel" ] || { echo "FAIL: no wheel at $wheel"; exit 1; }
if ! command -v "$python" >/dev/null 2>&1; then
  echo "SKIP: no $python to make a venv with; the wheel was built but not installed"; exit 0
fi
wheel=$(cd "$(dirname "$wheel")" && pwd)/$(basename "$wheel")

work=$(mktemp -d "${TMPDIR:-/tmp}/gatherlab-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }
# check NAME FILE PATTERN...: every extended regular expression matches a line of FILE.
check() {
  local name=$1 file=$2; shift 2
  for pattern in "$@"; do
    if ! grep -Eq -- "$pattern" "$file"; then
      fail "$name: no line matches /$pattern/; it printed:"; sed 's/^/    /' "$file" | head -40
      return
    fi
  done
  pass "$name"
}

echo "Installing $(basename "$wheel") into a fresh venv in $work"
"$python" -m venv "$work/venv" || { echo "FAIL: python3 -m venv"; exit 1; }
if ! "$work/venv/bin/python" -m pip install --quiet --no-index --disable-pip-version-check "$wheel" \
  >"$work/pip.out" 2>&1; then
  fail "pip install --no-index the wheel:"; sed 's/^/    /' "$work/pip.out"; exit 1
fi
pass "pip install --no-index $(basename "$wheel")"

# As a user with the environment active, in a directory with nothing of the project's.
export PATH="$work/venv/bin:$PATH" GATHERLAB_HOME="$work/state" NO_COLOR=1
mkdir -p "$work/elsewhere" && cd "$work/elsewhere" || exit 1
installed=$(command -v gatherlab)
if [ "$installed" = "$work/venv/bin/gatherlab" ] && [ -x "$installed" ]; then
  pass "gatherlab is on PATH, executable, at <venv>/bin/gatherlab"
else
  fail "gatherlab on PATH is '$installed', not $work/venv/bin/gatherlab (executable)"
fi

gatherlab --version >"$work/version.out" 2>&1
check "gatherlab --version prints $version" "$work/version.out" "^${version//./\\.}\$"

gatherlab list >"$work/list.out" 2>&1 || fail "gatherlab list exited with $?"
check "gatherlab list shows the built-in lessons and the demos" "$work/list.out" \
  '^Lessons' '^ +1 +what-is-gather' '^ +13 ' '^Demos' '^ +ordering '

gatherlab run ordering --speed 20 >"$work/run.out" 2>&1 || fail "gatherlab run ordering exited with $?"
check "gatherlab run ordering --speed 20 runs the demo" "$work/run.out" \
  '^ordering · delays=3,1,2 · speed 20×' 'gather returned: \["A", "B", "C"\]' '^outcome +returned'

cat >"$work/elsewhere/fetch.py" <<'PY'
import asyncio, sys

async def fetch(name, delay):
    await asyncio.sleep(delay)
    return name

async def main():
    print("prefix", sys.prefix)
    print(await asyncio.gather(fetch("alpha", 0.2), fetch("beta", 0.1)))

asyncio.run(main())
PY
gatherlab trace fetch.py >"$work/trace.out" 2>&1 || fail "gatherlab trace exited with $?"
check "gatherlab trace runs the program under the environment's python and draws its tasks" "$work/trace.out" \
  "» prefix ${work//./\\.}/venv\$" "fetch\('beta', 0\.1\) +finished 1st" "fetch\('alpha', 0\.2\) +finished 2nd" \
  'gather returned' "» \['alpha', 'beta'\]" 'fetch\.py exited normally'

printf 'next\nquit\n' | gatherlab >"$work/walkthrough.out" 2>&1 || fail "the piped walkthrough exited with $?"
check "a piped walkthrough reads lesson 1, then 'next' lesson 2" "$work/walkthrough.out" \
  '^Lesson 1/[0-9]+ · what-is-gather' '^Lesson 2/[0-9]+ · sequential-vs-concurrent'

missing=""
for file in share/man/man1/gatherlab.1 share/bash-completion/completions/gatherlab \
  share/zsh/site-functions/_gatherlab share/fish/vendor_completions.d/gatherlab.fish; do
  [ -s "$work/venv/$file" ] || missing="$missing $file"
done
if [ -z "$missing" ] && grep -q '^\.TH "GATHERLAB" "1"' "$work/venv/share/man/man1/gatherlab.1"; then
  pass "man page and bash, zsh, fish completions installed under the venv's share/"
else
  fail "missing or empty under the venv:${missing:- (man page without .TH)}"
fi

ldd "$installed" >"$work/ldd.out" 2>&1
others=$(grep -Ev '^\s*(linux-vdso\.so\.1|(libc|libm|libdl|libpthread|librt|libgcc_s)\.so\.[0-9]+ =>|/lib6?4?/ld-linux-[-a-z0-9_]+\.so\.[0-9]+|/lib/x86_64-linux-gnu/ld-linux)' "$work/ldd.out")
if [ -z "$others" ] && grep -q 'libc\.so\.6' "$work/ldd.out"; then
  pass "ldd: only glibc's libraries ($(awk '{print $1}' "$work/ldd.out" | tr '\n' ' '))"
else
  fail "ldd names more than glibc's libraries:"; sed 's/^/    /' "$work/ldd.out"
fi

"$work/venv/bin/python" -m pip uninstall --quiet --yes --disable-pip-version-check gatherlab >"$work/uninstall.out" 2>&1
if [ ! -e "$work/venv/bin/gatherlab" ] && [ ! -e "$work/venv/share/man/man1/gatherlab.1" ]; then
  pass "pip uninstall gatherlab removes the binary and the man page"
else
  fail "pip uninstall left files behind"; cat "$work/uninstall.out"
fi

if [ "$failures" -eq 0 ]; then echo "PASS: the wheel works installed ($(basename "$wheel"))"; exit 0; fi
echo "FAIL: $failures wheel check(s) failed"
exit 1
