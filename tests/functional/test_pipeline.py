"""The whole pipeline, read → segment → embed → align, with the real default encoder."""

import pytest

from aligner import (
    LanguageError,
    align_documents,
    load_document,
    segment_similarities,
    to_dataframe,
)


def bead_of(alignment, side: str, prefix: str):
    document = getattr(alignment, side)
    for bead in alignment.beads:
        if any(document.segments[i].text.startswith(prefix) for i in getattr(bead, side)):
            return bead
    raise AssertionError(f"no bead with {prefix!r}")


def texts(alignment, bead):
    return (
        [alignment.src.segments[i].text for i in bead.src],
        [alignment.tgt.segments[j].text for j in bead.tgt],
    )


def test_seed_languages_are_detected(seed_alignment):
    assert (seed_alignment.src.lang, seed_alignment.tgt.lang) == ("it", "en")
    assert seed_alignment.src.lang_detected and seed_alignment.tgt.lang_detected


@pytest.mark.parametrize(
    ("italian", "english"),
    [
        ("Il 3 agosto, Reuters", "On August 3rd, Reuters"),
        ("L'annuncio promette", "The ad promises"),
        ("Credito fotografico: Wiki Commons", "Photo Credit: Wiki Commons"),
        ('"Vogliamo fare la nostra parte.', "“We want to do our part."),
        ("La valutazione è in linea", "The assessment fell in line"),
    ],
)
def test_seed_sentences_pair_with_their_translations(seed_alignment, italian, english):
    bead = bead_of(seed_alignment, "src", italian)
    src_texts, tgt_texts = texts(seed_alignment, bead)
    assert len(src_texts) == 1 and len(tgt_texts) == 1
    assert tgt_texts[0].startswith(english)
    assert bead.score > 0.5


def test_web_copy_only_in_one_version_is_left_unaligned(seed_alignment):
    # The English table of contents and the Italian "see also" box have no counterpart.
    assert not bead_of(seed_alignment, "tgt", "Laws against joining foreign conflicts").src
    assert not bead_of(seed_alignment, "tgt", "More for you").src
    assert not bead_of(seed_alignment, "src", "VEDI ANCHE: Da Gorbaciov").tgt


def test_the_dataframe_has_one_row_per_bead_with_texts(seed_alignment):
    frame = to_dataframe(seed_alignment)
    assert len(frame) == len(seed_alignment.beads)
    assert frame["src_text"].str.contains("450.000 rubli").any()


def test_presegmented_bead_numbers_are_line_numbers_and_blank_lines_stand_alone(tmp_path, encoder):
    src = tmp_path / "src.it"
    tgt = tmp_path / "tgt.en"
    src.write_text("Il gatto dorme sul divano.\n\nOggi piove molto a Roma.\n", encoding="utf-8")
    tgt.write_text(
        "The cat sleeps on the sofa.\nIt is raining hard in Rome today.\n", encoding="utf-8"
    )
    alignment = align_documents(
        load_document(src, "it", presegmented=True),
        load_document(tgt, "en", presegmented=True),
        encoder,
    )
    assert [(b.src, b.tgt) for b in alignment.beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


class RecordingEncoder:
    """The encoder, keeping every text it is given in `calls`."""

    def __init__(self, encoder) -> None:
        self.name, self.languages = encoder.name, encoder.languages
        self.encoder = encoder
        self.calls: list[str] = []

    def encode(self, batch):
        self.calls.extend(batch)
        return self.encoder.encode(batch)


def test_no_text_is_embedded_twice(tmp_path, encoder):
    recording = RecordingEncoder(encoder)
    src = tmp_path / "a.it"
    tgt = tmp_path / "b.en"
    src.write_text("Foto: Reuters\nIl governo ha deciso.\nFoto: Reuters\n", encoding="utf-8")
    tgt.write_text("Foto: Reuters\nThe government has decided.\n", encoding="utf-8")
    align_documents(load_document(src, "it"), load_document(tgt, "en"), recording)
    assert sorted(recording.calls) == sorted(set(recording.calls))
    assert len(recording.calls) == 3


def test_a_sentence_the_translator_joined_to_the_next_shares_its_bead(tmp_path, encoder):
    # "Ah!" is said within the next sentence's translation: the second pass embeds the
    # runs around the first pass's merges as one text ("Ah! Se solo ...") to decide.
    recording = RecordingEncoder(encoder)
    src = tmp_path / "a.it"
    tgt = tmp_path / "b.en"
    # (Sentences around it, for the second pass's budget: a share of the documents.)
    src.write_text(
        "Il treno partì alle sette in punto dalla stazione.\nAh!\n"
        "Se solo avessi saputo che non sarebbe più tornato.\n"
        "La sera stessa scrissi una lunga lettera a mia sorella.\n"
        "Le raccontai del viaggio, della pioggia e del silenzio della casa vuota.\n"
        "Non mi rispose mai, e io smisi di aspettare il postino.\n",
        encoding="utf-8",
    )
    tgt.write_text(
        "The train left the station at seven o'clock sharp.\n"
        "Ah, if only I had known that it would never come back.\n"
        "That same evening I wrote a long letter to my sister.\n"
        "I told her about the journey, the rain and the silence of the empty house.\n"
        "She never answered, and I stopped waiting for the postman.\n",
        encoding="utf-8",
    )
    alignment = align_documents(
        load_document(src, "it", presegmented=True),
        load_document(tgt, "en", presegmented=True),
        recording,
    )
    assert texts(alignment, bead_of(alignment, "src", "Ah!")) == (
        ["Ah!", "Se solo avessi saputo che non sarebbe più tornato."],
        ["Ah, if only I had known that it would never come back."],
    )
    assert "Ah! Se solo avessi saputo che non sarebbe più tornato." in recording.calls


def test_a_language_the_encoder_does_not_know_is_a_clear_error(tmp_path, encoder):
    src = tmp_path / "a.fi"
    src.write_text("Hyvää huomenta.\n", encoding="utf-8")
    tgt = tmp_path / "b.en"
    tgt.write_text("Good morning.\n", encoding="utf-8")
    with pytest.raises(LanguageError, match="does not support language 'fi'"):
        align_documents(load_document(src, "fi"), load_document(tgt, "en"), encoder)


def test_segment_similarities_are_highest_where_the_alignment_pairs_sentences(
    seed_alignment, encoder
):
    similarities = segment_similarities(seed_alignment.src, seed_alignment.tgt, encoder)
    assert similarities.shape == (
        len(seed_alignment.src.segments),
        len(seed_alignment.tgt.segments),
    )
    bead = bead_of(seed_alignment, "src", "L'annuncio promette")
    [row], [column] = bead.src, bead.tgt
    assert similarities[row, column] == similarities[row].max() > 0.5


def test_blank_segments_are_similar_to_nothing(make_document, encoder):
    src = make_document(["Buongiorno.", "", "Grazie."], "it")
    tgt = make_document(["Good morning.", "Thank you."], "en")
    similarities = segment_similarities(src, tgt, encoder)
    assert similarities.shape == (3, 2)
    assert not similarities[1].any()
    assert similarities[0, 0] > similarities[0, 1]
