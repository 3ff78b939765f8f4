"""The seeds' TMX as others read it: the TMX 1.4 schema, OmegaT, and our own reader."""

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from aligner import align_documents, load_document
from aligner.export import export_tmx, side_text
from aligner.memory.tmx import read_tmx

#: Where Debian's omegat package puts OmegaT; its jar holds the TMX 1.4 schema.
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
needs_omegat = pytest.mark.skipif(
    not OMEGAT_JAR.is_file() or shutil.which("java") is None,
    reason=f"OmegaT is not installed ({OMEGAT_JAR}; `apt-get install omegat`, as .ci/run does)",
)
#: OmegaT 3.6 writes a project file of this form; sentence segmentation off, so that
#: every paragraph of the source file is one segment, as every unit is one bead.
OMEGAT_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{src}</source_lang>
    <target_lang>{tgt}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneItalianTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
  </project>
</omegat>
"""


@pytest.fixture(scope="module")
def seeds_tmx(seed_alignment, tmp_path_factory) -> Path:
    """The seed pair exported as a memory, the target language with its region."""
    path = tmp_path_factory.mktemp("tmx") / "seeds.tmx"
    path.write_bytes(export_tmx(seed_alignment, tgt_lang="en_GB").content)
    return path


@needs_omegat
def test_the_seeds_tmx_validates_against_the_tmx_1_4_schema(seeds_tmx, tmp_path):
    # The schema is OmegaT's copy (its licence is unclear, so it is not in our tree).
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        jar.extract("schemas/tmx14.xsd", tmp_path)
        jar.extract("schemas/xml.xsd", tmp_path)  # imported by tmx14.xsd for xml:lang
    schema = etree.XMLSchema(etree.parse(tmp_path / "schemas" / "tmx14.xsd"))

    valid = schema.validate(etree.parse(seeds_tmx))

    assert valid, schema.error_log


@needs_omegat
def test_a_tmx_of_web_pages_with_placeholders_and_locators_validates(tmp_path, encoder):
    formats = Path(__file__).resolve().parents[1] / "data" / "formats"
    alignment = align_documents(
        load_document(formats / "seed.it.html"), load_document(formats / "seed.en.html"), encoder
    )
    exported = tmp_path / "pages.tmx"
    exported.write_bytes(export_tmx(alignment).content)
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        jar.extract("schemas/tmx14.xsd", tmp_path)
        jar.extract("schemas/xml.xsd", tmp_path)
    schema = etree.XMLSchema(etree.parse(tmp_path / "schemas" / "tmx14.xsd"))
    document = etree.parse(exported)
    assert len(list(document.iter("bpt"))) >= 4  # the links and bold words of both pages

    valid = schema.validate(document)

    assert valid, schema.error_log


def test_the_seeds_tmx_reads_back_as_the_same_pairs_languages_and_scores(seed_alignment, seeds_tmx):
    memory = read_tmx(seeds_tmx)

    two_sided = [
        (str(index + 1), bead)
        for index, bead in enumerate(seed_alignment.beads)
        if bead.src and bead.tgt
    ]
    assert (memory.src_lang, memory.tgt_lang) == ("it", "en-GB")
    assert [(u.tuid, u.src_text, u.tgt_text, u.score) for u in memory.units] == [
        (
            tuid,
            side_text(seed_alignment.src, bead.src),
            side_text(seed_alignment.tgt, bead.tgt),
            bead.score,
        )
        for tuid, bead in two_sided
    ]
    assert {u.props[1] for u in memory.units} >= {("x-aligner-bead", "1-1")}
    assert memory.skipped == ()


@needs_omegat
def test_omegat_translates_the_seeds_from_the_exported_memory(seeds_tmx, tmp_path):
    memory = read_tmx(seeds_tmx)
    project = tmp_path / "project"
    for folder in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(
        OMEGAT_PROJECT.format(src=memory.src_lang, tgt=memory.tgt_lang), encoding="utf-8"
    )
    shutil.copy(seeds_tmx, project / "tm" / "auto")
    # OmegaT's text filter makes a segment of every paragraph: blank lines between units.
    source = "\n\n".join(unit.src_text for unit in memory.units) + "\n"
    (project / "source" / "seeds.txt").write_text(source, encoding="utf-8")

    completed = subprocess.run(
        ["java", "-jar", str(OMEGAT_JAR), str(project), "--mode=console-translate"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,  # OmegaT exits 0 whatever happened
    )

    # OmegaT exits 0 even when it dropped the memory: the log and the target tell.
    log = completed.stdout + completed.stderr
    assert "Error" not in log and "Exception" not in log, log[-3000:]
    target = (project / "target" / "seeds.txt").read_text(encoding="utf-8")
    translations = target.strip().split("\n\n")
    assert len(translations) == len(memory.units)
    translated = sum(
        found == unit.tgt_text for found, unit in zip(translations, memory.units, strict=True)
    )
    assert translated >= 0.95 * len(memory.units), target
