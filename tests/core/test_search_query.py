"""Query parsing, typo correction, snippets: the parts of search that need no index, and hostile input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.packs.loaded import PackSet
from app.core.search import SearchIndex
from app.core.search.fuzzy import closest, deletes, distance, key_rows
from app.core.search.query import parse
from app.core.search.snippets import as_html, as_text
from app.core.search.text import MARK_CLOSE, MARK_OPEN, clean_content, fold, plain_markdown, words
from app.core.search.vocabulary import same_word, stem
from tests.search.support import SYNONYMS, clinic_documents, load, write_pack

HOSTILE = [
    '"',
    '""',
    '"unclosed phrase',
    "C++",
    "AND",
    "OR OR OR",
    "NOT",
    "NEAR(a b, 3)",
    "a NEAR/2 b",
    "(((",
    ")))",
    "title:dose",
    "{title}: dose",
    "-dose",
    "dose*",
    "*",
    "^dose",
    "col:",
    "'; DROP TABLE docs; --",
    "\x00",
    "\ue000\ue001",
    "🙂💉",
    "Ｆｕｌｌｗｉｄｔｈ",
    "ﬁnal",
    "İstanbul",
    "x" * 10_000,
    "dose " * 2_000,
    "a-b-c-d-e-f-g",
    "0.5 mg/kg",
    "\\",
    "%_",
    "\u202e reversed",
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    packs: PackSet = load(
        write_pack(tmp_path_factory.mktemp("packs"), "clinic", clinic_documents(), **SYNONYMS)
    )
    return SearchIndex.open_or_build(packs, tmp_path_factory.mktemp("cache") / "index.db")


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_answer_without_error(index: SearchIndex, text: str) -> None:
    """Operators, quotes, symbols, control characters and huge input are just text."""
    results = index.search(text)
    assert results.problem is None
    assert isinstance(results.hits, tuple)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_any_text_is_a_valid_query(index: SearchIndex, text: str) -> None:
    """Whatever is typed, search returns results (maybe none) and no error."""
    results = index.search(text)
    assert results.problem is None
    assert all(hit.doc_id for hit in results.hits)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list('abp "()*:-+^~NOTANDR ')), max_size=60))
def test_fts_syntax_characters_are_harmless(index: SearchIndex, text: str) -> None:
    """Text made only of FTS5 syntax characters and operator letters never reaches FTS5 as syntax."""
    assert index.search(text).problem is None


def test_parse_splits_words_and_phrases() -> None:
    """Punctuation joins a phrase (mg/kg), quotes make one, commas separate."""
    units, typing = parse('0.5 mg/kg, "blood pressure" dose')
    assert [u.tokens for u in units] == [("0", "5"), ("mg", "kg"), ("blood", "pressure"), ("dose",)]
    assert typing


def test_parse_knows_when_the_last_word_is_complete() -> None:
    """A trailing space or a closed quote ends the word being typed."""
    assert not parse("dose ")[1]
    assert not parse('"dose"')[1]
    assert parse('"blood pres')[1]


def test_fold_matches_the_index_tokenizer() -> None:
    """Case and diacritics fold, as unicode61 remove_diacritics 2 does."""
    assert words("Café NAÏVE Ｆｕｌｌ") == ["cafe", "naive", "full"]
    assert fold("Ésketamine") == "esketamine"


def test_edit_distance() -> None:
    """Insertions, deletions, substitutions and adjacent swaps count one each."""
    assert distance("dissocation", "dissociation") == 1
    assert distance("esketmaine", "esketamine") == 1
    assert distance("spravto", "spravato") == 1
    assert distance("kitten", "sitting") == 3


def test_symmetric_delete_keys_meet() -> None:
    """A typo and its word share a key: the correction needs one indexed look-up."""
    keys = {key for key, _ in key_rows(["dissociation"])}
    assert "dissocation" in keys
    assert deletes("esketmaine") & {key for key, _ in key_rows(["esketamine"])}  # a swap
    assert closest("spravto", ["spravato", "esketamine"]) == ("spravato",)
    assert closest("abc", ["abd"]) == ()


def test_word_forms() -> None:
    """The crude stemmer meets common forms without joining unrelated words."""
    assert stem("monitoring") == "monitor"
    assert same_word("dosing", "dose") and same_word("dropped", "drop") and same_word("oxygenation", "oxygen")
    assert not same_word("cardiac", "care") and not same_word("beforehand", "before")


def test_snippets_escape_content_and_mark_matches() -> None:
    """Content never becomes markup; markers become <b> only in the HTML form."""
    marked = f"a <script>x</script> {MARK_OPEN}dose{MARK_CLOSE} & 'b'"
    assert as_html(marked) == "a &lt;script&gt;x&lt;/script&gt; <b>dose</b> &amp; &#x27;b&#x27;"
    assert as_text(marked) == "a <script>x</script> dose & 'b'"
    assert as_text(marked, "[", "]") == "a <script>x</script> [dose] & 'b'"


def test_content_cannot_forge_markers() -> None:
    """Marker characters in content are removed before indexing."""
    assert MARK_OPEN not in clean_content(f"x{MARK_OPEN}y{MARK_CLOSE}")


def test_markdown_is_reduced_to_text() -> None:
    """Emphasis, links, lists and headings lose their markers; `<` stays."""
    text = plain_markdown("# Dose\n- **Check** BP *before* [dosing](x).\n- wt <50 kg")
    assert text == "Dose\nCheck BP before dosing.\nwt <50 kg"
