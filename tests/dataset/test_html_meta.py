"""A page's own metadata from its markup (``quotewire.dataset.html_meta``): dates never swapped,
titles without site chrome, the outlet from the site's name. Pages are short hand-written HTML."""

from __future__ import annotations

import json

import pytest

from quotewire.dataset.html_meta import Found, markup_date, read_page_meta, strip_title_chrome


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # ISO: year, month, day in that order; never read as day/month.
        ("2016-10-04", "2016-10-04"),
        ("2016-10-04T09:30:00-04:00", "2016-10-04T09:30:00-04:00"),
        ("2019-11-20T01:50:59.403Z", "2019-11-20T01:50:59.403Z"),
        ("2019-11-18 20:58:46", "2019-11-18T20:58:46"),
        ("2019-11-20T10:03:33+0100", "2019-11-20T10:03:33+01:00"),
        # A month in words, either order, with or without a time and an ordinal.
        ("November 19, 2019, 07:47 PM EST", "2019-11-19"),
        ("Monday, November 18th, 2019 at 11:08 a.m.", "2019-11-18"),
        ("20 Nov 2019 08:02 GMT", "2019-11-20"),
        ("01:38:07 PM IST Nov 20, 2019", "2019-11-20"),
        # Numeric day/month: read only when one number cannot be a month.
        ("19/11/2019", "2019-11-19"),
        ("11-19-2019 05:50", "2019-11-19"),
        ("04/10/2016", None),
        ("10.04.2016", None),
        # Placeholders and non-dates.
        ("0001-01-01T00:00:00Z", None),
        ("2016-02-30", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_markup_date(value: str, expected: str | None) -> None:
    assert markup_date(value) == expected


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Council closes bridge | Springfield Gazette", "Springfield Gazette", "Council closes bridge"),
        ("Council closes bridge - Springfield Gazette", "Springfield Gazette", "Council closes bridge"),
        ("Gazette: Council closes bridge", "Springfield Gazette", "Gazette: Council closes bridge"),
        ("Springfield Gazette \u2014 Council closes bridge", "Springfield Gazette", "Council closes bridge"),
        ("Council closes bridge \u2013 TechWire", "TechWire", "Council closes bridge"),
        # A short last segment after " | " is a section or slogan even when the site is unknown.
        ("Council closes bridge | Local news", None, "Council closes bridge"),
        # The logo's alt text.
        ("COURIER Courier Logo", "Courier", "COURIER"),
        # A headline that names the site keeps it; a dash inside a headline stays.
        ("The Gazette view on the bridge: fix it | Editorial", "the Gazette", "The Gazette view on the bridge: fix it"),
        ("Mayor says bridge will re-open - in two years", None, "Mayor says bridge will re-open - in two years"),
        ("Plain headline", "Gazette", "Plain headline"),
    ],
)
def test_strip_title_chrome(title: str, site: str | None, expected: str) -> None:
    assert strip_title_chrome(title, site) == expected


def page(head: str, body: str = "<p>Text.</p>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_jsonld_article_date_headline_and_publisher() -> None:
    html = page(ld({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Example"},
        {"@type": "NewsArticle", "headline": "Bridge to close for repairs", "datePublished": "2016-10-04T08:00:00Z",
         "publisher": {"@type": "Organization", "name": "Springfield Gazette"}},
    ]}))
    meta = read_page_meta(html)
    assert meta.published == Found("2016-10-04T08:00:00Z", "json-ld")
    assert meta.title == Found("Bridge to close for repairs", "json-ld")
    assert meta.outlet == Found("Springfield Gazette", "json-ld")


def test_og_site_name_wins_over_the_jsonld_publisher() -> None:
    """A wire story on a local site: the outlet is the site, not the wire service."""
    html = page('<meta property="og:site_name" content="Harbour Times">'
                + ld({"@type": "NewsArticle", "headline": "Ferry returns", "publisher": {"name": "Wire Service"}}))
    assert read_page_meta(html).outlet == Found("Harbour Times", "meta:og:site_name")


def test_meta_tags_then_time_element_then_published_element_then_stamp() -> None:
    meta = read_page_meta(page('<meta property="article:published_time" content="2016-10-04">'))
    assert meta.published == Found("2016-10-04", "meta:article:published_time")
    meta = read_page_meta(page("", '<p>x</p><time datetime="2016-10-04">4 October</time>'))
    assert meta.published == Found("2016-10-04", "time")
    meta = read_page_meta(page("", '<input class="published_date" type="hidden" value="2016-10-04 09:00:00">'))
    assert meta.published == Found("2016-10-04T09:00:00", "element")
    meta = read_page_meta(page("", "<p>Published: Tuesday, October 4th, 2016 at 9 a.m.</p>"))
    assert meta.published == Found("2016-10-04", "stamp")
    assert read_page_meta(page("", "<p>Posted 04/10/2016</p>")).published is None


def test_placeholder_jsonld_date_falls_through_to_the_meta_tag() -> None:
    html = page(ld({"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"})
                + '<meta name="pubdate" content="2016-10-04T12:00:00Z">')
    assert read_page_meta(html).published == Found("2016-10-04T12:00:00Z", "meta:pubdate")


def test_title_chrome_and_site_only_titles() -> None:
    html = page('<meta property="og:site_name" content="Courier">'
                "<title>Courier Courier Logo</title>"
                '<meta property="og:title" content="Storm closes schools | Courier">')
    assert read_page_meta(html).title == Found("Storm closes schools", "meta:og:title")
    html = page('<meta property="og:site_name" content="Courier"><title>Courier</title>')
    assert read_page_meta(html).title is None


def test_outlet_is_never_the_headline() -> None:
    html = page('<meta property="og:site_name" content="Storm closes schools">'
                '<meta property="og:title" content="Storm closes schools">')
    meta = read_page_meta(html)
    assert meta.title == Found("Storm closes schools", "meta:og:title") and meta.outlet is None


def test_site_name_tagline_dropped_and_summary_read() -> None:
    html = page('<meta property="og:site_name" content="Courier | News you can use">'
                '<meta name="description" content="Schools shut as the storm nears.">')
    meta = read_page_meta(html)
    assert meta.outlet == Found("Courier", "meta:og:site_name")
    assert meta.summary == Found("Schools shut as the storm nears.", "meta:description")


def test_broken_jsonld_is_skipped() -> None:
    html = page('<script type="application/ld+json">{"headline": </script>'
                '<meta property="article:published_time" content="2016-10-04">')
    assert read_page_meta(html).published == Found("2016-10-04", "meta:article:published_time")
