"""The links check: URLs, e-mail addresses, hashtags and @handles come through
unchanged; a URL localized only in its language part is a note."""

import pytest

from aligner.checks import check_pair
from aligner.model import Severity, TextPair


def findings(src: str, tgt: str, src_lang: str = "en", tgt_lang: str = "it"):
    return check_pair(TextPair(src, tgt, src_lang, tgt_lang), ["links"])


@pytest.mark.parametrize(
    ("src", "tgt", "src_lang", "tgt_lang"),
    [
        (
            "Read more at https://example.com/report.",
            "Per saperne di più: https://example.com/report.",
            "en",
            "it",
        ),
        ("Schreiben Sie an info@example.de!", "Écrivez à info@example.de !", "de", "fr"),
        (
            "Подробнее на www.example.ru/news, #выборы",
            "More at www.example.ru/news, #выборы",
            "ru",
            "en",
        ),
        ("Follow @BBCSport and #WorldCup", "Segui @BBCSport e #WorldCup", "en", "it"),
        ("Contact PRESS@Example.com", "Contattare press@example.com", "en", "it"),
        ("He was No. 1 in the #1 spot", "Era il numero 1", "en", "it"),  # "#1" is a rank
    ],
)
def test_links_kept_as_they_are_are_quiet(src, tgt, src_lang, tgt_lang) -> None:
    assert findings(src, tgt, src_lang, tgt_lang) == ()


def test_a_changed_url_is_one_error_with_both_spans() -> None:
    src = "Details: https://example.com/news/2018/story.html."
    tgt = "Dettagli: https://example.com/news/2019/story.html."

    (finding,) = findings(src, tgt)

    assert (finding.code, finding.severity) == ("url-changed", Severity.ERROR)
    assert src[slice(*finding.src_span)] == "https://example.com/news/2018/story.html"
    assert tgt[slice(*finding.tgt_span)] == "https://example.com/news/2019/story.html"


@pytest.mark.parametrize(
    ("src_url", "tgt_url"),
    [
        ("https://example.com/en/help", "https://example.com/it/help"),
        ("https://en.example.com/help", "https://it.example.com/help"),
        ("https://example.com/help?lang=en", "https://example.com/help?lang=it"),
    ],
)
def test_a_url_localized_in_its_language_part_is_a_note(src_url, tgt_url) -> None:
    (finding,) = findings(f"See {src_url} now", f"Vedi {tgt_url} ora")

    assert (finding.code, finding.severity) == ("url-localized", Severity.INFO)


@pytest.mark.parametrize(
    ("src", "tgt", "code", "severity"),
    [
        ("Mail press@example.com", "Scrivere a press@exemple.com", "email-changed", Severity.ERROR),
        ("Mail press@example.com", "Scrivere all'ufficio stampa", "email-missing", Severity.ERROR),
        ("Follow #Brexit news", "Segui le notizie", "hashtag-missing", Severity.WARNING),
        ("Folgen Sie @tagesschau", "Suivez @tagesschau2", "handle-changed", Severity.WARNING),
        ("Read it", "Leggilo su https://example.com", "url-extra", Severity.WARNING),
    ],
)
def test_missing_changed_and_extra_links(src, tgt, code, severity) -> None:
    (finding,) = findings(src, tgt)

    assert (finding.code, finding.severity) == (code, severity)
