"""The fact checks in machine-readable form: ``claims.csv`` for download, and one schema.org
``ClaimReview`` per checked statement for the page's JSON-LD.

A ``ClaimReview`` (https://schema.org/ClaimReview) states the words reviewed
(``claimReviewed``), the work they appear in (``itemReviewed``: a ``Claim`` with its author,
date and the article's address), the verdict (``reviewRating.alternateName``), who reviewed it
(``author``: this book) and where the review is (``url``). :data:`REQUIRED` lists the fields
the book promises for each; :func:`missing_fields` checks them. A statement that could not be
checked has no rating and gets no ``ClaimReview``; it is in the CSV, like every check of a
statement checked against two references.
"""

from __future__ import annotations

import pandas as pd

from helpers.bibliography import split_keys

#: The CSV's columns, in order.
DOWNLOAD_COLUMNS = [
    "id", "article", "article_name", "sentence", "quote", "start", "end", "claim", "kind",
    "topic", "figure", "verdict", "reference", "reference_value", "source", "source_urls",
    "as_of", "source_date", "likely_original", "searched", "reason",
]  # fmt: skip
#: The fields each ClaimReview must have, as dotted paths.
REQUIRED = (
    "@context", "@type", "url", "claimReviewed", "author.name", "reviewRating.alternateName",
    "itemReviewed.@type", "itemReviewed.author.name", "itemReviewed.datePublished",
    "itemReviewed.appearance.url",
)  # fmt: skip


def claims_download(
    claims: pd.DataFrame, labels: dict[str, str], urls: dict[str, str]
) -> pd.DataFrame:
    """Every statement as one row of the download, with the article's name and each source's
    web address beside its key."""
    table = claims.assign(
        article_name=claims["article"].map(labels),
        source_urls=claims["source"].map(
            lambda cell: "; ".join(urls.get(key, "") for key in split_keys(cell))
        ),
    )
    return table[DOWNLOAD_COLUMNS].reset_index(drop=True)


def _claim_author(article: pd.Series) -> dict:
    if article["author"]:
        return {"@type": "Person", "name": article["author"]}
    return {"@type": "Organization", "name": article["outlet"]}


def claim_reviews(
    statements: pd.DataFrame, articles: pd.DataFrame, book_title: str, page_url: str
) -> list[dict]:
    """One ``ClaimReview`` per checked statement (every verdict but "not checkable"), rated by
    the verdict it gets (:func:`helpers.claim_checks.statement_verdicts`: a statement checked
    twice is reviewed once)."""
    by_id = articles.set_index("id")
    reviews = []
    for row in statements[statements["verdict"] != "not checkable"].itertuples():
        article = by_id.loc[row.article]
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": page_url,
                "identifier": row.id,
                "claimReviewed": row.quote,
                "author": {"@type": "Organization", "name": book_title},
                "reviewRating": {
                    "@type": "Rating",
                    "alternateName": row.verdict,
                    "ratingExplanation": row.reason,
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "author": _claim_author(article),
                    "datePublished": article["published"],
                    "appearance": {
                        "@type": "CreativeWork",
                        "url": article["url"],
                        "headline": article["title"],
                    },
                },
            }
        )
    return reviews


def missing_fields(review: dict) -> list[str]:
    """The :data:`REQUIRED` fields a ClaimReview lacks or leaves empty."""
    missing = []
    for path in REQUIRED:
        value: object = review
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if not value:
            missing.append(path)
    return missing
