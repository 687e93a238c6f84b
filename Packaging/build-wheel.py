#!/usr/bin/env python3
"""Builds dist/gatherlab-VERSION-py3-none-manylinux_2_X_ARCH.whl around the release binary.

    build-wheel.py --binary .build/static/release/gatherlab --share .build/static/share \\
        --readme README.md --version 0.1.0 --dist dist

The binary is the wheel's script (gatherlab-VERSION.data/scripts/gatherlab), so pip, pipx and
`uv tool install` put `gatherlab` on PATH; the man page and shell completions are data, installed
under the environment's prefix (share/man/man1, ...). The lessons are built into the binary, so
nothing else is needed. X is the newest GLIBC_2.X symbol version the binary asks for, read from
the binary (objdump -T), and the binary must load nothing but glibc's libraries, or the wheel
would not run on other machines. Standard library only; no network.
"""

import argparse
import base64
import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile

NAME = "gatherlab"
# What a manylinux wheel may load: glibc's own libraries (PEP 600 / auditwheel's policy).
GLIBC_LIBRARIES = re.compile(
    r"^(libc|libm|libdl|libpthread|librt|libutil|libresolv|libgcc_s|ld-linux-[\w-]+)\.so\.\d+$"
)
# ELF e_machine → the architecture in a wheel's platform tag.
ARCHITECTURES = {62: "x86_64", 183: "aarch64"}
# Fixed zip timestamps: the same inputs give the same wheel, byte for byte.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
EXECUTABLE = 0o100755
REGULAR = 0o100644


def fail(message):
    sys.exit("build-wheel: " + message)


def architecture(binary):
    with open(binary, "rb") as file:
        header = file.read(20)
    if header[:4] != b"\x7fELF" or header[4] != 2 or header[5] != 1:
        fail(f"{binary} is not a 64-bit little-endian ELF file")
    machine = int.from_bytes(header[18:20], "little")
    if machine not in ARCHITECTURES:
        fail(f"{binary}: unknown ELF machine {machine}")
    return ARCHITECTURES[machine]


def objdump(*arguments):
    try:
        return subprocess.run(["objdump", *arguments], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        fail(f"objdump {' '.join(arguments)} failed: {error}")


def glibc_requirement(binary):
    """(2, X) for the newest GLIBC_2.X symbol version in the dynamic symbol table, and one symbol
    that needs it."""
    newest, example = (2, 0), None
    for line in objdump("-T", binary).splitlines():
        match = re.search(r"\bGLIBC_(\d+)\.(\d+)(?:\.\d+)?\)?\s+(\S+)$", line)
        if match:
            version = (int(match.group(1)), int(match.group(2)))
            if version > newest:
                newest, example = version, match.group(3)
    if example is None:
        fail(f"{binary} has no GLIBC symbol versions; is it dynamically linked against glibc?")
    return newest, example


def check_self_contained(binary):
    dynamic = objdump("-p", binary)
    needed = re.findall(r"^\s*NEEDED\s+(\S+)$", dynamic, re.MULTILINE)
    paths = re.findall(r"^\s*(?:RPATH|RUNPATH)\s+(\S+)$", dynamic, re.MULTILINE)
    if paths:
        # $ORIGIN in a venv's bin/ would load any libc.so.6 put beside the binary.
        fail(f"{binary} has a library search path ({', '.join(paths)}); link it with --disable-local-rpath")
    others = [library for library in needed if not GLIBC_LIBRARIES.match(library)]
    if others:
        fail(f"{binary} loads {', '.join(others)} besides glibc; build it with `make release`")
    return needed


def binary_version(binary):
    output = subprocess.run([binary, "--version"], check=True, capture_output=True, text=True).stdout
    return output.strip()


def readme_parts(readme):
    """Summary (the first paragraph's first clause) and description (the README up to its first
    section other than Install: title, introduction and how to install)."""
    text = open(readme, encoding="utf-8").read()
    lines = text.splitlines()
    end = len(lines)
    for index, line in enumerate(lines):
        if line.startswith("## ") and line[3:].strip().lower() != "install":
            end = index
            break
    description = "\n".join(lines[:end]).strip() + "\n"
    paragraph = []
    for line in lines[1:]:
        if not line.strip():
            if paragraph:
                break
            continue
        if line.startswith("#"):
            break
        paragraph.append(line.strip())
    first = " ".join(paragraph)
    summary = re.split(r"(?<=[.:])\s", first, maxsplit=1)[0].rstrip(":.")
    if not summary:
        fail(f"{readme} has no introduction paragraph after its title for the summary")
    return summary, description


def metadata(version, summary, description, license_text):
    headers = [
        ("Metadata-Version", "2.1"),
        ("Name", NAME),
        ("Version", version),
        ("Summary", summary),
        ("License", license_text),
        ("Requires-Python", ">=3.11"),
        ("Classifier", "Environment :: Console"),
        ("Classifier", "Intended Audience :: Developers"),
        ("Classifier", "Intended Audience :: Education"),
        ("Classifier", "Operating System :: POSIX :: Linux"),
        ("Classifier", "Programming Language :: Python :: 3"),
        ("Classifier", "Topic :: Education"),
        ("Description-Content-Type", "text/markdown"),
    ]
    return "".join(f"{key}: {value}\n" for key, value in headers) + "\n" + description


def record_hash(data_hash):
    return "sha256=" + base64.urlsafe_b64encode(data_hash.digest()).rstrip(b"=").decode()


class WheelWriter:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9)
        self.records = []

    def _info(self, name, mode):
        info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
        info.create_system = 3  # Unix: pip and uv read the permission bits from external_attr
        info.external_attr = mode << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    def add_file(self, name, source, mode):
        digest, size = hashlib.sha256(), 0
        with open(source, "rb") as file, self.zip.open(self._info(name, mode), "w") as entry:
            while chunk := file.read(1 << 20):
                digest.update(chunk)
                entry.write(chunk)
                size += len(chunk)
        self.records.append((name, record_hash(digest), size))

    def add_text(self, name, text):
        data = text.encode("utf-8")
        self.zip.writestr(self._info(name, REGULAR), data)
        self.records.append((name, record_hash(hashlib.sha256(data)), len(data)))

    def close(self, record_name):
        rows = io.StringIO()
        for name, digest, size in self.records:
            rows.write(f"{name},{digest},{size}\n")
        rows.write(f"{record_name},,\n")
        self.zip.writestr(self._info(record_name, REGULAR), rows.getvalue())
        self.zip.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--share", required=True, help="man page and completions, laid out as PREFIX/share")
    parser.add_argument("--readme", required=True)
    parser.add_argument("--version", required=True, help="the version the Makefile read from Version.swift")
    parser.add_argument("--license-file", default="LICENSE")
    parser.add_argument("--dist", default="dist")
    arguments = parser.parse_args()

    version = arguments.version
    if not re.fullmatch(r"\d+(\.\d+)*([ab]|rc)?\d*", version):
        fail(f"'{version}' is not a version a wheel can carry")
    if binary_version(arguments.binary) != version:
        fail(f"{arguments.binary} --version says '{binary_version(arguments.binary)}', not '{version}'")
    needed = check_self_contained(arguments.binary)
    (major, minor), example = glibc_requirement(arguments.binary)
    platform = f"manylinux_{major}_{minor}_{architecture(arguments.binary)}"
    tag = f"py3-none-{platform}"
    summary, description = readme_parts(arguments.readme)
    if os.path.exists(arguments.license_file):
        license_text = open(arguments.license_file, encoding="utf-8").readline().strip()
    else:
        license_text = "Not yet chosen (the repository has no LICENSE file)"

    os.makedirs(arguments.dist, exist_ok=True)
    for old in os.listdir(arguments.dist):
        if old.startswith(f"{NAME}-{version}-") and old.endswith(".whl"):
            os.remove(os.path.join(arguments.dist, old))
    wheel_path = os.path.join(arguments.dist, f"{NAME}-{version}-{tag}.whl")
    data, info = f"{NAME}-{version}.data", f"{NAME}-{version}.dist-info"

    wheel = WheelWriter(wheel_path + ".part")
    wheel.add_file(f"{data}/scripts/{NAME}", arguments.binary, EXECUTABLE)
    for directory, _, files in sorted(os.walk(arguments.share)):
        for file in sorted(files):
            source = os.path.join(directory, file)
            relative = os.path.relpath(source, arguments.share)
            wheel.add_file(f"{data}/data/share/{relative}", source, REGULAR)
    if os.path.exists(arguments.license_file):
        wheel.add_file(f"{info}/LICENSE", arguments.license_file, REGULAR)
    wheel.add_text(f"{info}/METADATA", metadata(version, summary, description, license_text))
    wheel.add_text(
        f"{info}/WHEEL",
        "Wheel-Version: 1.0\nGenerator: gatherlab Packaging/build-wheel.py\n"
        f"Root-Is-Purelib: false\nTag: {tag}\n",
    )
    wheel.close(f"{info}/RECORD")
    os.replace(wheel_path + ".part", wheel_path)

    size = os.path.getsize(wheel_path)
    print(
        f"{wheel_path}: {size / 1e6:.1f} MB (binary {os.path.getsize(arguments.binary) / 1e6:.1f} MB; "
        f"loads {', '.join(needed)}; newest glibc symbol: {example}@GLIBC_{major}.{minor})"
    )


if __name__ == "__main__":
    main()
