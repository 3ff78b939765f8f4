"""URLs, e-mail addresses, hashtags and @handles: a reader types them or a program
follows them, so the target must have the source's, character for character.

One that differs only in its language part (`/it/` for `/en/`, `it.example.com`,
`?lang=it`) is a localized link, which is usually what the client wants: a note. One
changed otherwise (the source's is missing and the target has another of the same
kind) is one finding with both spans; one missing or added alone, another.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from aligner.model import Finding, Severity, Span, TextPair

# The patterns are written here: no library we use finds links in prose (urllib only
# parses one it is given).
#: A URL with a scheme or starting with "www.", up to a space or a closing bracket;
#: final punctuation is the sentence's, not the URL's (trimmed in `_links`).
_URL = r"(?:https?://|ftp://|www\.)[^\s<>\"'«»“”‘’()\[\]{}]+"
_EMAIL = r"[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
#: Not "#1" (a rank), not inside a word or a URL's fragment.
_HASHTAG = r"(?<![\w&#/])#[^\W\d_][\w]*"
#: Not an e-mail address's domain, not inside a word.
_HANDLE = r"(?<![\w@./])@\w{1,30}\b"
_LINK = re.compile(
    f"(?P<url>{_URL})|(?P<email>{_EMAIL})|(?P<hashtag>{_HASHTAG})|(?P<handle>{_HANDLE})"
)
_TRAILING = ".,;:!?…"

#: What each kind is called in messages, and how serious a missing one is: a broken
#: URL or address is an error; a hashtag or handle is sometimes translated or dropped
#: on purpose (a campaign's local tag), so a warning.
KINDS = {
    "url": ("URL", Severity.ERROR),
    "email": ("e-mail address", Severity.ERROR),
    "hashtag": ("hashtag", Severity.WARNING),
    "handle": ("@handle", Severity.WARNING),
}

#: Query parameters that choose a language.
_LANGUAGE_PARAMETERS = ("lang", "language", "locale", "hl", "lng", "lc")
#: A language tag as URLs carry it: "it", "en-gb", "pt_BR".
_LANGUAGE_TAG = r"[a-z]{2}(?:[-_][a-z]{2})?"


@dataclass(frozen=True)
class Link:
    kind: str
    text: str
    span: Span


def links(text: str) -> list[Link]:
    """Every URL, e-mail address, hashtag and @handle of `text`, in text order."""
    found = []
    for match in _LINK.finditer(text):
        kind = match.lastgroup or ""
        link = match.group()
        if kind == "url":
            link = link.rstrip(_TRAILING)
        found.append(Link(kind, link, (match.start(), match.start() + len(link))))
    return found


def check_links(pair: TextPair) -> tuple[Finding, ...]:
    """Each link of the source missing in the target (or changed: paired with a target
    link of the same kind that the source lacks), and each the target adds."""
    src, tgt = pair.src_text, pair.tgt_text
    if not src or not tgt or not tgt.strip():
        return ()
    src_links, tgt_links = links(src), links(tgt)
    missing = _unmatched(src_links, tgt_links)
    extra = _unmatched(tgt_links, src_links)
    findings = []
    for link in missing:
        other = next((e for e in extra if e.kind == link.kind), None)
        if other is not None:
            extra.remove(other)
            findings.append(_changed(link, other, pair))
        else:
            name, severity = KINDS[link.kind]
            findings.append(
                Finding(
                    "links", f"{link.kind}-missing", severity,
                    f"the {name} {link.text} of the source is missing in the target",
                    src_span=link.span,
                )
            )  # fmt: skip
    findings += [
        Finding(
            "links", f"{link.kind}-extra", Severity.WARNING,
            f"the {KINDS[link.kind][0]} {link.text} is in the target but not in the source",
            tgt_span=link.span,
        )
        for link in extra
    ]  # fmt: skip
    return tuple(findings)


def _unmatched(links: list[Link], others: list[Link]) -> list[Link]:
    """The links `others` does not have as often (e-mail addresses and URLs' host
    names are compared regardless of case, as they resolve)."""
    available = Counter(_compared(link) for link in others)
    unmatched = []
    for link in links:
        if available[_compared(link)]:
            available[_compared(link)] -= 1
        else:
            unmatched.append(link)
    return unmatched


def _compared(link: Link) -> tuple[str, str]:
    if link.kind == "email":
        return link.kind, link.text.lower()
    if link.kind == "url":
        scheme, _, rest = link.text.partition("://") if "://" in link.text else ("", "", link.text)
        host, slash, path = rest.partition("/")
        return link.kind, f"{scheme.lower()}://{host.lower()}{slash}{path}"
    return link.kind, link.text


def _changed(src_link: Link, tgt_link: Link, pair: TextPair) -> Finding:
    name, severity = KINDS[src_link.kind]
    if src_link.kind == "url" and _without_language(src_link.text) == _without_language(
        tgt_link.text
    ):
        return Finding(
            "links", "url-localized", Severity.INFO,
            f"the URL {src_link.text} is localized as {tgt_link.text} (only its language "
            "part differs)",
            src_link.span, tgt_link.span,
        )  # fmt: skip
    return Finding(
        "links", f"{src_link.kind}-changed", severity,
        f"the {name} {src_link.text} of the source is {tgt_link.text} in the target",
        src_link.span, tgt_link.span,
    )  # fmt: skip


def _without_language(url: str) -> str:
    """The URL with its language parts replaced by a mark: a path segment ("/it/"), a
    first host label ("it.example.com") or a language query parameter ("?lang=it")."""
    url = url.lower()
    marked: list[Callable[[str], str]] = [
        lambda u: re.sub(rf"(?<=/){_LANGUAGE_TAG}(?=/|$|\?|#)", "*", u),
        lambda u: re.sub(rf"^((?:\w+://)?){_LANGUAGE_TAG}\.(?=[\w-]+\.)", r"\1*.", u),
        lambda u: re.sub(
            rf"([?&](?:{'|'.join(_LANGUAGE_PARAMETERS)})=){_LANGUAGE_TAG}(?=&|#|$)", r"\1*", u
        ),
    ]
    for mark in marked:
        url = mark(url)
    return url
