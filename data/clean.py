"""Cleaning: drop what the annotation rules say is not article text.

Rules are general patterns, each with the reason it exists, applied line by line to a
page's text. `clean_article` returns the kept paragraphs and every dropped line with
the rule that dropped it, so a test (and a curious user) can see what each page loses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    reason: str


def _rule(name: str, pattern: str, reason: str) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), reason)


_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(mon|tues|wednes|thurs|fri|satur|sun)day"

# Lines after which a page holds only boilerplate: copyright, comment sections, author
# bios and paywall or donation appeals all close a page, and their later lines (a letter
# from the editor, say) match no single-line pattern.
TAIL_RULES: tuple[Rule, ...] = (
    _rule("copyright", r"^(©|\(c\)|copyright\b)", "copyright line; what follows is page footer"),
    _rule("comment-rules", r"^(by participating in online discussions|no comments:|post a comment|\d+ comments?$)",
          "comment section and its rules"),
    _rule("author-bio", r"^(author|about the author|view all posts)$", "author box and bio"),
    _rule("paywall", r"(you've read\b.*\bfree articles|subscribe to continue|^dear reader,?$)",
          "paywall or donation appeal"),
)

# Single lines that are never article text.
LINE_RULES: tuple[Rule, ...] = (
    _rule("blank", r"^[\s\W_]*$", "no words: separators, bullets, stray punctuation"),
    _rule("url", r"^(https?://|www\.)\S+$", "bare URL"),
    _rule("qr-code", r"^qr code to\b", "QR-code text"),
    _rule("page-date", rf"^({_WEEKDAY},?\s+)?{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}\b.{{0,30}}$",
          "page date or dateline line, sometimes with weather or edition links"),
    _rule("navigation", r"^(top news|today's paper|advertisement|sponsored|read more|related|share( this)?( article)?|"
          r"read this article in|start your subscription today|subscribe|sign up|newsletter|listen to this article)$",
          "navigation, ad slot or share button"),
    _rule("photo-credit", r"^[^\s/.]+( [^\s/.]+){0,3}(/[^/.]+){1,4}$",
          "photo credit (agency/photographer/pool, slash-separated)"),
    _rule("contributor-credit", r"(contributed (reporting )?to this report|this story was reported by|^reporting by\b|"
          r"^editing by\b|^written by\b|^by [A-Z][\w.' -]{0,40}$)", "byline or contributor credit"),
    _rule("donation-pitch", r"^(your support helps|support (our|independent) journalism|donate\b|"
          r"real news can be honest|what is the monitor difference)", "subscription or donation pitch"),
)

# Datelines open the first paragraph of wire copy ("SEOUL >>", "LONDON (Reuters) -"):
# they name where the story was filed, and are not part of the sentence.
DATELINE_PREFIX = re.compile(r"^[A-Z][A-Z .'\-]{2,40}(\s*\([A-Za-z .]+\))?\s*(>>|—|–|--|-)\s+(?=\S)")


@dataclass
class CleanedArticle:
    paragraphs: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (line, rule name)


def normalise_whitespace(text: str) -> str:
    # Non-breaking and zero-width spaces come from web pages; they split words invisibly.
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", text).strip()


def clean_article(raw: str, outlet: str | None = None) -> CleanedArticle:
    """Split a page into paragraphs of article text, dropping non-article lines.

    `outlet`, when given, also drops a line that is only the outlet's name (a masthead).
    A line repeated on the same page (a caption printed twice) is kept once.
    """
    result = CleanedArticle()
    seen: set[str] = set()
    lines = [normalise_whitespace(line) for line in raw.splitlines()]
    for index, line in enumerate(lines):
        tail = next((rule for rule in TAIL_RULES if rule.pattern.search(line)), None)
        if tail is not None:
            result.dropped.extend((rest, tail.name) for rest in lines[index:] if rest)
            break
        if not line:
            continue
        rule = next((rule for rule in LINE_RULES if rule.pattern.search(line)), None)
        if rule is not None:
            result.dropped.append((line, rule.name))
            continue
        if outlet and line.casefold() == outlet.casefold():
            result.dropped.append((line, "masthead"))
            continue
        if line in seen:
            result.dropped.append((line, "repeated-line"))
            continue
        seen.add(line)
        result.paragraphs.append(DATELINE_PREFIX.sub("", line))
    return result
