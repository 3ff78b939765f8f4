"""The review UI (Textual). The only package that imports Textual: the library and the
CLI's other commands never load it."""

from aligner.tui.app import NewReview, ReviewApp, make_app

__all__ = ["NewReview", "ReviewApp", "make_app"]
