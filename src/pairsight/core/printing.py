"""HTML to PDF with WeasyPrint, fetching nothing but what PAIRsight itself puts in.

Documents carry text that people typed and files brought in. If any of it ever became markup,
WeasyPrint's own fetcher would read `file://` paths (and attach them to the PDF) and call
any server it names. Every document is therefore laid out with a fetcher that answers only
`data:` URIs, which is how PAIRsight embeds its own images (the style sheets are inlined as
text); everything else is refused and logged, and the document is drawn without it.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

#: The only scheme a document may load: PAIRsight's own embedded images.
ALLOWED_SCHEMES = frozenset({"data"})


def offline_fetcher() -> Any:
    """A WeasyPrint URL fetcher that answers `data:` URIs and refuses every other URL."""
    # Imported here: WeasyPrint takes a second to load, and only PDF builds need it.
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    class OfflineFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme not in ALLOWED_SCHEMES:
                logger.warning("A document asked for %.200r; refused (nothing is fetched).", url)
                raise ValueError(f"PAIRsight documents fetch nothing: {url[:200]!r} refused")
            return super().fetch(url, headers)

    return OfflineFetcher(allowed_protocols=ALLOWED_SCHEMES, allow_redirects=False)


def html_to_pdf(html: str, *, tagged: bool = False) -> bytes:
    """An HTML document as PDF bytes; `tagged` adds the structure tags screen readers use."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    document = HTML(string=html, base_url=None, url_fetcher=offline_fetcher())
    pdf: bytes = document.write_pdf(pdf_tags=tagged)
    return pdf
