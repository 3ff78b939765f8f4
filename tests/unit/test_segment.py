from pathlib import Path

import pytest

from aligner.errors import LanguageError
from aligner.segment import SEGMENTER_LANGUAGES, segment_lines, segment_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

#: The hand-segmented gold for the seeds is one sentence per non-blank line of the
#: seed, except for these lines, which hold several sentences.
SEED_LINES_WITH_SEVERAL_SENTENCES = {
    "000": {
        '"Vogliamo fare la nostra parte. Vogliamo che finisca il prima possibile. '
        'È molto, molto, molto doloroso da guardare", ha aggiunto Vassilenko.': [
            '"Vogliamo fare la nostra parte.',
            "Vogliamo che finisca il prima possibile.",
            'È molto, molto, molto doloroso da guardare", ha aggiunto Vassilenko.',
        ],
    },
    "001": {
        "“We want to do our part. We want it to end as soon as possible. "
        "It is very, very, very painful to watch,” Vassilenko added.": [
            "“We want to do our part.",
            "We want it to end as soon as possible.",
            "It is very, very, very painful to watch,” Vassilenko added.",
        ],
    },
}


def read_seed(number: str) -> str:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("number", "lang", "expected_count"), [("000", "it", 25), ("001", "en", 56)]
)
def test_seeds_segment_like_the_hand_made_gold(number, lang, expected_count):
    text = read_seed(number)
    splits = SEED_LINES_WITH_SEVERAL_SENTENCES[number]
    expected = [
        sentence
        for line in text.split("\n")
        if line.strip()
        for sentence in splits.get(line.strip(), [line.strip()])
    ]

    segments = segment_text(text, lang)

    assert [segment.text for segment in segments] == expected
    assert len(segments) == expected_count


@pytest.mark.parametrize(
    ("lang", "text", "sentences"),
    [
        # Abbreviations that must not end a sentence …
        (
            "it",
            "Il dott. Rossi è arrivato. Poi è uscito.",
            ["Il dott. Rossi è arrivato.", "Poi è uscito."],
        ),
        (
            "it",
            "Ho parlato con il prof. Bianchi. Era contento.",
            ["Ho parlato con il prof. Bianchi.", "Era contento."],
        ),
        (
            "it",
            "Il sig. Verdi e la sig.ra Neri sono qui. Entrate.",
            ["Il sig. Verdi e la sig.ra Neri sono qui.", "Entrate."],
        ),
        (
            "it",
            "Ha parlato l'avv. Conti. Poi l’ing. Galli.",
            ["Ha parlato l'avv. Conti.", "Poi l’ing. Galli."],
        ),
        (
            "it",
            "Lo dice l'art. 5 del contratto. Firma qui.",
            ["Lo dice l'art. 5 del contratto.", "Firma qui."],
        ),
        (
            "it",
            "Leggi a pag. 12 e al cap. 3. Basta così.",
            ["Leggi a pag. 12 e al cap. 3.", "Basta così."],
        ),
        (
            "it",
            "Porta pane, latte, ecc. e torna. Grazie.",
            ["Porta pane, latte, ecc. e torna.", "Grazie."],
        ),
        (
            "it",
            "Alcuni frutti, ad es. Mele e pere, sono dolci. Altri no.",
            ["Alcuni frutti, ad es. Mele e pere, sono dolci.", "Altri no."],
        ),
        (
            "it",
            "Alcune città, p.es. Roma, sono antiche. Altre no.",
            ["Alcune città, p.es. Roma, sono antiche.", "Altre no."],
        ),
        (
            "it",
            "Vedi il n. 5 della rivista, vol. 2. Poi la fig. 3 e la tab. 4. Fine.",
            ["Vedi il n. 5 della rivista, vol. 2.", "Poi la fig. 3 e la tab. 4.", "Fine."],
        ),
        (
            "en",
            "Mr. Smith met Dr. Jones. They talked.",
            ["Mr. Smith met Dr. Jones.", "They talked."],
        ),
        (
            "en",
            "Bring fruit, e.g. apples, i.e. food. Then leave.",
            ["Bring fruit, e.g. apples, i.e. food.", "Then leave."],
        ),
        (
            "en",
            "The U.S. Army is large. It has many soldiers.",
            ["The U.S. Army is large.", "It has many soldiers."],
        ),
        ("en", "See Fig. 3 for details. It is clear.", ["See Fig. 3 for details.", "It is clear."]),
        (
            "de",
            "Das ist z.B. ein Satz. Dr. Müller kam. Sie kauften Äpfel usw. und gingen.",
            ["Das ist z.B. ein Satz.", "Dr. Müller kam.", "Sie kauften Äpfel usw. und gingen."],
        ),
        (
            "fr",
            "M. Dupont et Mme Martin sont venus. Ils sont partis.",
            ["M. Dupont et Mme Martin sont venus.", "Ils sont partis."],
        ),
        (
            "fr",
            "Des fruits, p. ex. des pommes, sont bons. D'autres non.",
            ["Des fruits, p. ex. des pommes, sont bons.", "D'autres non."],
        ),
        (
            "es",
            "El Sr. García y la Sra. López llegaron. Se fueron.",
            ["El Sr. García y la Sra. López llegaron.", "Se fueron."],
        ),
        (
            "es",
            "Algunas frutas, p. ej. manzanas, son dulces. Otras no.",
            ["Algunas frutas, p. ej. manzanas, son dulces.", "Otras no."],
        ),
        # … and sentences that must still end, after ordinary words and abbreviations.
        ("it", "Ho letto il tuo post. Mi è piaciuto.", ["Ho letto il tuo post.", "Mi è piaciuto."]),
        (
            "it",
            "Ho comprato mele, pere, ecc. Poi sono tornato.",
            ["Ho comprato mele, pere, ecc.", "Poi sono tornato."],
        ),
        ("en", "He lives in the U.S. He likes it.", ["He lives in the U.S.", "He likes it."]),
        ("en", "I don't. He does.", ["I don't.", "He does."]),
        # An opening quote starts the next sentence instead of ending the last.
        ("fr", "Il est parti. « Bonjour », dit-elle.", ["Il est parti.", "« Bonjour », dit-elle."]),
        ("it", "Se ne andò. « Ciao », disse lei.", ["Se ne andò.", "« Ciao », disse lei."]),
        ("de", "Er ging. »Hallo«, sagte sie.", ["Er ging.", "»Hallo«, sagte sie."]),
        # A closing quote ends the sentence before it.
        ("de", "„Ich komme morgen.“ Er nickte.", ["„Ich komme morgen.“", "Er nickte."]),
        ("cs", "„Přijdu zítra.“ Přikývl.", ["„Přijdu zítra.“", "Přikývl."]),
        ("en", "He said “yes.” Then he left.", ["He said “yes.”", "Then he left."]),
        ("fr", "Il a dit : « Oui. » Puis rien.", ["Il a dit : « Oui. »", "Puis rien."]),
        ("el", "Τι κάνεις; Καλά είμαι.", ["Τι κάνεις;", "Καλά είμαι."]),
    ],
)
def test_sentences_split_at_sentence_ends_only(lang, text, sentences):
    assert [segment.text for segment in segment_text(text, lang)] == sentences


def test_offsets_line_numbers_and_indices_on_multi_line_text():
    text = "  Titolo\n\nIl dott. Rossi arriva.  Poi va via. \n \u00a0\n\tUltima riga.\n"

    segments = segment_text(text, "it")

    assert [(s.index, s.line, s.text) for s in segments] == [
        (0, 0, "Titolo"),
        (1, 2, "Il dott. Rossi arriva."),
        (2, 2, "Poi va via."),
        (3, 4, "Ultima riga."),
    ]
    assert all(text[s.start : s.end] == s.text for s in segments)


def test_offsets_index_the_crlf_normalised_text(tmp_path):
    from aligner.read import read_text

    path = tmp_path / "doc.txt"
    path.write_bytes("Primo. Secondo.\r\n\r\nTerzo è qui.\rQuarto\r\n".encode())
    text = read_text(path)

    segments = segment_text(text, "it")

    assert [(s.line, text[s.start : s.end]) for s in segments] == [
        (0, "Primo."),
        (0, "Secondo."),
        (2, "Terzo è qui."),
        (3, "Quarto"),
    ]


def test_a_line_end_always_ends_a_sentence():
    text = "Il dott.\nRossi è qui. Lo\nvedi"

    assert [(s.line, s.text) for s in segment_text(text, "it")] == [
        (0, "Il dott."),
        (1, "Rossi è qui."),
        (1, "Lo"),
        (2, "vedi"),
    ]


@pytest.mark.parametrize(
    ("lang", "line", "is_heading"),
    [
        ("it", "Credito fotografico: Wiki Commons", True),
        ("en", "Immediate payments", True),
        ("it", "Ingredienti:", False),
        ("it", "- primo punto;", False),
        ("en", "Is Moscow running out of manpower?", True),
        ("it", "È finita.", False),
        ("it", "Che bello!", True),
        ("en", "Why would anyone want to join a foreign war like this one?", False),
        ("it", "E poi…", False),
        ("it", "«Basta!»", False),
        ("de", "„Ja.“", False),
        ("en", "(See above.)", False),
        ("en", "the news organization reported no comments on the ads,", False),
        ("el", "Τι κάνεις;", False),
        # French typography spaces its guillemets, often with a no-break space.
        ("fr", "Votre cabine vous attend. »", False),
        ("fr", "« Et après ? »", False),
        ("fr", "Je vais remonter à la surface des eaux.\u202f»", False),
        # Speech broken off, and emphasis marks of plain-text books.
        ("de", "Ich werde --\"", False),
        ("it", "Io volevo dire che —", False),
        ("en", "_New York._", False),
        ("en", "Over-", True),
    ],
)
def test_a_whole_line_without_final_punctuation_is_a_heading(lang, line, is_heading):
    (segment,) = segment_text(line, lang)
    assert segment.is_heading is is_heading


def test_a_short_question_is_a_title_only_where_web_copy_puts_titles():
    own_paragraph = "Intro text here.\n\nRunning out of manpower?\n\nThe adverts imply it."
    table_of_contents = "Immediate payments\nRunning out of manpower?\nSimilar ads"
    dialogue = "I looked at him.\nWhere were we?\nNobody knew."
    assert [s.is_heading for s in segment_text(own_paragraph, "en")] == [False, True, False]
    assert [s.is_heading for s in segment_text(table_of_contents, "en")] == [True, True, True]
    assert [s.is_heading for s in segment_text(dialogue, "en")] == [False, False, False]
    assert [s.is_heading for s in segment_lines(dialogue)] == [False, False, False]


def test_a_question_repeating_a_title_of_the_table_of_contents_is_a_title():
    lines = "Contents\nRunning out of manpower?\nSome text here.\nRunning out of manpower?\nMore."
    assert [s.is_heading for s in segment_lines(lines)] == [True, True, False, True, False]


def test_sentences_sharing_a_line_are_not_headings():
    segments = segment_text("Primo punto. Secondo senza punto", "it")
    assert [s.is_heading for s in segments] == [False, False]


def test_seed_headings_are_marked():
    segments = segment_text(read_seed("001"), "en")
    headings = [s.text for s in segments if s.is_heading]
    assert headings[:4] == [
        "Russia is so desperate for troops it's turning to Kazakhstan for help",
        "Is Moscow running out of manpower?",
        "Immediate payments",
        "A former Soviet republic",
    ]
    assert not any(h.startswith("The Russian Armed Forces") for h in headings)


@pytest.mark.parametrize("lang", sorted(SEGMENTER_LANGUAGES))
def test_every_segmenter_language_loads_and_splits(lang):
    assert len(segment_text("Alpha beta gamma. Delta epsilon zeta.", lang)) == 2


def test_main_languages_are_segmentable():
    assert {"it", "en", "de", "fr", "es"} <= SEGMENTER_LANGUAGES


@pytest.mark.parametrize("lang", ["xx", "italian", "IT", "zh"])
def test_unknown_language_is_a_language_error(lang):
    with pytest.raises(LanguageError, match="supported: .*it"):
        segment_text("Ciao.", lang)


def test_blank_text_has_no_sentences():
    assert segment_text(" \n\n\t\n", "en") == ()


def test_segment_lines_numbers_segments_like_lines():
    text = "Primo. Ancora primo.\n\n  Terzo  \n \nTitolo\n"

    segments = segment_lines(text)

    assert [(s.index, s.line, s.text, s.is_heading) for s in segments] == [
        (0, 0, "Primo. Ancora primo.", False),
        (1, 1, "", False),
        (2, 2, "Terzo", True),
        (3, 3, "", False),
        (4, 4, "Titolo", True),
    ]
    assert all(text[s.start : s.end] == s.text for s in segments)


@pytest.mark.parametrize(
    ("text", "count"),
    [("a\nb", 2), ("a\nb\n", 2), ("a\nb\n\n", 3), ("\n", 1), ("", 0)],
)
def test_segment_lines_counts_a_final_newline_as_the_end_of_the_last_line(text, count):
    assert len(segment_lines(text)) == count
