"""What the Linux build leaves out: ICU data for other languages, and the CUPS client's own libraries."""

from __future__ import annotations

import icu_trim
import prune
import pytest


@pytest.mark.parametrize(
    ("item", "dropped"),
    [
        ("de.res", True),
        ("coll/zh_Hant.res", True),
        ("coll/de_.res", True),  # a variant of a dropped locale
        ("zone/fr_CA.res", True),
        ("ibm-1390_P110-2003.cnv", True),
        ("translit/Hani_Latn.res", True),
        ("en.res", False),
        ("coll/en_US_POSIX.res", False),
        ("root.res", False),
        ("coll/root.res", False),
        ("coll/ucadata.icu", False),
        ("res_index.res", False),
        ("zone/tzdbNames.res", False),
        ("pool.res", False),
        ("supplementalData.res", False),
        ("brkitr/word.brk", False),
        ("brkitr/cjdict.dict", False),  # root break rules refer to it: icupkg refuses to drop it
        ("unames.icu", False),
        ("nfkc.nrm", False),
    ],
)
def test_icu_items_kept_and_dropped(item: str, dropped: bool) -> None:
    assert icu_trim.dropped(item) is dropped


def test_genccode_conditionals_are_removed_so_the_data_symbol_stays_global() -> None:
    source = ".globl icudt73_dat\n#ifdef U_HIDE_DATA_SYMBOL\n\t.hidden icudt73_dat\n#endif\nicudt73_dat:\n"
    assert icu_trim._without_conditionals(source) == ".globl icudt73_dat\nicudt73_dat:\n"


GRAPH = {
    "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so": ["libcups.so.2", "libQt6Gui.so.6"],
    "PySide6/Qt/lib/libQt6Gui.so.6": ["libfreetype.so.6", "libz.so.1"],
    "libcups.so.2": ["libgnutls.so.30", "libz.so.1"],
    "libgnutls.so.30": ["libunistring.so.2", "libz.so.1"],
    "libunistring.so.2": [],
    "libfreetype.so.6": ["libz.so.1"],
    "libz.so.1": [],
    "libctypes-found.so": [],  # loaded by name at run time, needed by nothing: must stay
}


def test_only_what_libcups_alone_needs_is_left_to_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prune, "needed", lambda path: GRAPH[path])
    binaries = [(dest, dest, "BINARY") for dest in GRAPH]
    kept, dropped = prune.without_system_provided(binaries)
    assert dropped == ["libcups.so.2", "libgnutls.so.30", "libunistring.so.2"]
    assert {dest for dest, _, _ in kept} == set(GRAPH) - set(dropped)
