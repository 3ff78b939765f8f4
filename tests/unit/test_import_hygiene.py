"""What each import loads: Textual only in the review UI; nothing heavy for `import aligner`
or for a command line that does no work (`--help`, a usage error)."""

import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
MODULES = sorted(
    ".".join(path.relative_to(SRC).with_suffix("").parts)
    for path in (SRC / "aligner").rglob("*.py")
    if "tui" not in path.relative_to(SRC).parts and path.name != "__main__.py"
)


@pytest.mark.parametrize("module", [m.removesuffix(".__init__") for m in MODULES])
def test_no_textual_outside_tui(module: str) -> None:
    code = f"import sys, {module}; print(any(m.startswith('textual') for m in sys.modules))"
    assert last_line_printed(code) == "False"


#: What `import aligner` and a command line that does no work must not load: each
#: takes from a tenth of a second (rich) to seconds (torch) before anything is shown.
HEAVY = ("pandas", "openpyxl", "lxml", "rich", "textual", "torch", "sentence_transformers")
LOADED_HEAVY = f"import sys; print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)}))"
COMMAND_LINE = """
import runpy, sys
sys.argv = ["aligner", *{arguments!r}]
try:
    runpy.run_module("aligner", run_name="__main__")
except SystemExit as exit:
    assert exit.code in (0, 2), exit.code
"""


def last_line_printed(code: str) -> str:
    """What `code` prints last, run in a fresh interpreter that has only our sources."""
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.strip().splitlines()[-1]


def loaded_heavy_modules(code: str) -> str:
    return last_line_printed(f"{code}\n{LOADED_HEAVY}")


@pytest.mark.parametrize(
    "code",
    [
        "import aligner",
        "from aligner import Alignment, InputError, Severity",
        "import aligner.cli",
    ],
)
def test_importing_aligner_loads_no_heavy_module(code: str) -> None:
    assert loaded_heavy_modules(code) == "[]"


@pytest.mark.parametrize(
    "arguments",
    [["--help"], ["--version"], ["align", "--help"], ["review", "--help"], ["align"]],
    ids=["help", "version", "align help", "review help", "usage error"],
)
def test_a_command_line_that_does_no_work_loads_no_heavy_module(arguments: list[str]) -> None:
    assert loaded_heavy_modules(COMMAND_LINE.format(arguments=arguments)) == "[]"


def test_every_documented_name_imports_from_aligner() -> None:
    code = "import aligner\nfrom aligner import *\nprint(set(aligner.__all__) <= set(globals()))"
    assert last_line_printed(code) == "True"
