"""Errors a user can act on. The CLI prints their message as one line and exits 2."""


class AlignerError(Exception):
    """Base class of every error the user is meant to see."""


class InputError(AlignerError):
    """A document or option the user gave cannot be used (missing, binary, empty …)."""


class LanguageError(AlignerError):
    """A language that is unsupported, or that could not be detected."""


class EncoderError(AlignerError):
    """An encoder could not be loaded or used."""


class PlotError(AlignerError):
    """A plot could not be drawn: matplotlib (the plots extra) is not installed."""
