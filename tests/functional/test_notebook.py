"""The walkthrough notebook runs top to bottom, offline, on the venv's own Python, so it
cannot rot; and it stays a sequence of library calls."""

import ast
import os
from pathlib import Path

import pytest

import aligner

nbformat = pytest.importorskip("nbformat", reason="the test extra is not installed")
nbclient = pytest.importorskip("nbclient", reason="the test extra is not installed")

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "walkthrough.ipynb"


@pytest.fixture(scope="module")
def executed():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel is started with this interpreter (ipykernel's native "python3" spec),
    # and imports the package under test, wherever it is, not another install.
    package_root = str(Path(aligner.__file__).resolve().parents[1])
    path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    client = nbclient.NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute(env={**os.environ, "PYTHONPATH": path})
    return notebook


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def outputs(cell, mime: str) -> list:
    return [output["data"][mime] for output in cell.outputs if mime in output.get("data", {})]


def test_the_notebook_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.outputs and cell.execution_count is None for cell in code_cells(notebook))


def test_the_notebook_holds_no_logic_of_its_own():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in code_cells(notebook):
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(
                node, (ast.FunctionDef, ast.ClassDef, ast.For, ast.While, ast.If, ast.Lambda)
            ), cell.source
            if isinstance(node, ast.ImportFrom):
                assert node.module.split(".")[0] in {"aligner", "pathlib"}, node.module


def test_the_notebook_shows_pairs_plots_findings_and_a_tmx(executed):
    aligned, heatmap, bead_types, confidences, verdicts, findings, tmx = code_cells(executed)[1:]
    assert "annuncio promette" in outputs(aligned, "text/html")[0]
    assert len(outputs(heatmap, "image/png")) == 1
    assert len(outputs(bead_types, "image/png")) == 1
    assert "confidence histogram" in outputs(confidences, "image/svg+xml")[0]
    printed = "".join(
        output["text"] for output in verdicts.outputs if output.get("name") == "stdout"
    )
    translation, unrelated = printed.splitlines()
    assert translation.startswith("Reads as a translation: 94% of the Italian")
    assert unrelated.startswith("These documents do not read as translations of each other")
    assert "omitted-heading" in outputs(findings, "text/html")[0]
    [printed] = [output["text"] for output in tmx.outputs if output["output_type"] == "stream"]
    tmx_path = Path(printed.rsplit(": ", 1)[1].strip())
    assert tmx_path.read_bytes().startswith(b"<?xml") and b"<tmx" in tmx_path.read_bytes()
