"""The checks that read more than one pair or outside data: consistency and meaning
over a document, key terms from a glossary, names, and the config file."""

from pathlib import Path

import numpy as np
import pytest

from aligner.checks import (
    CheckConfig,
    check_memory,
    check_pair,
    document_findings,
    load_config,
    read_glossary,
    with_similarities,
)
from aligner.checks.config import find_config
from aligner.checks.names import proper_names
from aligner.errors import InputError
from aligner.model import Severity, TextPair, TranslationMemory, TranslationUnit

QA = Path(__file__).resolve().parents[1] / "data" / "qa"


def memory(*pairs: tuple[str, str], src: str = "it", tgt: str = "en") -> TranslationMemory:
    units = tuple(TranslationUnit(s, t, src, tgt, tuid=str(n)) for n, (s, t) in enumerate(pairs, 1))
    return TranslationMemory(None, src, tgt, units)


def codes(findings) -> list[str]:
    return [finding.code for finding in findings]


# Consistency -------------------------------------------------------------------------


def test_the_same_source_translated_two_ways_is_flagged_on_both_with_the_other_bead():
    checked = check_memory(
        memory(
            ("Il fornitore consegna i pezzi.", "The supplier delivers the parts."),
            ("Il prezzo sale.", "The price goes up."),
            ("Il fornitore consegna i pezzi", "The vendor delivers the parts."),
        ),
        checks=["consistency"],
    )
    first, second, third = (pair.findings for pair in checked)
    assert codes(first) == codes(third) == ["inconsistent-translation"]
    assert second == ()
    assert "#3" in first[0].message and "#1" in third[0].message
    assert first[0].tgt_span == (0, len("The supplier delivers the parts."))


def test_one_translation_for_two_sources_is_flagged_and_case_and_spacing_are_not():
    checked = check_memory(
        memory(
            ("Der Lieferant liefert.", "Le fournisseur livre."),
            ("Der Händler liefert.", "Le fournisseur livre."),
            ("der  Lieferant liefert", "le fournisseur livre."),
            src="de",
            tgt="fr",
        ),
        checks=["consistency"],
    )
    assert [codes(pair.findings) for pair in checked] == [
        ["inconsistent-source"],
        ["inconsistent-source"],
        ["inconsistent-source"],
    ]
    assert "#2" in checked[0].findings[0].message


# Meaning -----------------------------------------------------------------------------


class TopicEncoder:
    """Embeds a text as the one-hot vector of the topic word in it: texts on the same
    topic are translations of each other."""

    name = "topics"
    languages = None
    TOPICS = ("gatto|cat", "cane|dog", "pane|bread", "mare|sea", "sole|sun", "neve|snow")

    def encode(self, texts):
        vectors = np.zeros((len(texts), len(self.TOPICS)), dtype=np.float32)
        for row, text in enumerate(texts):
            column = next(
                i for i, t in enumerate(self.TOPICS) if any(w in text.lower() for w in t.split("|"))
            )
            vectors[row, column] = 1.0
        return vectors


def test_a_pair_that_says_something_else_is_a_warning_with_its_similarity():
    pairs = [
        TextPair("Il gatto dorme.", "The cat sleeps.", "it", "en"),
        TextPair("Il cane abbaia.", "The dog barks.", "it", "en"),
        TextPair("Il pane è caldo.", "The sea is calm.", "it", "en"),  # the wrong line
        TextPair("Il mare è calmo.", "The sea is calm.", "it", "en"),
        TextPair("Il sole splende.", "The sun shines.", "it", "en"),
    ]
    found = document_findings(with_similarities(pairs, TopicEncoder()), checks=["meaning"])
    assert list(found) == [2]
    (finding,) = found[2]
    assert (finding.code, finding.severity) == ("meaning-differs", Severity.WARNING)
    assert "similarity is 0.00" in finding.message and "1.00" in finding.message


def test_without_similarities_the_meaning_check_says_nothing():
    pairs = [TextPair("Il pane è caldo.", "The sea is calm.", "it", "en")] * 3
    assert document_findings(pairs, checks=["meaning"]) == {}


def test_check_memory_runs_the_meaning_check_with_an_encoder_on_swapped_lines():
    checked = check_memory(
        memory(
            ("Il sole splende.", "The sun shines."),
            ("Il gatto dorme.", "The dog barks."),
            ("Il cane abbaia.", "The cat sleeps."),
        ),
        checks=["meaning"],
        encoder=TopicEncoder(),
    )
    assert checked[0].pair.similarity == 1.0 and checked[0].findings == ()
    assert [codes(pair.findings) for pair in checked[1:]] == [["meaning-differs"]] * 2


# Key terms ---------------------------------------------------------------------------


def glossary_findings(src, tgt, glossary, src_lang="it", tgt_lang="en"):
    return check_pair(
        TextPair(src, tgt, src_lang, tgt_lang), ["glossary"], CheckConfig(glossary=glossary)
    )


def test_a_csv_glossary_matches_by_lemma_and_any_listed_translation_will_do():
    glossary = read_glossary(QA / "terms.csv")
    assert (
        glossary_findings("I contratti sono firmati.", "The contracts are signed.", glossary) == ()
    )
    assert glossary_findings("I fornitori consegnano.", "The vendors deliver.", glossary) == ()
    (missing,) = glossary_findings("I contratti sono firmati.", "The deeds are signed.", glossary)
    assert missing.code == "key-term-missing" and missing.severity is Severity.WARNING
    assert missing.src_span == (2, 11) and "“contract”" in missing.message


def test_a_forbidden_term_is_an_error_on_the_target_word():
    glossary = read_glossary(QA / "terms.csv")
    findings = glossary_findings("L'accordo è fatto.", "The deals are done.", glossary)
    assert codes(findings) == ["forbidden-term"]
    assert findings[0].severity is Severity.ERROR and findings[0].tgt_span == (4, 9)


def test_a_tbx_glossary_in_either_direction_with_deprecated_terms_and_phrases():
    glossary = read_glossary(QA / "terms.tbx")
    assert glossary_findings("Firma il contratto.", "Sign the contract.", glossary) == ()
    assert codes(
        glossary_findings("Sign the contracts.", "Firma gli accordi.", glossary, "en", "it")
    ) == [
        "forbidden-term",
        "key-term-missing",
    ]
    assert (
        glossary_findings(
            "Our supply chains are long.",
            "Le nostre catene di fornitura sono lunghe.",
            glossary,
            "en",
            "it",
        )
        == ()
    )


def test_a_term_is_a_word_not_a_substring():
    glossary = read_glossary(QA / "terms.csv")
    assert glossary_findings("La contrattazione è aperta.", "Bargaining is open.", glossary) == ()


def test_a_tsv_glossary_and_a_german_one(tmp_path: Path):
    path = tmp_path / "terms.tsv"
    path.write_text("Vertrag\tcontrat\n", encoding="utf-8")
    glossary = read_glossary(path)
    assert (
        glossary_findings("Die Verträge gelten.", "Les contrats valent.", glossary, "de", "fr")
        == ()
    )
    assert codes(
        glossary_findings("Des Vertrages wegen.", "À cause de l'accord.", glossary, "de", "fr")
    ) == ["key-term-missing"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.tbx", "<tbx><text>", "not well-formed TBX"),
        ("empty.csv", "source,target\n", "has no term"),
        ("short.csv", "contratto\n", "row 1 has no target term"),
    ],
)
def test_a_glossary_that_cannot_be_used_is_an_input_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_glossary(path)


# Names -------------------------------------------------------------------------------


def name_findings(src, tgt, src_lang="it", tgt_lang="en"):
    return check_pair(TextPair(src, tgt, src_lang, tgt_lang), ["names"])


def test_a_name_spelled_differently_is_a_warning_on_both_spellings():
    (finding,) = name_findings(
        "Il ministro Vasilenko è arrivato.", "Minister Vassilenko has arrived."
    )
    assert (finding.code, finding.severity) == ("name-spelled-differently", Severity.WARNING)
    assert finding.src_span == (12, 21) and finding.tgt_span == (9, 19)


def test_a_name_misspelled_once_among_right_spellings_is_found():
    findings = name_findings(
        "Ha chiamato i Samaritans, ha scritto ai Samaritans.",
        "She called the Samaritans, she wrote to the Samaitans.",
    )
    assert codes(findings) == ["name-spelled-differently"]


def test_translated_and_inflected_names_are_not_misspellings():
    assert name_findings("Incontro con Putin a Milano e al Cremlino.",
                         "Meeting with Putin in Milan and at the Kremlin.") == ()  # fmt: skip
    assert name_findings("Meeting with Putin.", "Встреча с Путина.", "en", "ru") == ()
    assert name_findings("Il governo della Cina parla.", "China's government speaks.") == ()


def test_names_in_another_script_are_compared_transliterated():
    assert (
        name_findings("Министр Василенко прибыл.", "Minister Vasilenko arrived.", "ru", "en") == ()
    )
    (finding,) = name_findings(
        "Министр Василенко прибыл.", "Minister Vassilenko arrived.", "ru", "en"
    )
    assert finding.code == "name-spelled-differently" and finding.severity is Severity.INFO


def test_german_nouns_and_sentence_starts_are_not_names():
    assert (
        name_findings(
            "Die Regierung sagt: Morgen kommt Müller.",
            "Le gouvernement dit : Müller vient demain.",
            "de",
            "fr",
        )
        == ()
    )


def test_the_names_the_check_reads_are_listed_by_a_public_call():
    text = "Ieri il sindaco Rossellini ha incontrato Vasilenko. Poi è partito."
    assert [w.text for w in proper_names(text, "it")] == ["Rossellini", "Vasilenko"]


def test_a_missing_name_is_a_note():
    (finding,) = name_findings("Il sindaco Rossellini ha parlato.", "The mayor spoke.")
    assert (finding.code, finding.severity) == ("name-missing", Severity.INFO)


# The config file ---------------------------------------------------------------------


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "aligner.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_config_switches_checks_sets_severities_ignores_and_adds_rules(tmp_path):
    (tmp_path / "terms.csv").write_text("contratto,contract\n", encoding="utf-8")
    config = load_config(
        write_config(
            tmp_path,
            """
glossary = "terms.csv"
[checks]
names = false
case = false
[severity]
key-term-missing = "error"
untranslated = "off"
[ignore]
words = ["ACME"]
patterns = ["^\\\\d{4}$"]
[[custom]]
code = "gmbh-dropped"
message = "the company form GmbH is missing"
severity = "info"
source = "\\\\bGmbH\\\\b"
target_lacks = "\\\\bGmbH\\\\b"
""",
        )
    )
    pair = TextPair(
        "Il contratto di Vasilenko con ACME GmbH.", "Vassilenko's deal with ACME.", "it", "en"
    )
    assert [(f.code, f.severity) for f in check_pair(pair, config=config)] == [
        ("key-term-missing", Severity.ERROR),
        ("gmbh-dropped", Severity.INFO),
    ]
    same = TextPair("The cat sleeps on the sofa.", "The cat sleeps on the sofa.", "it", "en")
    assert check_pair(same, config=config) == ()


def test_ignored_words_drop_the_findings_about_them(tmp_path):
    config = load_config(write_config(tmp_path, '[ignore]\nwords = ["vassilenko"]\n'))
    pair = TextPair("Il ministro Vasilenko.", "Minister Vassilenko.", "it", "en")
    assert check_pair(pair, ["names"], config=config) == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[checks\nnames = false", "is not valid TOML"),
        ("[checks]\nnmes = false", "has no check 'nmes'"),
        ("[checks]\nnames = 'no'", "must be true or false"),
        ("[severity]\nname-missing = 'fatal'", "must be one of error, warning, info, off"),
        ("[ignore]\npatterns = ['(']", "is not a regular expression"),
        ("[[custom]]\ncode = 'x'\nmessage = 'm'", "give source, target or target_lacks"),
        ("colour = 'red'", "unknown key 'colour'"),
        ("glossary = 'missing.csv'", "cannot read the glossary"),
    ],
)
def test_a_corrupt_config_is_an_input_error_naming_the_file(tmp_path, text, message):
    path = write_config(tmp_path, text)
    with pytest.raises(InputError, match=message) as error:
        load_config(path)
    assert str(path) in str(error.value)


def test_the_config_is_found_beside_the_first_input_that_has_one(tmp_path):
    (tmp_path / "a").mkdir()
    config = write_config(tmp_path, "")
    assert find_config([tmp_path / "a" / "it.txt", tmp_path / "it.txt"]) == config
    assert find_config([tmp_path / "a" / "it.txt"]) is None


def test_the_example_config_in_the_docs_is_valid(tmp_path):
    example = Path(__file__).resolve().parents[2] / "docs" / "aligner.example.toml"
    (tmp_path / "aligner.toml").write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "terms.tbx").write_bytes((QA / "terms.tbx").read_bytes())
    config = load_config(tmp_path / "aligner.toml")
    assert config.severities["name-missing"] is None
    assert [rule.code for rule in config.custom] == ["gmbh-dropped", "informal-you"]


def test_a_review_reports_the_document_checks_up_to_date_after_an_edit():
    from aligner.memory.beads import memory_alignment
    from aligner.review import Review

    review = Review.start(
        memory_alignment(
            memory(
                ("Il fornitore consegna.", "The supplier delivers."),
                ("Il prezzo sale.", "The price goes up."),
                ("Il fornitore consegna.", "The vendor delivers."),
            ),
            "x",
        )
    )
    assert [codes(pair.findings) for pair in review.checked_pairs()] == [
        ["inconsistent-translation"],
        [],
        ["inconsistent-translation"],
    ]
    review.edit_target(2, "The supplier delivers.")
    # The screen shows the last findings found until the checks run again (in the
    # background); what a report or an export reads runs them first.
    assert not review.document_checked
    assert [pair.findings for pair in review.checked_pairs()] == [(), (), ()]
    assert review.document_checked
    assert [review.findings(i) for i in range(3)] == [(), (), ()]


def test_the_document_checks_findings_stay_on_their_bead_after_a_merge_above_it(encoder):
    from aligner.memory.beads import memory_alignment
    from aligner.review import Review

    review = Review.start(
        memory_alignment(
            memory(
                ("Grazie.", "Thank you."),
                ("Prego.", "You are welcome."),
                ("Il fornitore consegna.", "The supplier delivers."),
                ("Il prezzo sale.", "The price goes up."),
                ("Il fornitore consegna.", "The vendor delivers."),
            ),
            "x",
        ),
        encoder=encoder,
    )

    def inconsistent() -> dict[int, list[str]]:
        return {
            i: [f.message for f in review.findings(i) if f.code == "inconsistent-translation"]
            for i in range(len(review.beads))
            if any(f.code == "inconsistent-translation" for f in review.findings(i))
        }

    review.check_document()
    assert list(inconsistent()) == [2, 4]
    review.merge_with_next(0)
    # Until the checks run again, each bead keeps the findings found on it: on the
    # beads of "Il fornitore consegna." (now 2nd and 4th), not on the beads that took
    # their places.
    assert not review.document_checked
    assert list(inconsistent()) == [1, 3]
    # A report reads them found again: the other bead named by its new number.
    pairs = review.checked_pairs()
    assert review.document_checked
    assert [f.message for f in pairs[3].findings if f.code == "inconsistent-translation"] == [
        "the same source is translated 2 ways: differently in bead #2"
    ]
    assert inconsistent()[3] == ["the same source is translated 2 ways: differently in bead #2"]


def test_an_export_right_after_an_edit_holds_the_findings_of_the_edit(tmp_path, encoder):
    from lxml import etree

    from aligner.memory.beads import memory_alignment
    from aligner.review import Review

    review = Review.start(
        memory_alignment(
            memory(
                ("Il fornitore consegna.", "The supplier delivers."),
                ("Il fornitore consegna.", "The supplier delivers."),
            ),
            "x",
        ),
        encoder=encoder,
    )
    review.check_all()
    review.edit_target(1, "The vendor delivers.")
    exported = review.export_tmx(tmp_path / "out.tmx")
    notes = [unit.xpath("note/text()") for unit in etree.fromstring(exported.content).iter("tu")]
    assert [[n for n in unit if "inconsistent-translation" in n] for unit in notes] == [
        ["warning inconsistent-translation: the same source is translated 2 ways: "
         "differently in bead #2"],
        ["warning inconsistent-translation: the same source is translated 2 ways: "
         "differently in bead #1"],
    ]  # fmt: skip
