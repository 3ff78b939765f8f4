"""The placeholder check: the target keeps the source's inline codes and printf/ICU
placeholders, no more, no fewer, and printf's ordered ones in order."""

import pytest

from aligner.checks import check_pair
from aligner.model import TextPair


def codes(src: str, tgt: str) -> list[tuple[str, str]]:
    """(code, placeholder) of each finding, missing ones first."""
    findings = check_pair(TextPair(src, tgt, "en", "it"), ["placeholders"])
    return sorted((finding.code, finding.message.split()[0]) for finding in findings)


def test_a_tag_missing_in_the_target_is_an_error_on_the_source_side() -> None:
    pair = TextPair("Click <g1>here</g1> now.<x2/>", "Fai clic <g1>qui</g1> ora.", "en", "it")

    (finding,) = check_pair(pair, ["placeholders"])

    assert (finding.code, finding.severity) == ("placeholder-missing", "error")
    assert pair.src_text[slice(*finding.src_span)] == "<x2/>"
    assert finding.message == "<x2/> of the source is missing in the target"


@pytest.mark.parametrize(
    ("src", "tgt", "expected"),
    [
        ("%d files in %s", "%d file in %s", []),
        ("%d files in %s", "%d file", [("placeholder-missing", "%s")]),
        (
            "Hello %(name)s",
            "Ciao %(nome)s",
            [("placeholder-extra", "%(nome)s"), ("placeholder-missing", "%(name)s")],
        ),
        ("%1$s of %2$s", "%2$s di %1$s", []),  # positional: any order
        ("%s of %d", "%d di %s", [("placeholder-order", "%d")]),  # filled in order
        (
            "{count, plural, one {# file} other {# files}}",
            "{count, plural, one {# file} other {# file}}",
            [],
        ),
        (
            "Hi {name}",
            "Ciao {nome}",
            [("placeholder-extra", "{nome}"), ("placeholder-missing", "{name}")],
        ),
        (
            "<pc1>Bold</pc1>",
            "Grassetto",
            [("placeholder-missing", "</pc1>"), ("placeholder-missing", "<pc1>")],
        ),
        ("Save", "Salva <ph1/>", [("placeholder-extra", "<ph1/>")]),
    ],
)
def test_printf_icu_and_inline_codes_are_compared(src: str, tgt: str, expected: list) -> None:
    assert codes(src, tgt) == expected


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("a 10% rise, 100%", "un aumento del 10% di"),  # percentages are not printf
        ("20%d'aumento", "20% increase"),
        ("50%% off", "sconto"),  # an escaped percent sign
    ],
)
def test_percent_signs_of_prose_are_not_placeholders(src: str, tgt: str) -> None:
    assert codes(src, tgt) == []


def test_an_empty_target_is_left_to_the_empty_check() -> None:
    assert codes("%d files", "") == []


@pytest.mark.parametrize(
    ("src", "tgt", "expected"),
    [
        ("Hallo {{name}}!", "Bonjour {{name}} !", []),
        (
            "Hallo {{name}}!",
            "Bonjour {name} !",
            [("placeholder-extra", "{name}"), ("placeholder-missing", "{{name}}")],
        ),
        ("Datei {0} von {1}", "Файл {0} из {1}", []),
        ("Datei {0} von {1}", "Файл {0}", [("placeholder-missing", "{1}")]),
        ("Tom &amp; Jerry", "Tom &#38; Jerry", []),  # the same character
        ("Tom & Jerry", "Tom &amp; Jerry", []),  # escaped in the target
        ("Prezzo&nbsp;netto", "Net price", [("placeholder-missing", "&nbsp;")]),
        (
            "{count, plural, one {# Datei} other {# Dateien}}",
            "{count, plural, one {# fichier} other {# fichiers}}",
            [],
        ),
    ],
)
def test_template_braces_dotnet_arguments_and_entities(src: str, tgt: str, expected: list) -> None:
    assert codes(src, tgt) == expected


def test_an_entity_written_as_its_character_is_a_warning() -> None:
    (finding,) = check_pair(
        TextPair("Ricerca &amp; sviluppo", "Research & development", "it", "en"), ["placeholders"]
    )

    assert (finding.code, finding.severity) == ("placeholder-missing", "warning")


def test_a_tag_that_closes_before_it_opens_is_an_order_error() -> None:
    tgt = "Klicken Sie </g1>hier<g1>."
    (finding,) = check_pair(TextPair("Click <g1>here</g1>.", tgt, "en", "de"), ["placeholders"])

    assert finding.code == "placeholder-order"
    assert tgt[slice(*finding.tgt_span)] == "</g1>"
