"""What a session's kept findings are kept under (`aligner.checks.fingerprint`)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import aligner.checks
from aligner.checks.fingerprint import CHECKS_DISTRIBUTIONS

FINGERPRINT = """
import sys
from pathlib import Path
from aligner.checks import load_config
from aligner.checks.fingerprint import checks_fingerprint
print(checks_fingerprint(load_config(Path(sys.argv[1]))))
"""


def fingerprint_in_a_process(config: Path, hash_seed: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    run = subprocess.run(
        [sys.executable, "-c", FINGERPRINT, str(config)],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.strip()


def test_a_config_has_one_fingerprint_in_every_process_and_another_config_another(
    tmp_path: Path,
) -> None:
    """A resume is another process: sets of words must not make another fingerprint."""
    config = tmp_path / "aligner.toml"
    words = '"Reuters", "AP", "AFP", "Ansa", "dpa"'
    config.write_text(f"[ignore]\nwords = [{words}]\n[checks]\nnames = false\n", "utf-8")
    first, second = (fingerprint_in_a_process(config, seed) for seed in ("1", "2"))
    assert first == second
    config.write_text(f'[ignore]\nwords = [{words}, "EFE"]\n[checks]\nnames = false\n', "utf-8")
    assert fingerprint_in_a_process(config, "1") != first


def test_every_library_the_checks_import_is_in_the_fingerprint() -> None:
    package = Path(aligner.checks.__file__).parent
    imported = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    libraries = imported - set(sys.stdlib_module_names) - {"aligner", "__future__"}
    assert libraries <= set(CHECKS_DISTRIBUTIONS)
