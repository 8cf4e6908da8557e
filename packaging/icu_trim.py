"""Trim Qt's ICU data library to what an English-only Qt Widgets app uses, and rebuild it.

python packaging/icu_trim.py LIBICUDATA OUTDIR  ->  OUTDIR/<same file name>

PySide6's libicudata carries every locale, collation, converter and dictionary ICU knows (about 31 MB).
Qt uses ICU for collation, locale-aware case mapping, time-zone names and extra text codecs; its own
locale tables (CLDR, compiled into QtCore) do dates and numbers. The app's text is English UTF-8, so
this keeps the Unicode core data (properties, normalisation, names, break rules) and the root and
English locale data, and drops other languages' locale data, legacy codepage converters and
transliteration rules (the word-break dictionaries stay: ICU's root break rules refer to them). A
locale whose data is gone falls back to root, which is what ICU does for any locale it does not know.

The data is unpacked and repacked with ICU's own tools (icupkg, genccode from Debian's icu-devtools)
and linked into a shared library with the same soname and symbol (binutils' ld).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LANGUAGES = {"en"}
# A locale resource: language, then optional script/region/variant parts (af.res, en_GB.res, zh_Hant_HK.res).
LOCALE = re.compile(r"^(?P<lang>[a-z]{2,3})(?:_[A-Za-z0-9]*)*\.res$")
NOT_LOCALES = {"res_index.res"}  # the index of each tree: looks like a locale name, is not one
TOOLS = ("objcopy", "icupkg", "genccode", "as", "ld", "readelf")


def dropped(item: str) -> bool:
    """True for a data item (as `icupkg -l` names it, e.g. `coll/de.res`) the app does not need."""
    folder, _, name = item.rpartition("/")
    if name.endswith(".cnv"):
        return True  # codepage converters; UTF-8/16/32, ASCII and Latin-1 are built into ICU's code
    if folder == "translit":
        return name != "root.res"
    match = None if name in NOT_LOCALES else LOCALE.match(name)
    return bool(match) and match.group("lang") not in KEEP_LANGUAGES


def _run(*command: str, cwd: Path | None = None) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"icu_trim: {' '.join(command)} failed:\n{result.stderr or result.stdout}")
    return result.stdout


def _data_symbol(library: Path) -> str:
    """The data's symbol name (icudt73_dat), which libicuuc links against."""
    for line in _run("readelf", "-sW", str(library)).splitlines():
        fields = line.split()
        if len(fields) >= 8 and re.fullmatch(r"icudt\d+_dat", fields[-1]):
            return fields[-1]
    raise SystemExit(f"icu_trim: {library} holds no icudtNN_dat symbol; is it ICU's data library?")


def trim(library: Path, out_dir: Path) -> Path:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        hint = "Debian: apt-get install icu-devtools binutils"
        raise SystemExit(f"icu_trim: {', '.join(missing)} not found; install them ({hint})")
    symbol = _data_symbol(library)
    entry = symbol.removesuffix("_dat")  # icudt73
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="icu-trim-") as tmp:
        work = Path(tmp)
        data = work / f"{entry}l.dat"
        _run("objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(data))
        items = _run("icupkg", "-l", str(data)).split()
        removals = work / "remove.txt"
        removals.write_text("\n".join(item for item in items if dropped(item)) + "\n", encoding="utf-8")
        _run("icupkg", "-r", str(removals), str(data))
        _run("genccode", "-a", "gcc", "-e", entry, "-d", str(work), str(data))
        sources = [path for path in work.iterdir() if path.suffix == ".S"]
        if len(sources) != 1:
            raise SystemExit(f"icu_trim: genccode wrote {len(sources)} assembly files, expected one")
        assembly = work / "icudata.s"
        assembly.write_text(_without_conditionals(sources[0].read_text(encoding="ascii")), encoding="ascii")
        obj = work / "icudata.o"
        _run("as", "-o", str(obj), str(assembly))
        target = out_dir / library.name
        _run("ld", "-shared", "-z", "noexecstack", "-soname", _soname(library), "-o", str(target), str(obj))
    if _data_symbol(target) != symbol:
        raise SystemExit(f"icu_trim: {target} does not export {symbol}")
    return target


def _without_conditionals(source: str) -> str:
    """genccode's assembly is meant for the C preprocessor; drop its #if blocks, whose macros are unset.

    One of them would hide the data symbol, which libicuuc must find.
    """
    kept, depth = [], 0
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("#if"):
            depth += 1
        elif stripped.startswith("#endif"):
            depth -= 1
        elif depth == 0:
            kept.append(line)
    return "\n".join(kept) + "\n"


def _soname(library: Path) -> str:
    found = re.search(r"\(SONAME\)\s+Library soname: \[(.+?)\]", _run("readelf", "-dW", str(library)))
    return found.group(1) if found else library.name


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    target = trim(Path(argv[0]), Path(argv[1]))
    before, after = Path(argv[0]).stat().st_size >> 20, target.stat().st_size >> 20
    print(f"{argv[0]}: {before} MB -> {target}: {after} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
