"""Web pages: what a reader found as HTML, reduced to its main text by trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

from newsfacts.model import Source


@dataclass(frozen=True, slots=True)
class Html:
    """A web page still to be reduced to its main text (see :func:`html_to_source`).

    ``published`` comes from the input row and wins over the page's own date; ``fallback_date``
    (a WARC record's crawl date) is used only when the page has none.
    """

    html: str | bytes
    doc_id: str
    url: str | None = None
    published: str | None = None
    title: str | None = None
    lang: str | None = None
    fallback_date: str | None = None
    position: int | None = None  # see Source.position


Item = Source | Html


def to_source(item: Item) -> Source:
    """The Source of a reader item: HTML pages are converted, Sources pass through."""
    return item if isinstance(item, Source) else html_to_source(item)


def html_to_source(page: Html) -> Source:
    """Main text, title and publication date of a page, by trafilatura (offline).

    The title becomes the first line of the text (unless the main text already starts with
    it) so that figures in headlines are found and the block classifier sees a headline.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            page.html,
            url=page.url,
            with_metadata=True,
            include_comments=False,
            # Dates from the page's markup and URL only: the extensive search guesses a
            # "publication date" from any year in the body text.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml fail in many ways on broken markup
        return Source(
            "",
            doc_id=page.doc_id,
            url=page.url,
            position=page.position,
            error=f"unparsable HTML: {exc}",
        )
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        return Source(
            "",
            doc_id=page.doc_id,
            url=page.url,
            position=page.position,
            error="no main text in the HTML",
        )
    title = page.title or getattr(doc, "title", None) or None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return Source(
        text,
        doc_id=page.doc_id,
        published=page.published or getattr(doc, "date", None) or page.fallback_date,
        lang=page.lang,
        url=page.url or getattr(doc, "url", None) or None,
        title=title,
        position=page.position,
    )
