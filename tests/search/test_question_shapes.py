"""Questions whose shape says which section answers, whatever their words (issue 14, round 4):
how long a treatment's benefit lasts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.core.search import SearchIndex
from tests.search.support import index_of, protocol


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    sections = {
        "monitoring": ("Monitoring", "Check the pulse every 15 minutes during the lidocaine infusion."),
        "numbness": ("Numbness", "Numb lips are common; they last an hour after the infusion."),
        "follow-up": ("Follow-up", "Relief fades within three weeks; plan the next course early."),
        "help": ("Getting help", "Call the clinic for help if the pain returns sharply."),
    }
    documents = [protocol("lidocaine", "Lidocaine infusion for neuropathic pain", sections)]
    with index_of(tmp_path_factory.mktemp("shapes"), "shapes", documents) as built:
        yield built


def _top(index: SearchIndex, query: str) -> str:
    return index.search(query).hits[0].target


def test_how_long_a_benefit_lasts_is_asked_of_follow_up(index: SearchIndex) -> None:
    assert _top(index, "how long will lidocaine keep working") == "lidocaine#follow-up"
    assert _top(index, "how long does the pain relief from lidocaine last") == "lidocaine#follow-up"
    assert _top(index, "how long do lidocaine infusions help for") == "lidocaine#follow-up"
    # Without a word of benefit, "how long" is about monitoring, or about the thing named.
    assert _top(index, "how long do we watch them after lidocaine") == "lidocaine#monitoring"
    assert _top(index, "how long does the numbness last") == "lidocaine#numbness"
