"""Full-text search over the loaded packs: an SQLite FTS5 index kept as a rebuildable cache.

index = SearchIndex.open_or_build(packs, app_paths().ensure().index_db, progress)
results = index.search("bp before spravato", kind="protocol", limit=20)
for hit in results.hits: hit.target, hit.section_title, hit.snippet_html
"""

from typing import TYPE_CHECKING

from app.core.search.index import SearchIndex
from app.core.search.results import SearchHit, SearchResults

if TYPE_CHECKING:  # building (and with it the models) is imported only when an index is built
    from app.core.search.build import Progress

__all__ = ["Progress", "SearchHit", "SearchIndex", "SearchResults"]
