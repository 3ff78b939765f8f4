"""What the README promises about installing: the default install brings no torch, the
tests get PyTorch's CPU build, and CI runs the README's own test command."""

import re
import tomllib
from importlib.metadata import PackageNotFoundError, requires
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
CPU_INDEX = "--index-url https://download.pytorch.org/whl/cpu"


def readme_commands() -> list[str]:
    """The README's first two command lines: install and review, install and test."""
    block = re.search(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block is not None
    return block.group(1).splitlines()


def installed_closure(requirements: list[str]) -> set[str]:
    """Every distribution these requirements bring, by the metadata of what is installed
    here (their own dependencies, no extras)."""
    seen: set[str] = set()
    pending = [Requirement(r) for r in requirements]
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        if name in seen or (requirement.marker and not requirement.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        try:
            pending += [Requirement(r) for r in requires(name) or []]
        except PackageNotFoundError:
            raise AssertionError(
                f"{name} is not installed: cannot follow its dependencies"
            ) from None
    return seen


def test_the_default_install_brings_no_torch():
    brought = installed_closure(PROJECT["dependencies"])

    assert "numpy" in brought  # the walk does follow dependencies
    assert not {"torch", "sentence-transformers"} & brought
    assert not any(name.startswith("nvidia-") for name in brought)


def test_the_tests_ask_for_the_cpu_build_of_torch_on_linux():
    torch = [
        Requirement(r) for r in PROJECT["optional-dependencies"]["test"] if r.startswith("torch")
    ]

    [on_linux] = [r for r in torch if r.marker.evaluate({"sys_platform": "linux"})]
    # A local version PyPI does not have: without PyTorch's CPU index the install stops
    # instead of taking PyPI's CUDA build.
    assert str(on_linux.specifier).endswith("+cpu")


def test_the_readme_test_command_installs_torch_from_the_cpu_index_first():
    _, test_command = readme_commands()
    version = next(
        str(r.specifier).removeprefix("==").removesuffix("+cpu")
        for r in map(Requirement, PROJECT["optional-dependencies"]["test"])
        if r.name == "torch"
    )

    steps = test_command.split(" && ")
    torch_step = steps.index(f"pip install torch=={version} {CPU_INDEX}")
    assert torch_step < steps.index("pip install -e '.[test]'") < steps.index("python -m pytest -q")


def test_ci_runs_the_readme_test_command():
    _, test_command = readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().splitlines()

    # The README's command as written, then the lint, type and import checks.
    assert test_command in ci
    assert ci[-1].startswith("ruff check")
