"""Command line: parse the arguments, call the library, write the result.

The only place that parses arguments or turns errors into exit codes: `parser` (the
arguments), `inputs` (the files they name, refused or read), `commands` and `review`
(what each command does), `output` and `progress` (what they write). The library's
modules (pandas, lxml, rich, the encoders …) are imported in the commands that use
them, so that `aligner --help` and a usage error load none of them.
"""

from __future__ import annotations

import os
import sys

from aligner.cli.commands import COMMANDS, EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERRUPTED
from aligner.cli.inputs import inputs_usage_error
from aligner.cli.output import report
from aligner.cli.parser import EXPORT_FORMATS, build_parser
from aligner.errors import AlignerError


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    filtered = args.command == "align" and (args.min_confidence is not None or args.one_to_one)
    if filtered and args.format not in EXPORT_FORMATS:
        parser.error("--min-confidence and --one-to-one apply to --format tmx and xlsx")
    if args.command == "align" and args.scores and args.format != "beads":
        parser.error("--scores applies to --format beads")
    if args.command in ("check", "report") and (problem := inputs_usage_error(args)):
        parser.error(problem)
    try:
        return COMMANDS[args.command](args)
    except AlignerError as error:
        # One line whatever the message holds (a quoted library error, a file name), so
        # that scripts can grep for it.
        report(f"error: {' '.join(str(error).splitlines())}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (`| head`) left. Point stdout at /dev/null so that the interpreter's
        # final flush does not fail again with a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
