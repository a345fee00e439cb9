"""Compute the Depends: line of the .deb from the ELF dependencies of the bundle.

    python installer/linux/depends.py PACKAGE_ROOT [--report FILE]

Every shared library the bundle links against and does not carry itself is mapped to the Debian package that
provides it on this (build) machine; dpkg-shlibdeps turns that into package names with minimum versions from the
packages' symbols files. Libraries the bundle carries (the Python runtime's OpenSSL, readline, ...) are excluded,
otherwise dpkg-shlibdeps would also name the system's copies. Prints the Depends value on stdout.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split()[1] for line in out.splitlines() if line.strip().startswith("NEEDED")]


def ldconfig_paths() -> dict[str, str]:
    out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths: dict[str, str] = {}
    for line in out.splitlines()[1:]:
        if "=>" not in line or "(libc6)" in line or ",x32" in line:  # skip 32-bit libraries of multilib systems
            continue
        name = line.split()[0]
        paths.setdefault(name, line.split("=>", 1)[1].strip())
    return paths


def package_of(path: str) -> str | None:
    for candidate in (path, os.path.realpath(path)):
        r = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if r.returncode == 0:
            return r.stdout.split(":", 1)[0].strip()
    return None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("root", type=Path, help="the package root (containing opt/nianbao)")
    ap.add_argument("--report", type=Path, help="write what was found (sonames -> packages) here")
    args = ap.parse_args()
    bundle = args.root / "opt" / "nianbao"

    elfs = sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))
    carried = {p.name for p in bundle.rglob("*") if ".so" in p.name}
    wanted: dict[str, set[str]] = {}
    for elf in elfs:
        for soname in needed(elf):
            if soname not in carried:
                wanted.setdefault(soname, set()).add(str(elf.relative_to(bundle)))

    system = ldconfig_paths()
    report, problems, system_pkgs = [], [], set()
    for soname in sorted(wanted):
        pkg = package_of(system[soname]) if soname in system else None
        if pkg is None:
            problems.append(f"{soname} (needed by {', '.join(sorted(wanted[soname])[:3])}) is not installed here")
        else:
            system_pkgs.add(pkg)
        report.append(f"system  {soname:32} {pkg}")
    carried_pkgs = set()
    for soname in sorted(carried):
        pkg = package_of(system[soname]) if soname in system else None
        if pkg:
            carried_pkgs.add(pkg)
            report.append(f"bundled {soname:32} (the system's copy is in {pkg})")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    exclude = sorted(carried_pkgs - system_pkgs)

    libdirs = sorted({str(p.parent) for p in elfs})
    with tempfile.TemporaryDirectory() as work:
        Path(work, "debian").mkdir()
        Path(work, "debian", "control").write_text("Source: nianbao\n\nPackage: nianbao\nArchitecture: any\n")
        cmd = ["dpkg-shlibdeps", "-O", "--ignore-missing-info", *(f"-l{d}" for d in libdirs),
               *(f"-x{p}" for p in exclude), "-e", *map(str, elfs)]
        r = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        return 1
    depends = next((line.split("=", 1)[1] for line in r.stdout.splitlines() if line.startswith("shlibs:Depends=")), "")
    if args.report:
        args.report.write_text("\n".join(report + [f"excluded (bundled): {' '.join(exclude)}", f"Depends: {depends}"])
                               + "\n")
    print(depends)
    return 0 if depends else 1


if __name__ == "__main__":
    sys.exit(main())
