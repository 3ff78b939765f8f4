"""The review app: prepares the review in the background, then shows it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Label, ProgressBar
from textual.worker import Worker, WorkerState

from aligner.checks import DEFAULT_CONFIG, CheckConfig
from aligner.embed import REVIEW_THREADS, Encoder
from aligner.encoder_process import EncoderProcess
from aligner.errors import AlignerError
from aligner.pipeline import align_documents, load_document
from aligner.read import read_text
from aligner.realign import realign_review
from aligner.review import Review
from aligner.session_lock import SessionInUse
from aligner.settings import CONFIG_NAME, Settings, config_dir, load_settings, remember_theme
from aligner.tui.keys import check_keymap
from aligner.tui.messages import ProgressReported, ReviewReady
from aligner.tui.screens.dialogs import ConfirmScreen
from aligner.tui.screens.main import MainScreen
from aligner.tui.widgets.documents import DocumentsPreview
from aligner.tui.widgets.key_bar import KeyBar

#: What each stage of the preparation is called on screen.
STAGE_NAMES = {
    "embed": "Embedding sentences",
    "runs": "Embedding merges",
    "align": "Aligning",
    "check": "Checking pairs",
}


@dataclass(frozen=True)
class NewReview:
    """Two documents to align and review, saved to `session_path`; read and split into
    sentences in the background (detecting a language not given takes a second), while
    the screen shows their lines."""

    src: Path
    tgt: Path
    session_path: Path
    presegmented: bool = False
    model: str | None = None
    src_lang: str | None = None
    tgt_lang: str | None = None


@dataclass(frozen=True)
class ChangedSession:
    """A saved review whose documents changed: offer to re-align it."""

    session_path: Path
    changed: tuple[Path, ...]

    @property
    def question(self) -> str:
        names = " and ".join(path.name for path in self.changed)
        has = "has" if len(self.changed) == 1 else "have"
        return (
            f"{names} {has} changed since this review was saved.\n\n"
            "Re-align the documents? What you decided (accepted beads, merges, splits, "
            "detaches, comments, edits, dismissed findings) is kept wherever its text is "
            "unchanged, and you are told what could not be kept."
        )


class PreparingScreen(Screen[None]):
    """What shows while the documents are aligned: the progress, and the documents
    themselves side by side when they are loaded already (a new review), so that the
    reviewer reads from the first second."""

    BINDINGS: ClassVar[list[BindingType]] = [("q", "app.quit", "Quit")]

    def __init__(self, texts: tuple[str, str] | None = None) -> None:
        """`texts`: the two documents' texts, shown line by line."""
        super().__init__()
        self.texts = texts

    def compose(self) -> ComposeResult:
        with Horizontal(id="preparing"):
            yield Label("Preparing the review …", id="stage")
            yield ProgressBar(id="progress", show_eta=False)
        if self.texts is not None:
            yield DocumentsPreview(*self.texts, id="documents")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False  # until there is a total to show

    def report(self, stage: str, done: int, total: int) -> None:
        labels = self.query("#stage").results(Label)
        stage_label = next(labels, None)
        if stage_label is None:
            return  # the screen is closing (the review quit while preparing)
        stage_label.update(STAGE_NAMES.get(stage, stage) + " …")
        bar = self.query_one(ProgressBar)
        bar.display = total > 0
        bar.update(total=total, progress=done)


class ReviewApp(App[None]):
    CSS_PATH = "review.tcss"
    TITLE = "aligner review"

    def __init__(
        self,
        start: Review | NewReview | ChangedSession,
        encoder: Encoder | None = None,
        settings: Settings | None = None,
        check_config: CheckConfig = DEFAULT_CONFIG,
    ) -> None:
        super().__init__()
        self.start = start
        self.encoder = encoder
        #: Which checks run and how, for a review this app starts or re-aligns.
        self.check_config = check_config
        self.settings = settings or Settings()
        #: The error that ended the app, for the CLI to report (exit 2).
        self.error: str | None = None

    def _remember_theme(self, theme: Theme) -> None:
        try:
            remember_theme(theme.name)
        except AlignerError as error:
            self.notify(f"The theme is not remembered: {error}", severity="warning")

    def on_mount(self) -> None:
        self.set_keymap(self.settings.keymap)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if isinstance(self.start, Review):
            try:
                self.start.claim_session()
            except SessionInUse as error:  # open in another window: this one would overwrite it
                self._fail(error)
                return
            except AlignerError:
                pass  # cannot be written: the screen says "not saved" at the first change
            self.push_screen(MainScreen(self.start))
            return
        if isinstance(self.start, NewReview):
            texts = (read_text(self.start.src), read_text(self.start.tgt))
            self.push_screen(PreparingScreen(texts))
            # After the first paint: loading the encoder holds the interpreter for
            # seconds, the documents must show first.
            self.call_after_refresh(self.prepare, self.start)
            return
        self.push_screen(PreparingScreen())
        session = self.start

        def answer(realign: bool | None) -> None:
            if realign:
                self.realign(session.session_path)
            else:
                self.exit()

        self.push_screen(
            ConfirmScreen(session.question, yes="Re-align", no="Quit", yes_is_safe=True), answer
        )

    def _progress(self, stage: str, done: int, total: int) -> None:
        self.post_message(ProgressReported(stage, done, total))

    @work(thread=True, exclusive=True, exit_on_error=False, group="prepare")
    def prepare(self, start: NewReview) -> None:
        # Loading USE takes over a second: in a process of its own, on the other core,
        # while this one reads the documents. Not before the first frame: on a busy
        # machine it took the CPU the screen's imports and first frame need.
        encoder = self.encoder or EncoderProcess(start.model, REVIEW_THREADS)
        self._progress("Reading the documents", 0, 0)
        src, tgt = (
            load_document(path, lang, start.presegmented)
            for path, lang in ((start.src, start.src_lang), (start.tgt, start.tgt_lang))
        )
        self._progress("Loading the encoder", 0, 0)
        encoder.encode(["."])  # loaded: USE loads its model at its first call
        alignment = align_documents(src, tgt, encoder, self._progress)
        review = Review.start(
            alignment,
            session_path=start.session_path,
            presegmented=start.presegmented,
            encoder=encoder,
            check_config=self.check_config,
        )
        # Not checked here: the review screen checks in the background, beads on
        # screen first, and shows the findings as they come.
        self.post_message(ReviewReady(review))

    @work(thread=True, exclusive=True, exit_on_error=False, group="prepare")
    def realign(self, session_path: Path) -> None:
        self._progress("Loading the encoder", 0, 0)
        realigned = realign_review(session_path, self.encoder, self._progress, self.check_config)
        self.post_message(ReviewReady(realigned.review, notice=realigned.summary))

    def on_progress_reported(self, message: ProgressReported) -> None:
        if isinstance(self.screen, PreparingScreen):
            self.screen.report(message.stage, message.done, message.total)

    def on_review_ready(self, message: ReviewReady) -> None:
        self.switch_screen(MainScreen(message.review))
        if message.notice:
            self.notify(message.notice, title="Re-aligned", timeout=30)

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if not isinstance(error, AlignerError):
            assert error is not None  # a worker in the ERROR state has its error
            raise error  # a bug: let Textual show the traceback
        self._fail(error)

    def _fail(self, error: AlignerError) -> None:
        """End the app with `error`, for the CLI to print (exit 2)."""
        self.error = " ".join(str(error).splitlines())
        self.exit(return_code=2)


def make_app(
    start: Review | NewReview | ChangedSession,
    encoder: Encoder | None = None,
    check_config: CheckConfig = DEFAULT_CONFIG,
) -> ReviewApp:
    """The app for a review to start, resume or re-align (one factory for the CLI and
    the tests), with the user's keymap and theme; `check_config` for the review it
    starts or re-aligns (a resumed `Review` has its own). InputError for a config file
    that cannot be used."""
    settings = load_settings()
    check_keymap(settings.keymap, [MainScreen], config_dir() / CONFIG_NAME)
    return ReviewApp(start, encoder, settings, check_config)
