"""The review screen: the beads side by side, the selected bead's findings, the keys."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from aligner.embed import UniversalSentenceEncoder
from aligner.errors import AlignerError
from aligner.model import bead_number
from aligner.review import Filter, Review, ReviewError
from aligner.search import Search
from aligner.tui.bindings import REVIEW_BINDINGS
from aligner.tui.commands import ReviewCommands
from aligner.tui.keys import keys_by_action
from aligner.tui.messages import SessionSaved
from aligner.tui.screens.bulk import CodeScreen
from aligner.tui.screens.dialogs import ConfirmScreen, SplitScreen, TextScreen
from aligner.tui.screens.export import ExportRequest, ExportScreen
from aligner.tui.screens.figures import FiguresScreen
from aligner.tui.screens.help import HelpScreen
from aligner.tui.screens.kept import KeptDialogs
from aligner.tui.screens.original import OriginalScreen
from aligner.tui.screens.search import SearchScreen
from aligner.tui.widgets.bead_list import BeadList
from aligner.tui.widgets.details import Details, dismissed_text
from aligner.tui.widgets.header import ReviewHeader
from aligner.tui.widgets.key_bar import KeyBar
from aligner.tui.widgets.realign_progress import RealignProgress

#: The order `f` goes through the filters.
FILTERS = (Filter.ALL, Filter.FINDINGS, Filter.UNREVIEWED)
#: What the dialog of `A` offers first: the confidence of beads very likely right.
ACCEPT_THRESHOLD = "0.90"
#: Seconds after the cursor stops before its position is saved (a change saves at once).
CURSOR_SAVE_DELAY = 1.0


class MainScreen(Screen[None]):
    # A short terminal (24 lines) gives the beads the room the details would take.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ReviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = REVIEW_BINDINGS

    def __init__(self, review: Review) -> None:
        super().__init__()
        self.review = review
        self.unsaved = False
        self._cursor_timer: Timer | None = None
        #: A merge, split or detach waiting for the encoder that scores its beads.
        self._waiting_for_encoder = False
        #: Re-aligning between pins in the background: the beads are about to change.
        self._realigning = False
        #: `ctrl+s` was pressed: the next save written says so.
        self._save_asked = False
        #: The dialogs, each made once (`KeptDialogs`).
        self._dialogs = KeptDialogs(self)

    def compose(self) -> ComposeResult:
        yield ReviewHeader(id="header")
        yield BeadList(self.review, id="beads")
        yield Details(id="details")
        yield KeyBar()

    def on_unmount(self) -> None:
        self.review.close()  # another window may open the session now
        gc.unfreeze()  # the screen's objects may be collected again (`_spare_…`)

    def on_mount(self) -> None:
        beads = self.query_one(BeadList)
        beads.focus()
        # Called as the cursor moves, not by a message: the details then change in the
        # same frame as the list (a message came a frame later, a second repaint).
        self.watch(beads, "cursor", self._cursor_moved, init=False)
        beads.select_bead(self.review.cursor)
        # A change returns at once; its save is written behind the screen, in order.
        self.review.save_in_background(lambda error: self.post_message(SessionSaved(error)))
        self._show()
        # The default encoder loads from the package in a couple of seconds: load it
        # while the reviewer reads, so that merging takes milliseconds. Another model may
        # need torch or the model hub: it loads at the first merge.
        default = self.review.alignment.encoder == UniversalSentenceEncoder.name
        if default and not self.review.scoring_ready:
            self.call_after_refresh(self._load_encoder)  # once the beads show
        self.call_after_refresh(self._prepare_dialogs)

    def _prepare_dialogs(self) -> None:
        """Make the help, the export, search, text, split and codes dialogs while the
        reviewer reads the first screen: made at their first opening (composed, styled,
        laid out, the help's table of every key drawn) they took that key 50–230 ms at
        5,000 beads. Each is put on the screen and taken off before a frame is drawn:
        it lays itself out for the screen's size, as it will be shown. The split and
        codes dialogs are made empty (a bead's sentences, every bead's findings are
        not known yet): their key fills them."""
        if not self.is_current:
            return  # a dialog is open: its first opening makes it
        prepared = (
            self._help(),
            self._export_dialog(),
            self._dialogs(SearchScreen).fill(self.beads.search),
            self._dialogs(TextScreen).fill(""),
            self._dialogs(SplitScreen).fill([], [], []),
            self._dialogs(CodeScreen).fill({}),
        )
        for dialog in prepared:
            self.app.push_screen(dialog)
            self.app.pop_screen()

    @work(thread=True, exit_on_error=False, group="encoder")
    def _load_encoder(self) -> None:
        try:
            self.review.prepare_scoring()
        except AlignerError:
            return  # a merge says why it cannot be scored
        # The meaning check embeds with it: the document checks run again.
        self.app.call_from_thread(self._check_document_soon)

    def _check_document_soon(self) -> None:
        """After a change, the document checks (consistency, meaning) in the background
        if their findings are not the review's as it stands: the screen shows the last
        ones found, each on its bead, until the new ones come. While the first checks
        run, they run the document checks last themselves."""
        if self.beads.checking is None and not self.review.document_checked:
            self._check_document()

    @work(thread=True, exclusive=True, exit_on_error=False, group="document-checks")
    def _check_document(self) -> None:
        """The document checks of the beads as they are now (most of a second at 5,000
        beads); a newer change cancels this run: its findings are not shown, and the
        newer run finds those of the newer beads."""
        self.review.check_document()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._document_checked)

    def _document_checked(self) -> None:
        """The document checks' findings came: the marks, the counts, the details, the
        rows of the filter of beads to check."""
        if self.beads.view is Filter.FINDINGS:
            self.beads.refresh_beads()
        else:
            self.beads.refresh()
        self._show()

    @property
    def beads(self) -> BeadList:
        return self.query_one(BeadList)

    def _show(self) -> None:
        beads = self.beads
        self.query_one(ReviewHeader).show(
            self.review, beads.view, len(beads.rows), not self.unsaved, beads.checking
        )
        self.query_one(Details).show(self.review, beads.bead, beads.collapsed_run)

    @on(BeadList.BeadsChecked)
    def beads_checked(self) -> None:
        self._show()
        if self.beads.checking is None:
            _spare_the_garbage_collector()
            # The session keeps the findings: a resume need not check the beads again.
            self._save_soon()
            self._check_document_soon()  # the encoder may have come in meanwhile

    def _cursor_moved(self) -> None:
        beads = self.beads
        bead = beads.bead
        self.query_one(Details).show(self.review, bead, beads.collapsed_run)
        if bead is not None and bead != self.review.cursor:
            self.review.cursor = bead
            # One save when the cursor comes to rest, not one per bead passed.
            if self._cursor_timer is not None:
                self._cursor_timer.stop()
            self._cursor_timer = self.set_timer(CURSOR_SAVE_DELAY, self._save_soon)

    def _save_soon(self) -> None:
        if not (self._waiting_for_encoder or self._realigning):
            try:
                self.review.save_soon()
            except AlignerError as error:
                self._not_saved(error)

    @on(SessionSaved)
    def session_saved(self, event: SessionSaved) -> None:
        asked, self._save_asked = self._save_asked, False
        if event.error is not None:
            self._not_saved(event.error)
            return
        if self.unsaved:
            self.unsaved = False
            self._show()
        if asked:
            self.notify(f"Saved {self.review.session_path}")

    def _not_saved(self, error: AlignerError) -> None:
        """The work is marked unsaved (the header) until a save succeeds."""
        self.unsaved = True
        self.notify(f"Not saved: {error}", severity="error", timeout=10)
        self._show()

    def _save_now(self) -> bool:
        """Write the session before going on (quitting); False when a change
        is not made yet. A failure leaves the work marked unsaved."""
        if self._busy():
            return False
        try:
            self.review.save()
        except AlignerError as error:
            self._not_saved(error)
        else:
            self.unsaved = False
            self._show()
        return True

    def _apply(self, change: Callable[[], object], keep_bead: int | None = None) -> bool:
        """Make a change and show the result, then save it (in the background);
        a change that cannot be made is a notice, a save that fails leaves the work
        marked unsaved (at once, or when the background save says so). The cursor goes
        to `keep_bead`, by default to the review's cursor after the change. False when
        nothing was done."""
        if self._busy():
            return False
        try:
            with self.review.saves_held():
                change()
        except ReviewError as error:
            self.notify(str(error), severity="warning")
            return False
        except AlignerError as error:
            self.unsaved = True
            self.notify(f"Not saved: {error}", severity="error", timeout=10)
        # The review's cursor follows the list's (`_cursor_moved`); an undo puts it on
        # the text it was on.
        self.beads.refresh_beads(self.review.cursor if keep_bead is None else keep_bead)
        self._show()
        # Once the change is on screen: the save and the checks would hold the
        # interpreter meanwhile (the save's Python took half of it from the frame).
        self.call_after_refresh(self._save_change)
        self.call_after_refresh(self._check_document_soon)
        return True

    def _save_change(self) -> None:
        try:
            self.review.save_soon()
        except AlignerError as error:
            self._not_saved(error)
        if self.beads.checking is None:
            # The change's objects (new states, beads, findings, the undo's) join those
            # the collector's full passes leave out: frozen once, each pass walked every
            # object made since, 20 ms after the first changes, 150 ms after fifty.
            _spare_the_garbage_collector()

    def _busy(self) -> bool:
        """Whether the beads are about to change (and say so): a change chosen on them
        now could hit another bead."""
        if self._waiting_for_encoder:
            self.notify("One moment: scoring the new beads …")
        elif self._realigning:
            self.notify("One moment: re-aligning between the pins … (Escape stops it)")
        return self._waiting_for_encoder or self._realigning

    def _restructure(self, change: Callable[[Review], object], keep_bead: int) -> None:
        """Merge, split, detach, move a sentence: the new beads are scored by the
        encoder, a tenth of a second a bead (seconds while it loads), so the change is
        rehearsed in the background (`Review.rehearse`) and then made here, from the
        encoder's cache, in milliseconds; the screen moves meanwhile."""
        if self._busy():
            return
        self._waiting_for_encoder = True
        if not self.review.scoring_ready:
            self.notify("Loading the encoder to score the new beads …")
        self._score_in_background(change, keep_bead)

    @work(thread=True, exit_on_error=False, group="encoder")
    def _score_in_background(self, change: Callable[[Review], object], keep_bead: int) -> None:
        try:
            self.review.rehearse(change)
        except AlignerError:
            pass  # making the change says why it cannot be made
        self.app.call_from_thread(self._scored, change, keep_bead)

    def _scored(self, change: Callable[[Review], object], keep_bead: int) -> None:
        self._waiting_for_encoder = False
        self._apply(lambda: change(self.review), keep_bead)

    def _bead(self) -> int | None:
        bead = self.beads.bead
        if bead is None:
            self.notify("No bead is shown (f changes the filter).", severity="warning")
        elif self.beads.collapsed_run is not None:
            self.notify("These beads read as one row: z shows them, to act on one.")
            return None
        return bead

    # Moving.

    def action_move(self, step: int) -> None:
        self.beads.move(step)

    def action_page(self, direction: int) -> None:
        beads = self.beads
        # About a screenful: beads are several lines high.
        beads.move(direction * max(1, beads.size.height // 4))

    def action_edge(self, end: int) -> None:
        beads = self.beads
        beads.cursor = 0 if end == 0 else len(beads.rows) - 1

    def action_next_finding(self, step: int) -> None:
        beads = self.beads
        bead = beads.bead if beads.bead is not None else -1
        found = self.review.next_finding(bead, step)
        while found is not None and found not in beads.rows:
            found = self.review.next_finding(found, step)
        if found is None:
            self.notify("No more findings " + ("below." if step > 0 else "above."))
        else:
            beads.select_bead(found)

    def action_search(self) -> None:
        def search(query: Search | None) -> None:
            if query is not None:
                self.beads.set_search(query)
                # The bead under the cursor is the first it may find.
                self._go_to_match(query, step=1, start=(self.beads.bead or 0) - 1)

        self.app.push_screen(self._dialogs(SearchScreen).fill(self.beads.search), search)

    def action_next_match(self, step: int) -> None:
        query = self.beads.search
        if query is None:
            self.notify("No search yet: / searches.", severity="warning")
        else:
            self._go_to_match(query, step)

    def _go_to_match(self, query: Search, step: int, start: int | None = None) -> None:
        """Go to the next match from the cursor (from `start` if given), saying which
        it is, or that there is none."""
        beads = self.beads
        matches = self.review.search(query)
        found = self.review.next_match(
            query, start if start is not None else beads.bead or 0, step, among=beads.rows
        )
        if found is None:
            hidden = " (the filter hides them: f shows all)" if matches else ""
            self.notify(f"No bead matches {query.describe()}{hidden}.", severity="warning")
            return
        beads.select_bead(found)
        self.notify(
            f"Bead {bead_number(found)}: match {matches.index(found) + 1} of {len(matches)}",
            timeout=2,
        )

    def action_go_to(self) -> None:
        def go_to(number: str | None) -> None:
            if number is None:
                return
            try:
                bead = self.review.go_to(number)
            except ReviewError as error:
                self.notify(str(error), severity="warning")
                return
            beads = self.beads
            if bead not in beads.rows:
                beads.set_view(Filter.ALL)
                self.notify(f"Bead {bead_number(bead)} is hidden by the filter: showing all beads.")
            beads.select_bead(bead)
            self._show()

        count = len(self.review.beads)
        dialog = self._dialogs(TextScreen).fill(
            f"Go to bead (1 to {count})", placeholder="number", enter="go"
        )
        self.app.push_screen(dialog, go_to)

    def action_toggle_run(self) -> None:
        if self.beads.toggle_run() is None:
            self.notify("z shows a run of headings only one version has; this is none.")
        self._show()

    def action_cycle_filter(self) -> None:
        beads = self.beads
        beads.set_view(FILTERS[(FILTERS.index(beads.view) + 1) % len(FILTERS)])
        self._show()

    # Decisions and fixes.

    def action_accept(self) -> None:
        bead = self._bead()
        if bead is None:
            return
        accepting = not self.review.beads[bead].accepted
        following = bead + 1 if accepting and bead + 1 < len(self.review.beads) else bead
        applied = self._apply(lambda: self.review.accept(bead), keep_bead=following)
        if applied and accepting and self.review.needs_attention(bead):
            self.notify(
                f"Bead {bead_number(bead)} is accepted, its findings stay open: "
                "fix the text (e) or dismiss them (d).",
                severity="warning",
            )

    def action_dismiss_finding(self) -> None:
        bead = self._bead()
        finding = self.query_one(Details).selected_finding
        if bead is None:
            return
        if finding is None:
            self.notify("This bead has no finding to dismiss.", severity="warning")
            return

        def dismiss(note: str | None) -> None:
            if note is None:
                return
            if self._apply(lambda: self.review.dismiss_finding(bead, finding, note), bead):
                dismissed = self.review.beads[bead].dismissed[-1]
                self.notify(f"Bead {bead_number(bead)}: {dismissed_text(dismissed).plain}")

        question = f"Dismiss {finding.code} ({finding.message}): why? (optional)"
        self.app.push_screen(self._dialogs(TextScreen).fill(question, placeholder="note"), dismiss)

    def action_accept_confident(self) -> None:
        def accept(threshold: str | None) -> None:
            if threshold is None:
                return
            taken: list[int] = []
            if self._apply(lambda: taken.append(self.review.accept_confident(threshold))):
                self.notify(
                    f"Accepted {taken[0]} bead{'' if taken[0] == 1 else 's'} at or above "
                    f"{threshold.strip()} with no error or warning open"
                    + (" (u takes them back)." if taken[0] else ".")
                )

        dialog = self._dialogs(TextScreen).fill(
            "Accept every bead at or above this confidence with no error or warning open",
            ACCEPT_THRESHOLD,
            enter="accept",
        )
        self.app.push_screen(dialog, accept)

    def action_dismiss_code(self) -> None:
        counts = self.review.open_codes()
        if not counts:
            self.notify("No finding is open.")
            return
        finding = self.query_one(Details).selected_finding

        def dismiss(code: str | None, note: str | None) -> None:
            if code is None or note is None:
                return
            dismissed: list[int] = []
            if self._apply(lambda: dismissed.append(self.review.dismiss_code(code, note))):
                self.notify(
                    f"Dismissed {dismissed[0]} {code} finding{'' if dismissed[0] == 1 else 's'}"
                    " (u takes them back)."
                )

        def ask_note(code: str | None) -> None:
            if code is not None:
                question = f"Dismiss all {counts[code]} open {code}: why? (optional)"
                dialog = self._dialogs(TextScreen).fill(question, placeholder="note")
                self.app.push_screen(dialog, lambda note: dismiss(code, note))

        selected = finding.code if finding is not None else None
        self.app.push_screen(self._dialogs(CodeScreen).fill(counts, selected), ask_note)

    def action_merge(self) -> None:
        bead = self._bead()
        if bead is not None:
            self._restructure(lambda review: review.merge_with_next(bead), bead)

    def action_split(self) -> None:
        bead = self._bead()
        if bead is None:
            return
        points = self.review.split_points(bead)
        if not points:
            self.notify("A bead of one sentence cannot be split.", severity="warning")
            return
        alignment = self.review.edited_alignment()
        review_bead = self.review.beads[bead]
        src = [alignment.src.segments[i].text for i in review_bead.src]
        tgt = [alignment.tgt.segments[j].text for j in review_bead.tgt]

        def split(point: tuple[int, int] | None) -> None:
            if point is not None:
                self._restructure(lambda review: review.split_bead(bead, *point), bead)

        self.app.push_screen(self._dialogs(SplitScreen).fill(points, src, tgt), split)

    def action_detach(self) -> None:
        bead = self._bead()
        if bead is not None:
            self._restructure(lambda review: review.detach(bead), bead)

    def action_pin(self) -> None:
        bead = self._bead()
        if bead is not None:
            self._apply(lambda: self.review.pin(bead), bead)

    def action_pin_accepted(self) -> None:
        count = sum(bead.accepted and not bead.pinned for bead in self.review.beads)
        if self._apply(self.review.pin_accepted):
            self.notify(f"Pinned {count} accepted beads.")

    def action_realign(self) -> None:
        bead = self._bead()
        if bead is not None:
            self._realign(bead)

    def action_realign_all(self) -> None:
        self._realign(None)

    def _realign(self, around: int | None) -> None:
        """Re-align between the pins in the background (`RealignProgress`); changes wait."""
        if self._busy():
            return
        self._realigning = True
        self.mount(RealignProgress(self.review, around), before=self.query_one(KeyBar))

    def action_stop_realign(self) -> None:
        for progress in self.query(RealignProgress):
            progress.stop()

    @on(RealignProgress.Finished)
    def realigned(self, event: RealignProgress.Finished) -> None:
        event.progress.remove()
        self._realigning = False
        realignment = event.realignment
        if realignment is None:
            self.notify(str(event.error), severity="warning")
            return
        # On the text the cursor is on now: it moves while the work runs.
        cursor = realignment.same_text(self.review.cursor)
        if self._apply(lambda: self.review.apply_realignment(realignment), cursor):
            self.notify(realignment.summary, title="Re-aligned", timeout=15)

    def action_move_sentence(self, side: str, direction: str) -> None:
        bead = self._bead()
        if bead is None:
            return
        review_bead = self.review.beads[bead]
        # The cursor stays on the bead, or goes to the one that took its last sentence.
        emptied = len(review_bead.src) + len(review_bead.tgt) == 1
        keep = bead - 1 if emptied and direction == "up" else bead
        self._restructure(lambda review: review.move_sentence(bead, side, direction), keep)

    def action_undo(self) -> None:
        if not self.review.can_undo:
            self.notify("Nothing to undo.")
            return
        self._apply(self.review.undo)  # the cursor on the text it was on

    def action_edit_target(self) -> None:
        self._edit("target")

    def action_edit_source(self) -> None:
        self._edit("source")

    def _edit(self, side: str) -> None:
        """Edit one side of the bead under the cursor in a dialog; re-checked at once."""
        bead = self._bead()
        if bead is None:
            return
        source, target = self.review.texts(bead)
        text = source if side == "source" else target
        if text is None:
            self.notify(f"This bead has no {side} text to edit.", severity="warning")
            return
        change = self.review.edit_source if side == "source" else self.review.edit_target

        def edit(new_text: str | None) -> None:
            if new_text is not None and new_text != text:
                self._apply(lambda: change(bead, new_text), bead)

        title = f"{side.capitalize()} of bead {bead_number(bead)}"
        self.app.push_screen(self._dialogs(TextScreen).fill(title, text), edit)

    def action_show_original(self) -> None:
        bead = self._bead()
        if bead is None:
            return
        if not self.review.is_edited(bead):
            self.notify(f"Bead {bead_number(bead)} is not edited: its text is the documents'.")
            return
        title = f"Bead {bead_number(bead)}, edited"
        original, edited = self.review.original_texts(bead), self.review.texts(bead)
        self.app.push_screen(self._dialogs(OriginalScreen).fill(title, original, edited))

    def action_comment(self) -> None:
        bead = self._bead()
        if bead is None:
            return

        def comment(text: str | None) -> None:
            if text is not None:
                self._apply(lambda: self.review.comment(bead, text), bead)

        current = self.review.beads[bead].comment
        dialog = self._dialogs(TextScreen).fill(f"Comment on bead {bead_number(bead)}", current)
        self.app.push_screen(dialog, comment)

    # Files.

    def action_save(self) -> None:
        """Save now, behind the screen like a change (cutting out every bead's text and
        writing it held the key 0.1–0.2 s at 5,000 beads): "Saved" once it is written.
        Quitting writes before it goes (`_save_now`), unmounting waits for the write."""
        if self._busy():
            return
        try:
            self.review.save_soon()
        except AlignerError as error:
            self._not_saved(error)
        else:
            self._save_asked = True

    def action_export(self) -> None:
        if self._busy():  # the export must hold the change the reviewer just made
            return

        def export(request: ExportRequest | None) -> None:
            if request is None:
                return
            try:
                exported = self.review.export_tmx(
                    request.path,
                    accepted_only=request.accepted_only,
                    min_confidence=request.min_confidence,
                    src_lang=request.src_lang or None,
                    tgt_lang=request.tgt_lang or None,
                )
            except AlignerError as error:
                self.notify(str(error), severity="error", timeout=10)
                return
            left_out = len(self.review.beads) - len(exported.beads)
            self.notify(
                f"Wrote {len(exported.beads)} units to {request.path} ({left_out} left out)"
            )

        self.app.push_screen(self._export_dialog(), export)

    def _export_dialog(self) -> ExportScreen:
        alignment = self.review.alignment
        return self._dialogs(ExportScreen).fill(
            _default_export_path(self.review), alignment.src.lang, alignment.tgt.lang
        )

    def action_figures(self) -> None:
        bead = self._bead()
        if bead is not None:
            self.app.push_screen(self._dialogs(FiguresScreen).fill(self.review, bead))

    def action_help(self) -> None:
        self.app.push_screen(self._help())

    def _help(self) -> HelpScreen:
        bindings = [b for b in self.BINDINGS if isinstance(b, Binding)]
        return self._dialogs(HelpScreen).fill(bindings, keys_by_action(self))

    def action_quit_review(self) -> None:
        if not self._save_now():
            return  # a merge is waiting for the encoder: it is not made yet
        if not self.unsaved:
            self.app.exit()
            return

        def quit_anyway(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        self.app.push_screen(
            ConfirmScreen(
                "The review could not be saved. Quit anyway and lose the changes?",
                yes="Quit",
                no="Stay",
            ),
            quit_anyway,
        )


def _default_export_path(review: Review) -> Path:
    """Beside the target, named like it: shown relative to the working directory when it
    is inside it, as the user typed the documents' paths."""
    target = (review.alignment.tgt.path or Path("review")).with_suffix(".tmx")
    try:
        return target.resolve().relative_to(Path.cwd())
    except ValueError:
        return target


def _spare_the_garbage_collector() -> None:
    """Leave the objects alive now (the documents, every bead's checks: hundreds of
    thousands at 5,000 beads) out of the garbage collector's full passes: each one
    walked them all, a quarter of a second in the middle of a key every few dozen keys.
    They are freed as usual when no longer used; cycles among them once the screen
    goes (`on_unmount` gives them back to the collector). The young generations are
    collected first (milliseconds): the cycles just made are freed, not kept."""
    gc.collect(1)
    gc.freeze()
