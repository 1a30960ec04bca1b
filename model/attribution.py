"""Source attribution for news sentences (guidelines v1.1, "Source" and rules 7, 9, 11, 13).

Every sentence of an article gets one source: the speaker of its reported speech or
thought, or the outlet when nothing in the sentence attributes it. No parser or NER model
can be downloaded here, so the attributor is a small pipeline of regular expressions:

1. lexicons: reporting verbs, titles and roles, organisation heads;
2. text helpers: tokens, quotation marks (curly, straight and single quotes);
3. `_parse_mention`: the noun phrase of a speaker becomes a `Mention`: a name (titles
   stripped), a description ("the agency", "a senior official") or a pronoun;
4. `_find_candidates`: every "X said" / "said X" / "according to X" in a sentence, with a
   flag saying whether it belongs to the main clause (not "although X said", "after X said");
5. `canonical_source_key` / `sources_match`: comparing source names;
6. `_Article`: mentions are resolved inside the article, in reading order, so that
   "the agency", "it", "Mr. Hong" and "Peskov" become the names the article gave earlier
   (or, for a headline that speaks first, the name it gives next);
7. `attribute_sources`: applies the sentence-level rules (questions, silence, claims the
   outlet marks as unsupported, quotations that continue over two sentences) and falls back
   to the outlet.

`sources_match` is lenient, for scoring predictions against annotators' sources: two names
match when their keys are equal, or, after articles, titles, roles, possessors and small
words are dropped, when one name's words occur in the other (a surname, "Rutte" in "Mark
Rutte"; "NIS" as the initials of "National Intelligence Service"), allowing demonyms
(Korea/Korean) and transliterations (Zelensky/Zelenskyy). Anaphors ("it", "the agency")
match nothing: the article has to resolve them first.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------
# 1. Lexicons
# ---------------------------------------------------------------------------------------

# Reporting verbs: base form -> (third person singular, past). The base form is needed for
# plural subjects and after modals ("experts question", "could not confirm").
_VERB_FORMS = {
    "say": ("says", "said"), "tell": ("tells", "told"), "add": ("adds", "added"),
    "note": ("notes", "noted"), "write": ("writes", "wrote"), "state": ("states", "stated"),
    "claim": ("claims", "claimed"), "insist": ("insists", "insisted"),
    "argue": ("argues", "argued"), "believe": ("believes", "believed"),
    "report": ("reports", "reported"), "accuse": ("accuses", "accused"),
    "deny": ("denies", "denied"), "dismiss": ("dismisses", "dismissed"),
    "reject": ("rejects", "rejected"), "warn": ("warns", "warned"),
    "confirm": ("confirms", "confirmed"), "announce": ("announces", "announced"),
    "explain": ("explains", "explained"), "acknowledge": ("acknowledges", "acknowledged"),
    "admit": ("admits", "admitted"), "reply": ("replies", "replied"),
    "indicate": ("indicates", "indicated"), "suggest": ("suggests", "suggested"),
    "reiterate": ("reiterates", "reiterated"), "stress": ("stresses", "stressed"),
    "emphasise": ("emphasises", "emphasised"), "emphasize": ("emphasizes", "emphasized"),
    "assert": ("asserts", "asserted"), "allege": ("alleges", "alleged"),
    "estimate": ("estimates", "estimated"), "predict": ("predicts", "predicted"),
    "reveal": ("reveals", "revealed"), "disclose": ("discloses", "disclosed"),
    "caution": ("cautions", "cautioned"), "urge": ("urges", "urged"),
    "question": ("questions", "questioned"), "doubt": ("doubts", "doubted"),
    "concede": ("concedes", "conceded"), "counter": ("counters", "countered"),
    "contend": ("contends", "contended"), "conclude": ("concludes", "concluded"),
    "assess": ("assesses", "assessed"), "maintain": ("maintains", "maintained"),
    "testify": ("testifies", "testified"), "tweet": ("tweets", "tweeted"),
    "declare": ("declares", "declared"), "promise": ("promises", "promised"),
    "pledge": ("pledges", "pledged"), "vow": ("vows", "vowed"), "cite": ("cites", "cited"),
    "dispute": ("disputes", "disputed"), "refute": ("refutes", "refuted"),
    "condemn": ("condemns", "condemned"), "blame": ("blames", "blamed"),
    "criticise": ("criticises", "criticised"), "criticize": ("criticizes", "criticized"),
    "describe": ("describes", "described"), "call": ("calls", "called"),
    "brand": ("brands", "branded"), "label": ("labels", "labelled"),
    "express": ("expresses", "expressed"), "voice": ("voices", "voiced"),
    "accept": ("accepts", "accepted"), "recall": ("recalls", "recalled"),
    "forecast": ("forecasts", "forecast"), "expect": ("expects", "expected"),
    "fear": ("fears", "feared"), "think": ("thinks", "thought"),
    "suspect": ("suspects", "suspected"), "demand": ("demands", "demanded"),
    "slam": ("slams", "slammed"), "rubbish": ("rubbishes", "rubbished"),
    "laugh": ("laughs", "laughed"), "email": ("emails", "emailed"), "hope": ("hopes", "hoped"),
    "understand": ("understands", "understood"), "advise": ("advises", "advised"),
    "fume": ("fumes", "fumed"),
}
_VERB_WORDS = {form for base, (third, past) in _VERB_FORMS.items() for form in (base, third, past)}
# Finite forms that cannot be nouns end a subject phrase ("reports", "claims" can be nouns).
_FINITE_STOPS = {past for _, past in _VERB_FORMS.values()} | {"says", "tells", "adds", "insists"}

# Verbs whose object decides whether they report speech: "called an emergency meeting" is
# an act, "called the data 'thin'" or "called it a fabrication" is an evaluation.
_NEEDS_EVALUATION = {"call", "calls", "called", "describe", "describes", "described",
                     "brand", "brands", "branded", "label", "labels", "labelled"}
_NEEDS_DOUBT_OBJECT = {"express", "expresses", "expressed", "voice", "voices", "voiced"}
_NEEDS_CLAUSE = {"accept", "accepts", "accepted", "demand", "demands", "demanded"}
# Present forms that are also nouns ('US state department', 'the claims'): they report only
# when a clause or object follows, not another noun.
_NOUN_LIKE_VERBS = {f for base in ("state", "report", "claim", "question", "doubt", "note",
                                    "counter", "estimate", "forecast", "call", "label", "brand",
                                    "voice", "vow", "pledge", "promise", "stress", "tweet",
                                    "blame", "cite", "caution", "dispute", "express", "fear",
                                    "hope", "demand", "laugh", "email", "rubbish", "suspect",
                                    "recall")
                    for f in (base, _VERB_FORMS[base][0])}
_CLAUSE_OPENERS = re.compile(r"^\s*(?:that|whether|how|why|what|when|if|the|a|an|this|these|"
                             r"those|it|he|she|they|we|its|his|her|their|there|any|all|no|"
                             r"[A-Z0-9:;.“\"']|$)")
# Verbs that may follow a quotation with subject and verb inverted ("..., said X.").
_INVERTED_VERBS = ("said|says|added|adds|wrote|writes|noted|notes|reported|reports|stated|"
                   "claimed|insisted|argued|explained|warned|replied|recalled|continued|asked|"
                   "declared|conceded|cautioned|concluded")

# Titles and roles that precede a person's name and are not part of it (lower case).
_TITLES = set("""
mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. professor sir dame lord lady rev rev. hon hon.
president vice prime premier minister secretary secretary-general general gen gen. major maj maj.
colonel col col. lieutenant lt lt. captain capt capt. sergeant sgt sgt. admiral adm adm.
commander cmdr cmdr. brigadier brig brig. marshal governor gov gov. senator sen sen.
representative rep rep. congressman congresswoman mp mep chancellor king queen prince princess
sheikh ambassador envoy judge justice mayor deputy chief spokesman spokeswoman spokesperson
press director chairman chairwoman chair ceo cfo coo founder head leader officer official
analyst expert economist researcher scientist neighbour neighbor brother sister mother father
son daughter wife husband partner attorney lawyer barrister solicitor counsel prosecutor
inspector superintendent constable detective commissioner speaker councillor councilor
pope bishop cardinal archbishop imam rabbi coach manager striker defender goalkeeper
auditor-general attorney-general solicitor-general surgeon-general president-elect
boss insurer investigator engineer specialist teacher student witness resident activist author
executive editor correspondent reporter producer actor singer chef star favourite favorite
""".split())
# Post-nominal letters after a name ("Priya Anand KC").
_POST_NOMINALS = {"kc", "qc", "mp", "mep", "jr", "jr.", "sr", "sr.", "phd", "obe", "mbe", "cbe"}

# Organisation classes: a description ("the agency", "police") matches a body whose name
# or earlier descriptions fall in the same class.
_ORG_CLASSES = {
    "agency": "agency service directorate intelligence bureau inspectorate",
    "ministry": "ministry department",
    "office": "office presidency",
    "secretariat": "secretariat",
    "police": "police constabulary force gendarmerie",
    "military": "military army navy command forces guard",
    "company": "company firm manufacturer corporation maker carrier airline airways airlines "
               "operator developer lender insurer retailer supplier contractor startup "
               "conglomerate chain producer bank studio label publisher broadcaster",
    "embassy": "embassy consulate mission",
    "government": "government administration cabinet",
    "council": "council committee commission board panel authority regulator watchdog",
    "court": "court tribunal",
    "institute": "institute university college centre center foundation initiative",
    "party": "party",
    "club": "club federation league association union",
    "hospital": "hospital trust clinic",
}
_ORG_CLASS_OF = {word: name for name, words in _ORG_CLASSES.items() for word in words.split()}
# Capitalised words that make a name an organisation, not a person.
_ORG_NAME_WORDS = set(_ORG_CLASS_OF) | set("""
fund house inc ltd plc staff corp llc holdings partners network news times post journal
herald media aerospace industries parliament assembly alliance coalition society
organisation organization institution agency directorate initiative nations
""".split())
# A document "says" for its author: "according to South Korea's latest data" -> South Korea.
_DOCUMENT_HEADS = {"data", "figures", "estimates", "estimate", "report", "reports", "statement",
                   "statements", "announcement", "assessment", "survey", "records", "study",
                   "statistics", "release", "letter", "filing", "tally", "count", "analysis",
                   "notification", "document", "documents", "memo", "notice", "findings",
                   "research", "poll", "reporting", "posts", "rumours", "rumors", "speculation",
                   "claims", "allegations", "accounts", "leaks", "leak", "results", "observations",
                   "tests", "evidence", "footage", "images", "photos", "pictures", "videos"}
# Nouns for people: a description with another head ("the cooperative") names a body.
_PERSON_NOUNS = _TITLES | set("""
source sources insider aide adviser advisor diplomat negotiator observer critic agent rep member
owner employee worker victim survivor fan reader guest friend relative colleague pundit
commentator academic scholar historian strategist consultant veteran candidate voter driver
passenger pilot doctor nurse physician scientist man woman person people boy girl child parent
lawmaker legislator politician campaigner protester organiser organizer host presenter judge
juror jurors bystander eyewitness neighbour neighbors owner landlord tenant customer client
""".split())
_DOCUMENT_ADJECTIVES = {"latest", "new", "written", "joint", "recent", "earlier", "preliminary",
                        "unconfirmed", "conflicting", "initial", "official", "final", "published",
                        "own", "local", "media", "press", "news", "internal", "further", "first",
                        "second", "some", "several", "many", "multiple", "separate", "other",
                        "early", "leaked", "unverified", "fresh", "anonymous", "online", "social"}
# Plural unnamed groups ("officials said", "analysts were sceptical").
_GROUP_WORDS = {"media", "people", "staff", "personnel", "police"}
_QUANTIFIERS = {"many", "some", "several", "most", "few", "other", "two", "three", "four",
                "both", "all", "various", "numerous", "certain", "a", "an", "the"}
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_POSSESSIVE_PRONOUNS = {"his", "her", "its", "their", "our", "my", "your"}
_PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "group"}
_NOBODY = {"nobody", "no one", "anyone", "anybody", "everyone", "everybody", "someone",
           "somebody", "i", "we", "you", "one"}
# Directional abbreviations in headlines ("S. Korea").
_ABBREVIATED_PLACES = {"N.": "North", "S.": "South", "E.": "East", "W.": "West"}
_PLACE_NOUNS = {"capital", "city", "town", "village", "province", "region", "country", "state",
                "port", "district", "county", "island", "home", "hometown", "area", "suburb"}
_PLACE_PREFIXES = {"north", "south", "east", "west", "northern", "southern", "eastern",
                   "western", "central", "united", "new", "saudi", "sri", "costa"}

# ---------------------------------------------------------------------------------------
# 2. Text helpers
# ---------------------------------------------------------------------------------------

# Words that end the subject noun phrase when reading leftwards from a verb.
_SUBORDINATORS = set("""
although though after before as while when whereas because since if unless until once
that whether than where so lest whenever wherever
""".split())
_AUXILIARIES = set("""
is are was were be been being has have had will would can could may might shall should
must do does did not never also n't cannot couldn't wouldn't didn't doesn't don't hasn't
haven't hadn't won't can't isn't aren't wasn't weren't
""".split())
_BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't",
             "weren't"}
_NP_STOP_WORDS = _SUBORDINATORS | _AUXILIARIES | set("""
and or but nor yet to by with without into onto over under about against between through
during across who whom whose which what how why there here it he she they we i you him
them us me also reportedly allegedly
""".split())
# Adverbs and auxiliaries allowed between a subject and its verb ("has also flatly denied").
_BETWEEN_SUBJECT_AND_VERB = re.compile(
    r"(?:\s+(?:also|has|have|had|will|would|could|can|cannot|may|might|should|must|did|does|"
    r"do|not|n't|never|again|both|all|earlier|later|previously|recently|then|already|now|"
    r"further|once|still|even|just|first|today|yesterday|is|are|was|were|been|be|being|"
    r"couldn't|wouldn't|didn't|doesn't|don't|hasn't|haven't|hadn't|won't|can't|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:late\s+|early\s+)?(?:on|last|this|earlier|later)\s+(?:week|month|year|night|morning|"
    r"afternoon|evening|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+\w+ing)?|"
    r"in\s+the\s+past|in\s+turn|likewise|too|himself|herself|itself|themselves|[a-z]+ly)"
    r"|\s*,\s*(?:however|though|meanwhile|too|in\s+turn|for\s+(?:its|his|her|their)\s+part),)+$"
)
# A sentence may open with an adverbial and no comma ("Outside court his wife told ...").
_ADVERBIAL_OPENERS = """In On At Outside Inside Earlier Later Yesterday Today Last This Meanwhile
Separately Under During Despite Following Elsewhere Also Speaking Asked Writing Now Then
Previously Still Instead""".split()
_LEADING_ADVERBIAL = re.compile(rf"^(?:{'|'.join(_ADVERBIAL_OPENERS)})\b")
# Capitalised words that open sentences but never belong to a name.
_SENTENCE_WORDS = {w.capitalize() for w in _NP_STOP_WORDS | _DETERMINERS | _POSSESSIVE_PRONOUNS}
_SENTENCE_WORDS |= set(_ADVERBIAL_OPENERS)
_CALENDAR_WORDS = set("""Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
March April May June July August September October November December""".split())
_TOKEN = re.compile(
    r"(?:[A-Z]\.)+(?:-[\w]+)?"                      # U.S., S., U.S.-based
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Maj|Lt|Col|Capt|Sgt|Sen|Rep|Gov|Prof|Adm|Cmdr|Brig|Rev|Hon|"
    r"Jr|Sr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No)\."  # abbreviations
    r"|[\w&][\w'\-&+]*"                              # words, possessives, hyphenated names
    r"|[^\w\s]"                                     # punctuation, one character each
)
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"
_QUOTE_CHARS = "“”«»\""


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int


def _normalise(text: str) -> str:
    """One apostrophe and plain spaces, so regexes need not list every variant; a live
    blog's time stamp ('06:58 – ') is not part of the sentence."""
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    text = re.sub(r"^\s*\d{1,2}[:.]\d{2}\s*(?:[ap]m\s*)?[–—-]\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _strip_possessive(word: str) -> str:
    return re.sub(r"'s?$", "", word)


def _is_title_case(text: str) -> bool:
    """Headlines in Title Case capitalise verbs and common nouns too."""
    words = [w for w in re.findall(r"[A-Za-z][\w'\-]*", text) if len(w) > 3]
    return len(words) >= 4 and sum(_is_capitalised(w) for w in words) / len(words) >= 0.75


def _quote_marks(text: str) -> list[tuple[int, str]]:
    """Positions of quotation marks, each 'open' or 'close'.

    Curly marks and guillemets say which they are. A straight quote opens after a space
    (or at the start) and closes before a space or punctuation, so that apostrophes
    ("don't", "Korea's") are not taken for single quotes.
    """
    marks, single_open = [], False
    for i, char in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = before.isspace() or before in "(—–:"
        closes = not before.isspace() and (after.isspace() or after in ".,;:!?)—–")
        if char in _OPEN_QUOTES or (char == '"' and opens):
            marks.append((i, "open"))
        elif char in _CLOSE_QUOTES or (char == '"' and closes):
            marks.append((i, "close"))
        elif char == "'" and opens and not after.isspace() and not single_open:
            marks.append((i, "open"))
            single_open = True
        elif char == "'" and closes and (single_open or (before in ".!?," and after.isspace())):
            marks.append((i, "close"))  # without an opening: ends a quotation begun earlier
            single_open = False
    return marks


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation; a sentence may start or end inside one."""
    spans, opened = [], None
    for position, kind in _quote_marks(text):
        if kind == "open" and opened is None:
            opened = position
        elif kind == "close":
            spans.append((-1 if opened is None else opened, position))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def _leaves_quote_open(text: str) -> bool:
    return any(end == len(text) for _, end in _quoted_spans(text))


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < position < end for start, end in spans)


def _outside_quotes(text: str) -> str:
    """The text with its quotations blanked out: what the sentence itself says."""
    for start, end in reversed(_quoted_spans(text)):
        text = text[:start] + " " * (end - start + 1) + text[end + 1:]
    return text


# ---------------------------------------------------------------------------------------
# 3. Mentions: what the noun phrase of a speaker says about them
# ---------------------------------------------------------------------------------------


@dataclass
class Mention:
    """A speaker as one sentence names them, before resolution inside the article.

    kind is one of: person, org, name (one bare capitalised word: a surname or a body),
    desc_org ("the agency"), desc_person ("the professor", "a senior official"),
    group ("analysts"), pronoun, statement ("the statement said").
    """

    kind: str
    name: str
    head: str = ""
    definite: bool = True
    qualifier: str = ""
    possessor: str = ""
    hints: set[str] = field(default_factory=set)
    acronym: str = ""
    titled: bool = False


_NAME_CONNECTORS = {"of", "for", "the", "and", "&", "de", "van", "von", "der", "al", "bin", "du"}
_PP_WORDS = {"of", "in", "at", "from", "for", "on", "with"}
_POSTMODIFIER_STARTS = _PP_WORDS | {"involved", "familiar", "close", "based", "who", "speaking",
                                    "by", "calling", "known"}
_GENERIC_POSSESSIVES = {"children's", "women's", "men's", "people's", "workers'", "veterans'"}


def _clean_phrase(raw: str) -> str:
    raw = _normalise(raw).strip(" ,;:.-—–'" + _QUOTE_CHARS)
    raw = re.sub(r"^(?:But|And|Yet|So|However|Meanwhile|Then|Still|Now)\s+", "", raw)
    for short, full in _ABBREVIATED_PLACES.items():
        raw = re.sub(rf"(?<![\w.]){re.escape(short)}(?= [A-Z])", full, raw)
    return raw


def _split_acronym(phrase: str) -> tuple[str, str]:
    """'National Intelligence Service (NIS)' -> ('National Intelligence Service', 'NIS')."""
    match = re.search(r"\s*\(([A-Z][A-Za-z]{1,9})\)", phrase)
    if not match:
        return phrase, ""
    return (phrase[: match.start()] + phrase[match.end():]).strip(), match.group(1)


def _words(phrase: str) -> list[str]:
    return [t.text for t in _tokens(phrase) if t.text not in {",", "(", ")"} | set(_QUOTE_CHARS)]


def _cut_postmodifier(words: list[str]) -> list[str]:
    """Drop a trailing prepositional phrase that is not part of a name.

    'Ramon Pacheco Pardo of King's College in London' -> 'Ramon Pacheco Pardo', but
    'Office of the Auditor-General' and 'lawyers on both sides' stay whole.
    """
    for i, word in enumerate(words):
        if word not in _PP_WORDS or i == 0 or i + 1 >= len(words):
            continue
        before, after = words[i - 1], words[i + 1:]
        object_word = after[1] if after[0] == "the" and len(after) > 1 else after[0]
        inside_name = (_is_capitalised(before) and before.lower() in _ORG_NAME_WORDS
                       and _is_capitalised(object_word) and word in {"of", "for"})
        if inside_name:
            continue
        if _is_capitalised(before) or _is_capitalised(object_word):
            return words[:i]
    return words


def _drop_modifiers(words: list[str]) -> list[str]:
    """Drop words that never belong to a source name: 'U.S.-based', ages, post-nominals."""
    kept = [w for w in words if not w.lower().endswith("-based") and not w[0].isdigit()]
    while len(kept) > 1 and kept[-1].lower() in _POST_NOMINALS:
        kept.pop()
    return kept


def _is_description(words: list[str], title_case: bool, sentence_initial: bool) -> bool:
    """A description has a common-noun head: 'the spy agency', 'harbour officials'."""
    head = words[-1]
    if not _is_capitalised(head):
        return True
    lower = head.lower()
    known_head = lower in _ORG_CLASS_OF or lower in _GROUP_WORDS or lower in _TITLES
    if title_case and known_head:
        return True
    return len(words) == 1 and known_head and (sentence_initial or lower in _ORG_CLASS_OF)


def _strip_titles(words: list[str]) -> tuple[list[str], set[str]]:
    """'Pentagon Press Secretary Maj. Gen. Pat Ryder' -> ['Pat', 'Ryder'], {'secretary', ...}.

    Everything up to the last title that still has a name after it goes; a title that
    ends the phrase is kept, since it may be a surname ('Carole King').
    """
    last = max((i for i, w in enumerate(words[:-1]) if w.lower() in _TITLES), default=-1)
    roles = {w.lower().rstrip(".") for w in words[: last + 1] if w.lower() in _TITLES}
    return words[last + 1:], roles


def _split_possessor(words: list[str]) -> tuple[list[str], list[str]]:
    """'Kessaria's Defence Intelligence Directorate' -> (['Kessaria'], ['Defence', ...])."""
    for i in range(len(words) - 2, -1, -1):
        word = words[i]
        plural_in_name = word.endswith("s'") and _is_capitalised(words[i + 1])  # "Referees' Association"
        if (word.endswith("'s") or word.endswith("s'")) and word.lower() not in _GENERIC_POSSESSIVES \
                and not plural_in_name:
            return [_strip_possessive(w) for w in words[: i + 1]], words[i + 1:]
    return [], words


def _trailing_name(words: list[str]) -> tuple[list[str], list[str]]:
    """Split 'rating agency Norbeck Ratings' into (['rating', 'agency'], ['Norbeck', 'Ratings'])."""
    start = len(words)
    while start > 0 and (_is_capitalised(words[start - 1]) or (
            words[start - 1].lower() in _NAME_CONNECTORS and start < len(words))):
        start -= 1
    while start < len(words) and not _is_capitalised(words[start]):
        start += 1  # a name does not open with 'of' or 'the'
    return words[:start], words[start:]


def _parse_name(words: list[str], definite: bool, acronym: str) -> Mention | None:
    """A named speaker: titles and possessor go ('NATO's chief Mark Rutte' -> 'Mark Rutte');
    whether it is a person or a body follows from its words and the roles before it."""
    possessor, words = _split_possessor(words)
    is_body = bool({_fold(w) for w in words[-1:]} & _ORG_NAME_WORDS)  # "Tovalian General Staff"
    words, roles = (words, set()) if is_body else _strip_titles(words)
    descriptor, words = _trailing_name(words)
    if not words:
        return None
    roles |= {descriptor[-1].lower()} if descriptor else set()  # "Supermarket chain FreshWay"
    name, head, qualifier = " ".join(words), words[-1].lower(), " ".join(possessor).lower()
    body_roles = roles & set(_ORG_CLASS_OF)  # "rating agency Norbeck Ratings"
    lowered = {_strip_possessive(w).lower() for w in words}
    acronym_only = len(words) == 1 and words[0].isupper() and len(words[0]) > 1  # "NIS"
    if acronym or lowered & (_ORG_NAME_WORDS | {"of", "for", "&"}) or (definite and not roles) \
            or acronym_only or body_roles:
        return Mention("org", name, head=head, qualifier=qualifier, acronym=acronym, hints=roles)
    looks_personal = 2 <= len(words) <= 4 and words[0].lower() not in _PLACE_PREFIXES
    if roles or looks_personal:
        return Mention("person", name, head=head, hints=roles, titled=bool(roles))
    return Mention("name" if len(words) == 1 else "org", name, head=head, qualifier=qualifier)


def _is_plural(word: str) -> bool:
    return word in _GROUP_WORDS or (word.endswith("s") and not word.endswith("ss") and len(word) > 3
                                    and word not in {"news", "means", "series", "headquarters"})


def _description_core(words: list[str]) -> list[str]:
    """Words up to the head noun: 'residents interviewed by this newspaper' -> ['residents']."""
    for i in range(1, len(words)):
        participle = words[i].islower() and _looks_verbal(words[i])
        starts = words[i].lower() in _POSTMODIFIER_STARTS or participle
        if starts and not _is_capitalised(words[i - 1]):
            return words[:i]
    return words


def _parse_description(words: list[str], definite: bool) -> Mention | None:
    """'a senior official involved in the talks': head 'official', the words kept whole."""
    core = _description_core(words)
    head = core[-1].lower()
    possessor, rest = _split_possessor(core)
    modifiers = rest[:-1]
    rest = rest + words[len(core):]
    possessor, _ = _strip_titles(possessor)
    if head in _DOCUMENT_HEADS:
        # The document speaks for its author: "South Korea's latest data", "an embassy statement".
        if possessor:
            return _parse_words(possessor, definite=False)
        authors = [w for w in modifiers if w.lower() not in _DOCUMENT_ADJECTIVES]
        if authors:
            return _parse_words(authors, definite=definite)
        if definite and not _is_plural(head):
            return Mention("statement", "statement", head=head, definite=definite)
        return None  # "unconfirmed reports suggest": nobody in particular
    qualifier = " ".join(possessor) or " ".join(w for w in modifiers if _is_capitalised(w))
    if head in _ORG_CLASS_OF:
        kind = "desc_org"
    elif _is_plural(head):
        kind = "group"
        words = [w for w in words if w.lower() not in _QUANTIFIERS] or words
    elif head in _PERSON_NOUNS or re.fullmatch(r"\d+-year-old", head):
        kind = "desc_person"
    else:
        kind = "desc_org"  # "the cooperative", "the watchdog": a body of some kind
    if possessor:  # titles inside the possessor go: "President Yoon's office" -> "Yoon's office"
        words = [" ".join(possessor) + "'s"] + rest
    return Mention(kind, " ".join(words), head=head, definite=definite,
                   qualifier=qualifier.lower(), possessor=" ".join(possessor))


def _parse_words(words: list[str], definite: bool, acronym: str = "",
                 title_case: bool = False, sentence_initial: bool = False) -> Mention | None:
    """A description keeps its postmodifier ('spokesman for the Guild'); a name loses it."""
    called = next((i for i, w in enumerate(words[:-1]) if w.lower() in {"calling", "named", "called"}),
                  None)
    if called is not None and _is_capitalised(words[-1]):  # "a group calling itself GreyLantern"
        words = [w for w in words[called + 1:] if w.lower() not in {"itself", "themselves"}]
    words = _drop_modifiers(words)
    cut = _cut_postmodifier(words)
    if not cut:
        return None
    core = _description_core(words)
    if _is_description(core, title_case, sentence_initial) and not _is_capitalised(core[-1]):
        return _parse_description(words, definite)
    if _is_description(cut, title_case, sentence_initial):
        return _parse_description(cut, definite)
    return _parse_name(cut, definite, acronym)


def _appositive_hints(text: str) -> set[str]:
    """What an appositive says about the speaker: 'an analyst at ...' -> {'analyst'}."""
    words = _words(_normalise(text))
    if not words:
        return set()
    first = words[0].lower()
    if first == "who" or first[0].isdigit():
        return {"person"}
    if first == "which":
        return {"org"}
    words = [w for w in words if w.lower() not in _DETERMINERS | _POSSESSIVE_PRONOUNS]
    for i, word in enumerate(words):
        if word in _PP_WORDS:
            words = words[:i]
            break
    return {words[-1].lower()} if words else set()


def _is_coordination(phrase: str) -> bool:
    """'Russia and North Korea', 'The U.S., South Korea, and their partners'."""
    parts = re.split(r",?\s+and\s+|,\s+", phrase)
    return len(parts) > 1 and re.search(r"\band\b", phrase) is not None and all(
        p and (_is_capitalised(p) or p.split()[0].lower() in _POSSESSIVE_PRONOUNS) for p in parts)


def _classify_by_hints(mention: Mention) -> Mention:
    """Appositives decide between person and body: 'X, a watchdog group' / 'X, 58, who ...'."""
    org_hint = any(h == "org" or h in _ORG_CLASS_OF for h in mention.hints)
    person_hint = any(h == "person" or h in _TITLES for h in mention.hints)
    if mention.kind == "person" and org_hint and not mention.titled:
        mention.kind = "org"
    elif mention.kind == "name" and (person_hint or org_hint):
        mention.kind = "person" if person_hint else "org"
    return mention


def _parse_mention(raw: str, appositive: str = "", title_case: bool = False,
                   sentence_initial: bool = False) -> Mention | None:
    """Turn the noun phrase of a speaker into a Mention (not yet resolved in the article)."""
    phrase = re.sub(r"\s+(?:himself|herself|itself|themselves)\b", "", _clean_phrase(raw))
    lower = phrase.lower()
    if lower in _PRONOUNS:
        return Mention("pronoun", lower, head=lower)
    ours = lower.split()[0] in {"our", "we"} and lower.split()[-1] in _DOCUMENT_HEADS | {"tally"}
    if lower in _NOBODY or ours:
        return None  # "nobody can say", "according to our tally": the outlet itself
    reports_from = re.match(r"(?:(?:A|An|The|\w+)\s+)?(?:[Rr]eports?|[Ss]tatements?|[Aa]ccounts?|"
                            r"[Dd]ata|[Ff]igures|[Rr]esearch)\s+(?:from|by|in)\s+(.+)$", phrase)
    partitive = re.match(r"(?:[Oo]ne|[Tw]wo|[Tt]hree|[Ss]ome|[Mm]any|[Mm]ost|[Nn]one|[Aa]ll|[Bb]oth|"
                         r"[Ee]ach|[Ss]everal)\s+of\s+(.+)$", phrase)
    if reports_from or partitive:
        return _parse_mention((reports_from or partitive).group(1), appositive, title_case)
    phrase, acronym = _split_acronym(phrase)
    if _is_coordination(phrase):
        return Mention("org", re.sub(r"^(?:The|the)\s+", "", phrase), head="and")
    if "," in phrase:  # "Leif-Eric Easley, professor of international studies"
        phrase, rest = phrase.split(",", 1)
        appositive = appositive or rest
    words = _words(phrase)
    definite = False
    if words and words[0].lower() in _DETERMINERS:
        definite = words[0].lower() not in {"a", "an"}
        words = words[1:]
    elif words and words[0].lower() in _POSSESSIVE_PRONOUNS:
        words = words[1:]
    if not words:
        return None
    mention = _parse_words(words, definite, acronym, title_case, sentence_initial)
    if mention is None:
        return None
    mention.hints |= _appositive_hints(appositive)
    return _classify_by_hints(mention)

# ---------------------------------------------------------------------------------------
# 4. Candidates: every reporting construction in one sentence
# ---------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    position: int          # where the attribution sits; the earliest main one wins
    phrase: str            # the speaker's noun phrase as written
    appositive: str = ""   # ", an analyst at ...," between the speaker and the verb
    main: bool = True      # False inside "although X said", "after X said", "that X said"
    according: bool = False


_ADJECTIVE_PARTICIPLES = set("""
unnamed retired united elected appointed embattled beleaguered disgraced jailed accused alleged
suspected concerned affected armed related registered licensed trusted informed unidentified
leading ruling governing acting visiting outgoing incoming founding managing presiding ranking
sitting serving reigning opposing investigating prosecuting consulting returning involved
interested striking
""".split())
_PASSIVE_OR_STOP_AFTER_SAID = re.compile(r"^\s+to\b")
_ACT_OBJECT = re.compile(  # "denied the company a licence": an act, not a rejected claim
    r"^\s+(?:(?:him|her|them|us)\s+\w+"
    r"|(?!that\b)(?:the|a|an|his|her|its|their)?\s*(?:(?!that\b)[\w'£€$.,-]+\s+){0,5}?"
    r"(?:request|application|bid|"
    r"motion|appeal|permission|access|entry|bail|licen[cs]e|visa|permit|petition|asylum|clearance|"
    r"approval|funding|refund|membership|accreditation|"
    r"insurance claim|compensation claim)s?\b"
    r"|(?:the|his|her|its|their)\s+(?:(?!(?:as|that|was|is|were|are|had|has|would|will|could)\b)"
    r"[\w'-]+\s+){1,3}(?:a|an)\s)"
)
_DENY_VERBS = {"deny", "denies", "denied", "reject", "rejects", "rejected", "dismiss",
               "dismisses", "dismissed"}
_DOUBT_OBJECTS = re.compile(r"^\s+(?:\w+\s+){0,2}(?:doubts?|concerns?|scepticism|skepticism|"
                            r"confidence|hopes?|fears?|regret|surprise|support|opposition|"
                            r"frustration|anger|dismay|alarm|reservations|worries)\b")


def _object_allows_report(verb: str, after: str) -> bool:
    """Some verbs report speech only with the right object (see the lexicon notes)."""
    clause = re.split(r"[,.;:]", after, maxsplit=1)[0]
    if verb in _NOUN_LIKE_VERBS and not _CLAUSE_OPENERS.match(after):
        return False  # "US state department", "Contrary to those reports,"
    if verb in _NEEDS_EVALUATION:
        return bool(re.match(r"^\s+(?:it|them|this|that|him|her|these|those)\b", after)
                    or _quote_marks(clause) or " as " in clause)
    if verb in _NEEDS_DOUBT_OBJECT:
        return bool(_DOUBT_OBJECTS.match(after))
    if verb in _NEEDS_CLAUSE:
        clause_follows = re.match(r"^\s+(?:that|he|she|it|they|there|we|i)\b", after)
        return bool(clause_follows or _quote_marks(clause))
    if verb in _DENY_VERBS and _ACT_OBJECT.match(after):
        return False
    if verb == "said" and _PASSIVE_OR_STOP_AFTER_SAID.match(after):
        return False  # "is said to", "said by"
    if verb.startswith("accuse") and re.match(r"^\s+of\b", after):
        return False  # "Celebrity cook accused of torching ...": a passive headline
    if verb.startswith("report") and re.match(r"^\s+to\b", after):
        return False  # "he reported to the control station": an act
    return True


# Adjectives that take a phrase inside a subject: "a source close to the minister".
_LINKING_ADJECTIVES = {"close", "familiar", "linked", "related", "connected", "allied", "loyal",
                       "near"}
# Prepositions inside a subject: "people familiar with the matter".
_NP_PREPOSITIONS = {"of", "for", "with", "at", "in", "from", "on", "to", "close", "by"}
# Words in -ly that are not adverbs.
_LY_NOUNS = {"family", "ally", "assembly", "supply", "rally", "daily", "weekly", "monthly",
             "quarterly", "italy", "bully", "belly"}


def _np_start(tokens: list[_Token], end: int) -> int:
    """Index where the noun phrase ending just before tokens[end] begins (reading leftwards)."""
    i = end
    while i > 0:
        take, go_on = _leftward_step(tokens, i, end)
        i -= take
        if not go_on:
            break
    while i < end and tokens[i].text in _NP_PREPOSITIONS:
        i += 1  # a phrase does not start with a preposition
    return i


def _leftward_step(tokens: list[_Token], i: int, end: int) -> tuple[int, bool]:
    """How many tokens left of i belong to the subject phrase, and whether it goes on."""
    word, lower = tokens[i - 1].text, tokens[i - 1].text.lower()
    before = tokens[i - 2].text if i >= 2 else ""
    if word == ")" and i >= 3 and tokens[i - 3].text == "(":
        return 3, True  # "(NIS)"
    if lower in _PRONOUNS:
        return (1 if i == end else 0), False  # "he said", but not "... it the agency said"
    if lower in _DETERMINERS | _POSSESSIVE_PRONOUNS:
        inside = before in _NP_PREPOSITIONS and i >= 3 and re.match(r"\w", tokens[i - 3].text) \
            and tokens[i - 3].text.lower() not in _NP_STOP_WORDS
        return (2, True) if inside else (1, False)  # "people familiar with the matter" / "the"
    if lower == "and" and end > i and _is_capitalised(tokens[i].text) and _is_capitalised(before):
        return 1, True  # "Russia and North Korea"
    if (lower in {"to", "with"} and before in _LINKING_ADJECTIVES) or (
            lower == "by" and before.islower() and _looks_verbal(before)):
        return 1, True  # "a source close to Brenner", "residents interviewed by this paper"
    if lower in {"itself", "themselves"} and before == "calling":
        return 2, True  # "a group calling itself GreyLantern"
    stop_word = lower in _NP_STOP_WORDS and not (word.isupper() and len(word) > 1)  # not 'US'
    if not re.match(r"[\w&]", word) or word[0].isdigit() or stop_word:
        return 0, False
    right = tokens[i].text if i < end else ""
    modifier = _looks_verbal(lower) and (before.lower() in _DETERMINERS | _POSSESSIVE_PRONOUNS or (
        lower.endswith("ing") and right.islower() and right not in _NP_STOP_WORDS | _DETERMINERS))
    verb_like = lower in _FINITE_STOPS or _looks_verbal(lower) or (
        lower.endswith("ly") and lower not in _LY_NOUNS)
    if not _is_capitalised(word) and verb_like and not modifier:  # not "Her training partner"
        return 0, False
    return 1, True


def _looks_verbal(word: str) -> bool:
    return (word.endswith("ed") or word.endswith("ing")) and word not in _ADJECTIVE_PARTICIPLES


def _opens_main_clause(prefix: list[_Token]) -> bool:
    """Is a subject after this prefix the subject of a main clause?"""
    if not prefix:
        return True
    last = prefix[-1].text
    if last.lower() in _SUBORDINATORS:
        return False
    if last in {",", ":", "—", "–", "-", "(", "'"} or last in _QUOTE_CHARS:
        return True
    role = last.lower() in _PERSON_NOUNS or last.lower() in _ORG_CLASS_OF  # "Regulator the X said"
    if len(prefix) == 1 and (last in {"But", "And", "Yet", "So", "Still"} or role):
        return True
    if last in {"and", "but"} and len(prefix) > 1 and prefix[-2].text == ",":
        return False  # "It remains unclear ..., and the authority said": the first clause decides
    text = " ".join(t.text for t in prefix)
    return bool(_LEADING_ADVERBIAL.match(text)) and "," not in text and len(prefix) <= 8


def _has_content(tokens: list[_Token]) -> bool:
    return any(t.text.lower() not in _DETERMINERS | _POSSESSIVE_PRONOUNS and re.match(r"\w", t.text)
               for t in tokens)


def _span(sentence: str, tokens: list[_Token], start: int, end: int) -> str:
    return sentence[tokens[start].start: tokens[end - 1].end] if end > start else ""


def _subject_before(sentence: str, tokens: list[_Token], verb: int,
                    allow_be: bool = False) -> _Candidate | None:
    """The subject of the verb at tokens[verb], looking leftwards past adverbs and appositives."""
    left = sentence[: tokens[verb].start].rstrip()
    between = _BETWEEN_SUBJECT_AND_VERB.search(" " + left)
    if between:
        skipped = between.group().split()
        if not allow_be and any(w in _BE_FORMS for w in skipped):
            return None  # passive: "has been confirmed", "is believed"
        if "will" in skipped:
            return None  # "will argue on Tuesday": a plan the outlet reports
        left = (" " + left)[: between.start()][1:]
    end = verb
    while end > 0 and tokens[end - 1].end > len(left):
        end -= 1
    if end > 0 and tokens[end - 1].text == ",":
        return _subject_before_appositive(sentence, tokens, end - 1)
    start = _np_start(tokens, end)
    if _is_list_before(tokens, start):  # "The U.S., South Korea, and their partners"
        start = 0
    if start >= 2 and tokens[start - 1].text == "and":  # "the critic and academy member X"
        wider = _np_start(tokens, start - 1)
        if wider < start - 1 and _opens_main_clause(tokens[:wider]):
            start = wider
    if end > start and tokens[end - 1].text.lower() in _PP_WORDS | _DETERMINERS | {"to", "by"}:
        return None  # "... close to deal on disputed gas field": no subject ends in 'on'
    possessive = re.search(r"'s?$", tokens[end - 1].text) if end > start else None
    if possessive and tokens[verb].text in _NOUN_LIKE_VERBS:
        return None  # "The Post's claim that ...": a noun after a possessive
    main = _opens_main_clause(tokens[:start])
    if not main or not _has_content(tokens[start:end]):
        relative = _subject_before_relative_clause(left)
        if relative or not _has_content(tokens[start:end]):
            return relative
    return _Candidate(tokens[start].start, _span(sentence, tokens, start, end), main=main)


def _is_list_before(tokens: list[_Token], start: int) -> bool:
    """Do the words before ', and X' list other names from the start of the sentence?"""
    if start < 3 or tokens[start - 1].text != "and" or tokens[start - 2].text != ",":
        return False
    items = " ".join(t.text for t in tokens[: start - 2]).split(" , ")
    return len(items) >= 2 and all(0 < len(i.split()) <= 4 and _is_capitalised(i) for i in items)


def _subject_before_appositive(sentence: str, tokens: list[_Token],
                               comma: int) -> _Candidate | None:
    """'X, who chairs the committee, said' / 'His brother, Gary Pell, told' / 'X, 58, who ...'."""
    commas = [i for i in range(comma - 1, -1, -1) if tokens[i].text == ","][:3]
    for open_comma in commas:
        start = _np_start(tokens, open_comma)
        if not _has_content(tokens[start:open_comma]) or not _opens_main_clause(tokens[:start]):
            continue
        phrase = _span(sentence, tokens, start, open_comma)
        appositive = _span(sentence, tokens, open_comma + 1, comma)
        if _names_the_described(phrase, appositive):
            phrase, appositive = appositive, phrase
        return _Candidate(tokens[start].start, phrase, appositive)
    return None


def _names_the_described(phrase: str, appositive: str) -> bool:
    """'His brother, Gary Pell,': the appositive is the name, the phrase only describes."""
    words = _description_core([w for w in _words(phrase)
                               if w.lower() not in _DETERMINERS | _POSSESSIVE_PRONOUNS])
    head = words[-1].lower() if words else ""
    in_a_place = _words(phrase)[-1].lower() in _PLACE_NOUNS and head not in _PERSON_NOUNS
    described = 0 < len(words) <= 8 and not _is_capitalised(words[-1]) and (
        head not in _PLACE_NOUNS and not in_a_place)  # not "the embassy in Merovia's capital, Estrin"
    described = described or phrase.lower() in {"another", "one", "a second", "a third"}
    first = _words(appositive)[0].lower() if _words(appositive) else ""
    if not described or not first or _looks_verbal(first) or first in _NP_STOP_WORDS:
        return False  # "South Korean media, citing the NIS," is not a name
    named = _parse_mention(appositive)
    return named is not None and named.kind in {"person", "org", "name"}


def _subject_before_relative_clause(left: str) -> _Candidate | None:
    """'Legal scholars who have followed the trial are less sure.'"""
    match = re.match(r"^(?:[^,]*,\s*)?((?:[A-Z]|the |a |an )[^,]*?)\s+(?:who|which)\s+[^,]*$", left)
    words = _words(match.group(1)) if match else []
    if not match or any(w.lower() in _VERB_WORDS or _looks_verbal(w) for w in words):
        return None
    return _Candidate(match.start(1), match.group(1))


_AFTER_INVERTED_NAME = set("""
in on at during after before when while who adding saying according as to from last this
yesterday today earlier later outside told
""".split())
_SPECIAL_CONSTRUCTIONS = re.compile(  # the subject precedes these; their "be" is not passive
    r"\b(?:is|are|was|were|has been|have been|had been)\s+quoted\s+"
    r"(?:(?:by|in)\s+[^,]+?\s+)?as\s+saying"
    r"|\b(?:is|are|was|were|isn't|aren't|wasn't|weren't|remains?|remained|seemed|seems?|"
    r"appeared|appears?)\s+"
    r"(?:(?:not|less|more|far|from|much|so|still|also|earlier|now|\w+ly)\s+)*"
    r"(?:sceptical|skeptical|doubtful|unconvinced|adamant|"
    r"confident|convinced|cautious|optimistic|pessimistic|certain|sure|wary|unsure|divided|"
    r"hopeful|worried)\b"
    r"|\b(?:released|issued|put out|published)\s+(?:a|an)\s+(?:\w+\s+)?(?:statement|communiqu[eé])"
    r"|\bpleaded\s+(?:not\s+)?(?:guilty|innocent)"
    r"|\b(?:push(?:es|ed)?|hits?|fir(?:es|ed)|play(?:s|ed)?|lash(?:es|ed)?|brush(?:es|ed)?)\s+"
    r"(?:back|down|out|aside)\b"
    r"|\bmade\s+(?:a|an|the)\s+(?:\w+\s+)?(?:claim|allegation|accusation)"
    r"|\b[a-z]+ed(?:\s+\w+){0,3}?:\s*(?=[“\"'])"  # "X fumed: 'This is a disgrace.'"
)
# "X convened a meeting, saying ...": the participle reports for the sentence's subject.
_SPEECH_PARTICIPLE = re.compile(r",\s+(?:saying|writing|telling|adding|insisting|arguing|claiming|"
                                r"warning|denying)\b|\b(?:statement|message|post|note|letter|video)"
                                r"\b[^,.;]*?\s(?:saying|writing)\b")
_HEADLINE_KICKERS = {"breaking", "exclusive", "analysis", "opinion", "live", "watch", "update",
                     "explainer", "comment", "editorial", "review", "interview", "factbox",
                     "timeline", "video", "photos", "pictured", "revealed"}


def _noun_phrase_after(sentence: str, tokens: list[_Token], first: int,
                       after_quote: bool) -> tuple[str, str] | None:
    """The speaker after an inverted verb: '..., said Mirela Tesh, the lead prosecutor.'"""
    end = first
    while end < len(tokens) and (re.match(r"[\w&]", tokens[end].text) or tokens[end].text in "()") \
            and tokens[end].text.lower() not in _AFTER_INVERTED_NAME:
        end += 1
    words = [t.text for t in tokens[first:end] if not t.text.isupper()]
    clause_words = [w for w in words if w.lower() in _NP_STOP_WORDS | _VERB_WORDS
                    or (w.islower() and _looks_verbal(w) and w not in _TITLES)]
    if end == first or end - first > 10 or clause_words:
        return None  # "..., said a faulty update had ..." is a clause, not a speaker
    following = tokens[end].text if end < len(tokens) else "."
    allowed = {".", ",", "!", "?"}
    if after_quote:
        allowed |= _AFTER_INVERTED_NAME | {";", ":", "(", "—", "–"}
    if following.lower() not in allowed:
        return None  # "..., said Russia has ..." is not an inverted attribution
    appositive = ""
    if end < len(tokens) and tokens[end].text == ",":
        appositive = re.split(r"[,;.]\s", sentence[tokens[end].end:] + " ", maxsplit=1)[0]
    return _span(sentence, tokens, first, end), appositive


def _according_to(sentence: str, tokens: list[_Token]) -> list[_Candidate]:
    found = []
    for k in range(len(tokens) - 2):
        if tokens[k].text.lower() == "according" and tokens[k + 1].text == "to":
            end = k + 2
            while end < len(tokens) and (re.match(r"[\w&]", tokens[end].text)
                                         or tokens[end].text in "()"):
                end += 1
            if end > k + 2:
                found.append(_Candidate(tokens[k].start, _span(sentence, tokens, k + 2, end),
                                        according=True))
    return found


def _verb_candidate(sentence: str, tokens: list[_Token], k: int,
                    title_case: bool) -> _Candidate | None:
    word = tokens[k].text
    after = sentence[tokens[k].end:]
    after_quote = tokens[k - 1].text in {"'", '"'} | set(_CLOSE_QUOTES) or (
        k > 1 and tokens[k - 2].text in {"'", '"'} | set(_CLOSE_QUOTES))
    inverted_verb = re.fullmatch(_INVERTED_VERBS, word if not title_case else word.lower()) or (
        after_quote and re.fullmatch(r"[a-z]+ed", word))  # "..., fumed boss Marcus Tolley."
    after_break = k > 0 and tokens[k - 1].text in {",", "—", "–", "'", '"'} | set(_CLOSE_QUOTES)
    if inverted_verb and after_break:
        speaker = _noun_phrase_after(sentence, tokens, k + 1, after_quote)
        if speaker:
            return _Candidate(tokens[k].start, speaker[0], speaker[1])
    if word not in _VERB_WORDS or not _object_allows_report(word, after):
        return None
    speech = re.fullmatch(_INVERTED_VERBS, word) or word in _DENY_VERBS  # not "and suspected X"
    if k > 1 and tokens[k - 1].text in {"and", "but"} and tokens[k - 2].text != "," and speech:
        subject = _leading_subject(sentence, tokens)  # "X has stood by its review and says ..."
        subject_end = subject.position + len(subject.phrase) if subject else len(sentence)
        following = next((t for t in tokens if t.start > subject_end), None)
        passive = following is not None and following.text in _BE_FORMS  # "X was valued ... and says"
        return None if passive else subject
    if word in _NOUN_LIKE_VERBS and tokens[k - 1].text in {"may", "might", "can", "could", "will"}:
        return None  # "customers may claim a refund": a permission, not a claim
    return _subject_before(sentence, tokens, k)


def _headline_label(sentence: str) -> _Candidate | None:
    """'S. Korea: N. Korean troops in Russia prepare ...' - a headline that names its source.
    An all-capitals label is a name only when short ('ROARKE:'), not a kicker ('SPY IN THE ...')."""
    match = re.match(r"^([A-Z][\w.'\- ]{1,40}?):\s+\S", sentence)
    if not match or sentence.rstrip().endswith((".", "?")):
        return None
    label = match.group(1)
    words = label.split()
    if label.isupper():
        if len(words) > 2:
            return None
        label = " ".join(w.capitalize() if len(w) > 3 else w for w in words)
    if len(words) > 6 or words[0].lower() in _HEADLINE_KICKERS:
        return None
    mention = _parse_mention(label)
    named = mention is not None and mention.kind in {"org", "person", "name"}
    if not named or not _is_capitalised(words[-1]):
        return None
    return _Candidate(0, label)


def _after_leading_adverbial(tokens: list[_Token]) -> int:
    """Index after 'In a post on Wednesday,' or 'But' at the start of a sentence."""
    if tokens and tokens[0].text in {"But", "And", "Yet", "So", "Still"}:
        return 1
    first = tokens[0].text if tokens else ""
    opener = first in _SENTENCE_WORDS or _looks_verbal(first.lower())  # "In ...,", "Asked ...,"
    comma = next((i for i, t in enumerate(tokens[:15]) if t.text == ","), None)
    return comma + 1 if opener and comma is not None else 0


def _leading_subject(sentence: str, tokens: list[_Token]) -> _Candidate | None:
    """The subject that opens the sentence: names, and common nouns before a role or body noun."""
    start = i = _after_leading_adverbial(tokens)
    heads = _PERSON_NOUNS | set(_ORG_CLASS_OF)
    if i < len(tokens) and tokens[i].text.lower() in _DETERMINERS | _POSSESSIVE_PRONOUNS:
        i += 1
    while i < len(tokens):
        word, lower = tokens[i].text, tokens[i].text.lower()
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if (_is_capitalised(word) and word not in _SENTENCE_WORDS) or lower in heads \
                or (lower in {"of", "for", "&"} and _is_capitalised(following)) \
                or (word.islower() and lower not in _NP_STOP_WORDS and not _looks_verbal(lower)
                    and following.lower() in heads):
            i += 1
            continue
        break
    if not _has_content(tokens[start:i]):
        return None
    phrase = _span(sentence, tokens, start, i)
    close = next((j for j in range(i + 1, len(tokens)) if tokens[j].text == ","), None)
    if i < len(tokens) and tokens[i].text == "," and close:  # "Belmar's prime minister, Tom Ryel,"
        appositive = _span(sentence, tokens, i + 1, close)
        if _names_the_described(phrase, appositive):
            phrase = appositive
    return _Candidate(tokens[start].start, phrase)


def _find_candidates(sentence: str) -> list[_Candidate]:
    """Every attribution in the sentence, in order; quotations are skipped (their words
    belong to the quoted speaker, not to the sentence)."""
    tokens = _tokens(sentence)
    quotes = _quoted_spans(sentence)
    title_case = _is_title_case(sentence)
    found = _according_to(sentence, tokens)
    for k, token in enumerate(tokens):
        if not _inside(token.start, quotes) and (token.text in _VERB_WORDS or title_case):
            candidate = _verb_candidate(sentence, tokens, k, title_case)
            if candidate:
                found.append(candidate)
    for match in _SPECIAL_CONSTRUCTIONS.finditer(sentence):
        k = next(i for i, t in enumerate(tokens) if t.start >= match.start())
        if not _inside(match.start(), quotes):
            candidate = _subject_before(sentence, tokens, k, allow_be=True)
            if candidate:
                found.append(candidate)
    found = [c for c in found if not _inside(c.position, quotes)]
    if not any(c.main for c in found) and _SPEECH_PARTICIPLE.search(_outside_quotes(sentence)):
        subject = _leading_subject(sentence, tokens)
        found += [subject] if subject else []
    if not found:
        label = _headline_label(sentence)
        found = [label] if label else []
    # "X, according to Y": Y vouches for the whole sentence, so it comes first.
    return sorted(found, key=lambda c: (not c.according, c.position))

# ---------------------------------------------------------------------------------------
# 5. Comparing source names
# ---------------------------------------------------------------------------------------

_DEMONYM_ENDINGS = {"", "n", "an", "ian", "ese", "i", "ish", "e", "a", "s"}


def _fold(word: str) -> str:
    """Lower case without accents or possessive: 'Österlund's' -> 'osterlund'."""
    decomposed = unicodedata.normalize("NFKD", _strip_possessive(word))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().rstrip(".")


def _same_word(a: str, b: str) -> bool:
    """Equal, a country and its demonym (Korea/Korean), or a transliteration variant
    (Zelensky/Zelenskyy/Zelenskiy)."""
    if a == b:
        return True
    common = len(os.path.commonprefix([a, b]))
    if common >= 4 and a[common:] in _DEMONYM_ENDINGS and b[common:] in _DEMONYM_ENDINGS:
        return True
    return min(len(a), len(b)) >= 6 and common >= max(len(a), len(b)) - 2


def _name_parts(name: str) -> tuple[list[str], str]:
    """Words of a source name that identify it, and its acronym if it gives one.

    Articles, quantifiers, possessors and titles before a name go: 'South Korea's National
    Intelligence Service (NIS)' -> (['National', 'Intelligence', 'Service'], 'NIS').
    """
    phrase, acronym = _split_acronym(_clean_phrase(name))
    words = [w for w in _words(phrase) if w.lower() not in _QUANTIFIERS]
    possessor, rest = _split_possessor(words)
    if possessor and rest and _is_capitalised(rest[0]):
        words = rest
    stripped, _ = _strip_titles(words)
    if stripped and _is_capitalised(stripped[0]):
        words = stripped
    small = _NAME_CONNECTORS | {"at", "in", "on", "from", "by", "to", "with"}
    return [w for w in words if w.lower() not in small or w == "&"], acronym


def _is_personal_name(words: list[str]) -> bool:
    return (1 <= len(words) <= 4 and all(_is_capitalised(w) and not w.isupper() for w in words)
            and not {_fold(w) for w in words} & _ORG_NAME_WORDS
            and _fold(words[0]) not in _PLACE_PREFIXES)


def canonical_source_key(name: str) -> str:
    """A normalised key: one person -> their surname, a body -> its acronym or its words.

    'Dmitry Peskov', 'Peskov', 'presidential spokesman Dmitry Peskov' -> 'peskov';
    'National Intelligence Service (NIS)' and 'NIS' -> 'nis'.
    """
    words, acronym = _name_parts(name)
    if acronym:
        return acronym.lower()
    if not words:
        return ""
    if _is_personal_name(words):
        return _fold(words[-1])
    return " ".join(_fold(w) for w in words)


def _is_anaphor(name: str) -> bool:
    """'it', 'the agency', 'the spy agency': they need the article to mean anything."""
    words = _words(_clean_phrase(name))
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return True
    return bool(words) and words[0].lower() in {"the", "this", "that"} and not any(
        _is_capitalised(w) for w in words[1:])


def _initials(words: list[str]) -> str:
    return "".join(w[0] for part in words if _is_capitalised(part) for w in part.split("-")
                   if w and w[0].isupper()).lower()


def _contains(longer: list[str], shorter: list[str]) -> bool:
    span = len(shorter)
    return any(all(_same_word(a, b) for a, b in zip(longer[i: i + span], shorter))
               for i in range(len(longer) - span + 1))


def sources_match(predicted: str, gold: str) -> bool:
    """Lenient comparison of two source names (see the module docstring)."""
    if not predicted or not gold or _is_anaphor(predicted) or _is_anaphor(gold):
        return False
    if canonical_source_key(predicted) == canonical_source_key(gold):
        return True
    (words_a, acronym_a), (words_b, acronym_b) = _name_parts(predicted), _name_parts(gold)
    if not words_a or not words_b:
        return False
    for words, acronym, other in ((words_a, acronym_a, words_b), (words_b, acronym_b, words_a)):
        short = acronym or (words[0] if len(words) == 1 and words[0].isupper() else "")
        if short and len(short) > 1 and short.lower() == _initials(other):
            return True
    folded_a, folded_b = [_fold(w) for w in words_a], [_fold(w) for w in words_b]
    if sorted(folded_a) == sorted(folded_b):
        return True  # "spokeswoman for the authority" / "authority spokeswoman"
    shorter, longer = sorted((folded_a, folded_b), key=len)
    return _contains(longer, shorter) or (len(shorter) >= 2 and _in_order(longer, shorter))


def _in_order(longer: list[str], shorter: list[str]) -> bool:
    """'Emil's physician' in 'Emil Sandvik's physician': every word, in the same order."""
    position = 0
    for word in shorter:
        position = next((i + 1 for i in range(position, len(longer)) if _same_word(longer[i], word)), -1)
        if position < 0:
            return False
    return True

# ---------------------------------------------------------------------------------------
# 6. Resolving mentions inside one article
# ---------------------------------------------------------------------------------------


@dataclass
class _Entity:
    name: str
    kind: str                                       # person | org | group
    heads: set[str] = field(default_factory=set)    # words it was called by: agency, professor
    qualifier: str = ""                             # 'south korea' for its spy agency
    acronym: str = ""


def _org_classes(words: set[str]) -> set[str]:
    return {_ORG_CLASS_OF[w] for w in words if w in _ORG_CLASS_OF}


def _qualifiers_agree(a: str, b: str) -> bool:
    if not a or not b:
        return True
    words_a, words_b = a.split(), b.split()
    shorter, longer = sorted((words_a, words_b), key=len)
    return _contains(longer, shorter)


def _entity_words(mention: Mention) -> set[str]:
    return {_fold(w) for w in mention.name.split()} | {mention.head} | mention.hints


# A run of capitalised words, with the small words that names contain ("Institute for the ...").
_NAME_RUN = r"(?:[A-Z][\w'&\-.]*\s+(?:(?:of|for|the|and|&)\s+)*)"


class _Article:
    """The named sources met so far in one article, most recent last."""

    def __init__(self, texts: list[str], outlet: str, mentions: list[list[Mention]]):
        self.texts = texts
        self.outlet = outlet
        self.mentions = mentions          # main-clause mentions of every sentence
        self.entities: list[_Entity] = []
        self.last_seen: dict[int, int] = {}   # id(entity) -> sentence index

    def _use(self, entity: _Entity, index: int) -> _Entity:
        if entity in self.entities:
            self.entities.remove(entity)
        self.entities.append(entity)
        self.last_seen[id(entity)] = index
        return entity

    def note_subject(self, index: int) -> None:
        """A person or body that opens a sentence without speaking in it can still be 'he',
        'she' or 'the company' in a later sentence."""
        tokens = _tokens(self.texts[index])
        subject = _leading_subject(self.texts[index], tokens)
        mention = _parse_mention(subject.phrase) if subject else None
        if mention and mention.kind in {"person", "name"}:
            resolve = self._person if mention.kind == "person" else self._bare_name
            entity = resolve(mention, index)
            if entity.kind == "person":
                self._use(entity, index)
        elif mention and mention.kind == "org":
            self._use(self._org(mention, index), index)

    def _recent(self, kind: str) -> list[_Entity]:
        return [e for e in reversed(self.entities) if e.kind == kind]

    def resolve(self, mention: Mention, index: int) -> _Entity | None:
        handler = {
            "pronoun": self._pronoun, "statement": self._statement, "person": self._person,
            "name": self._bare_name, "org": self._org, "desc_org": self._described_org,
            "desc_person": self._described_person, "group": self._group,
        }[mention.kind]
        entity = handler(mention, index)
        return self._use(entity, index) if entity else None

    # -- pronouns and bare descriptions ---------------------------------------------------

    def _pronoun(self, mention: Mention, index: int) -> _Entity | None:
        wanted = _PRONOUNS[mention.name]
        candidates = self._recent(wanted) or (self._recent("org") if wanted == "group" else [])
        return candidates[0] if candidates else None

    def _statement(self, mention: Mention, index: int) -> _Entity | None:
        """'The statement said': the body or person that issued the last statement."""
        return self.entities[-1] if self.entities else None

    def _group(self, mention: Mention, index: int) -> _Entity:
        for entity in reversed(self.entities):
            same_name = _fold(entity.name) == _fold(mention.name)
            same_kind = mention.definite and mention.head in entity.heads and _qualifiers_agree(
                mention.qualifier, entity.qualifier)
            if entity.kind == "group" and (same_name or same_kind):
                return entity
        return _Entity(mention.name, "group", _entity_words(mention), mention.qualifier)

    def _described_person(self, mention: Mention, index: int) -> _Entity:
        """'the professor' -> the last person called a professor, else the person just
        quoted; a headline's 'the chairman' may be named in the next sentences."""
        if mention.definite:
            people = self._recent("person")
            for entity in people:
                if mention.head in entity.heads:
                    return entity
            if people and index - self.last_seen[id(people[0])] <= 3:
                return people[0]
            for later in self._later(index, 2):
                if later.kind == "person":
                    return self._person(later, index)
        return _Entity(self._owned_name(mention, index), "person", _entity_words(mention))

    def _later(self, index: int, window: int) -> list[Mention]:
        return [m for sentence in self.mentions[index + 1: index + 1 + window] for m in sentence]

    # -- named people ---------------------------------------------------------------------

    def _person(self, mention: Mention, index: int) -> _Entity:
        """A later 'Mr. Hong' or 'Peskov' is the person the article named in full."""
        words = [_fold(w) for w in mention.name.split()]
        for entity in self._recent("person"):
            known = [_fold(w) for w in entity.name.split()]
            shorter, longer = sorted((words, known), key=len)
            if _contains(longer, shorter) or _same_word(words[-1], known[-1]):
                if len(words) > len(known):
                    entity.name = mention.name
                entity.heads |= mention.hints
                return entity
        name = mention.name
        if len(mention.name.split()) == 1:
            name, titles = self._full_name(mention.name, index) or (name, set())
            mention.hints |= titles
        return _Entity(name, "person", _entity_words(mention) | {mention.head})

    def _bare_name(self, mention: Mention, index: int) -> _Entity:
        """One capitalised word: a surname ('Falk') or a body ('Russia', 'Kremlin')."""
        word = _fold(mention.name)
        for entity in reversed(self.entities):
            named = all(_is_capitalised(w) for w in entity.name.split())
            shares_word = any(_same_word(word, _fold(w)) for w in entity.name.split())
            if entity.kind == "person" and named and shares_word:
                return entity
            if entity.kind == "org" and sources_match(entity.name, mention.name):
                return entity
        full = self._full_name(mention.name, index)
        if full:
            return _Entity(full[0], "person", full[1] | {word})
        return self._org(mention, index)

    def _full_name(self, surname: str, index: int) -> tuple[str, set[str]] | None:
        """The fullest form of a name in the article, earlier text first: 'Hong Min'."""
        pattern = re.compile(rf"((?:[A-Z][\w'\-.]*\s+){{0,4}}){re.escape(surname)}"
                             rf"((?:\s+[A-Z][\w'\-]*){{0,2}})")
        for text in self.texts[: index + 1] + self.texts[index + 1:]:
            for match in pattern.finditer(text):
                words = (match.group(1) + surname + match.group(2)).split()
                _, words = _split_possessor(words)
                words, titles = _strip_titles(words)
                words = [w for w in words if not (w in _SENTENCE_WORDS | _CALENDAR_WORDS
                                                  or w.endswith("'s") or _looks_verbal(w.lower()))]
                if len(words) >= 2 and surname in words and _is_personal_name(words):
                    return " ".join(words), titles
        return None

    # -- named and described bodies -------------------------------------------------------

    def _org(self, mention: Mention, index: int) -> _Entity:
        name, acronym = mention.name, mention.acronym
        if name.isupper() and len(name) > 1 and " " not in name:  # 'NIS', 'the DID'
            acronym = name
            name = self._acronym_definition(name) or name
        for entity in reversed(self.entities):
            same_acronym = acronym and acronym in {entity.acronym, _initials(entity.name.split())}
            if entity.kind == "org" and (same_acronym or sources_match(entity.name, name)):
                entity.qualifier = entity.qualifier or mention.qualifier
                entity.acronym = entity.acronym or acronym
                return entity
        return _Entity(name, "org", _entity_words(mention) | {_fold(w) for w in name.split()},
                       mention.qualifier, acronym)

    def _acronym_definition(self, acronym: str) -> str | None:
        """'South Korea's National Intelligence Service (NIS)' defines 'NIS'."""
        pattern = re.compile(rf"((?:{_NAME_RUN}){{1,6}})\({re.escape(acronym)}\)")
        for text in self.texts:
            match = pattern.search(text)
            if match:
                _, words = _split_possessor(match.group(1).split())
                words = [w for w in words if w not in _SENTENCE_WORDS]
                if words:
                    return " ".join(words)
        return None

    def _fits(self, mention: Mention, entity: _Entity) -> bool:
        same_class = _ORG_CLASS_OF.get(mention.head, "-") in _org_classes(entity.heads)
        same_head = mention.head in entity.heads or same_class
        agree = _qualifiers_agree(mention.qualifier, entity.qualifier)
        return entity.kind == "org" and same_head and agree

    def _described_org(self, mention: Mention, index: int) -> _Entity | None:
        """'the agency' -> the last body called so, a body whose name ends in the head ('the
        trust'), the last body of that kind, or the one a headline's 'spy agency' names next."""
        mention = self._presidential_office(mention, index)
        owner = self._owner(mention, index)
        if owner:  # "Halvorsen's office" belongs to one person: never another office
            mention.qualifier = _fold(owner)
            for entity in self._recent("org"):
                if mention.head in entity.heads and entity.qualifier == mention.qualifier:
                    return entity
            name = self._owned_name(mention, index)
            return _Entity(name, "org", _entity_words(mention), mention.qualifier)
        exact = [e for e in reversed(self.entities) if e.kind == "org" and mention.head in e.heads
                 and _qualifiers_agree(mention.qualifier, e.qualifier)]
        similar = [e for e in reversed(self.entities) if self._fits(mention, e)]
        strategies = (  # in order of trust
            lambda: exact,
            lambda: [e for e in similar if index - self.last_seen[id(e)] <= 2],  # just quoted
            lambda: self._named_with_head(mention, index, earlier=True),
            lambda: similar,
            lambda: [e for e in (self._org(m, index) for m in self._later(index, len(self.texts))
                                 if m.kind == "org") if self._fits(mention, e)],
            lambda: self._named_with_head(mention, index, earlier=False),
        )
        results = (strategy() for strategy in strategies)
        entity = next((found[0] for found in results if found), None)
        if entity is None:
            if mention.definite and not mention.qualifier and _ORG_CLASS_OF.get(mention.head) == "company":
                return None  # "the company" with no company named: a press release's own voice
            return _Entity(mention.name, "org", _entity_words(mention), mention.qualifier)
        entity.heads.add(mention.head)
        entity.qualifier = entity.qualifier or mention.qualifier
        return entity

    def _named_with_head(self, mention: Mention, index: int, earlier: bool) -> list[_Entity]:
        named = self._name_with_head(mention.head, index, earlier)
        return [self._org(Mention("org", named, head=mention.head), index)] if named else []

    def _owner(self, mention: Mention, index: int) -> str | None:
        """The person who owns a body: 'Halvorsen's office' -> 'Ingrid Halvorsen'."""
        if not mention.possessor or not _is_personal_name(mention.possessor.split()):
            return None
        owner = mention.possessor.split()[-1]
        for entity in self._recent("person"):
            named = all(_is_capitalised(w) for w in entity.name.split())
            if named and any(_same_word(_fold(owner), _fold(w)) for w in entity.name.split()):
                return entity.name
        full = self._full_name(owner, index)
        return full[0] if full else None

    def _owned_name(self, mention: Mention, index: int) -> str:
        """'Mira's spokesperson' -> 'Mira Vallance's spokesperson' when the article names Mira."""
        owner = self._owner(mention, index)
        if not owner:
            return mention.name
        return f"{owner}'s {mention.name.split(chr(39) + 's ', 1)[-1]}"

    def _presidential_office(self, mention: Mention, index: int) -> Mention:
        """'Yoon's office' / 'the president's office' -> 'South Korean presidential office'
        when the article calls that person its country's president."""
        if mention.head != "office" or not mention.possessor:
            return mention
        holder = mention.possessor.split()[-1]
        who = "" if holder.lower() == "president" else \
            rf"\s+(?:[A-Z][\w'\-]*\s+){{0,3}}?{re.escape(holder)}\b"
        pattern = re.compile(rf"((?:[A-Z][\w'\-]*\s+){{0,3}})President{who}")
        found = [m.group(1).strip() for text in self.texts[: index + 1]
                 for m in pattern.finditer(text)]
        if not found:
            return mention
        qualifier = next((q for q in reversed(found) if q), "")
        qualifier = " ".join(w for w in qualifier.split() if w not in _SENTENCE_WORDS)
        name = f"{qualifier} presidential office".strip()
        folded = " ".join(_fold(w) for w in qualifier.split())
        return Mention("desc_org", name, head="office", qualifier=folded)

    def _name_with_head(self, head: str, index: int, earlier: bool) -> str | None:
        """A name the article gives that ends in the head ('Larkspur Children's Trust' for
        'the trust') or an appositive that defines it ('Dravik's company, Halvane Freight')."""
        title, word = re.escape(head.capitalize()), re.escape(head)
        end = r"(?=\s*[,.;)]|\s*$)"
        patterns = [
            rf"((?:{_NAME_RUN}){{1,5}}){title}\b",
            rf"\b({title}\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'&\-]*"
            rf"(?:\s+(?:of\s+|and\s+)?[A-Z][\w'&\-]*)*)",
            rf"\b{word},\s+((?:{_NAME_RUN}){{0,4}}[A-Z][\w'&\-+]*){end}",
            rf"(?:^|[,(]\s*)([A-Z][\w'&\-+]*(?:\s+[A-Z][\w'&\-+]*)*),\s+(?:a|an|the)\s+"
            rf"(?:[\w'\-]+\s+){{0,3}}?{word}(?![\w']){end}",
        ]
        texts = reversed(self.texts[:index]) if earlier else self.texts[index + 1:]
        for text in texts:
            for number, pattern in enumerate(patterns):
                match = re.search(pattern, text)
                if not match:
                    continue
                words = match.group(1).split() + ([head.capitalize()] if number == 0 else [])
                if number == 1:
                    return " ".join(words)
                _, words = _split_possessor(words)
                words = [w for w in words if w not in _SENTENCE_WORDS and w not in _CALENDAR_WORDS]
                if len(words) >= 2 or (words and number > 0):
                    return " ".join(words)
        return None

# ---------------------------------------------------------------------------------------
# 7. Sentence rules and the public entry point
# ---------------------------------------------------------------------------------------

# Rule 11: a source's silence is a fact the outlet reports.
_SILENCE = re.compile(
    r"\b(?:did not|didn't|does not|doesn't|has not|hasn't|have not|haven't|had not|hadn't|"
    r"would not|wouldn't|could not|couldn't|cannot|can't|will not|won't)\s+"
    r"(?:yet\s+|immediately\s+|publicly\s+|otherwise\s+)*"
    r"(?:respond\w*|reply|replied|comment\w*|answer\w*|disclose\w*|"
    r"return(?:ed)?\s+(?:calls|messages|emails|requests|a\s+request|a\s+call)|"
    r"(?:deny|denied|dispute\w*|contest\w*|challenge\w*)\b)"
    r"|\b(?:did not|didn't|has not|hasn't|have not|haven't|had not|hadn't)\s+(?:yet\s+)?"
    r"confirm(?:ed)?\b"
    r"|\b(?:has|have|had)\s+(?:yet\s+)?to\s+(?:respond|comment|confirm|reply)"
    r"|\b(?:declined|refused)\s+to\s+(?:comment|respond|say|elaborate|discuss|answer|"
    r"confirm or deny|be drawn|speculate|give|provide|reveal|disclose)"
    r"|\b(?:did not|didn't|has not|hasn't|have not|haven't|would not|wouldn't|will not|won't)\s+"
    r"(?:yet\s+|publicly\s+)?(?:say|said)\b"
    r"|\bno immediate (?:comment|response|reply)"
    r"|\bcould not be reached|\b(?:not|un)available for comment|\bwould not be drawn"
)
# Rule 1: a claim the outlet marks as unsupported is the outlet's hedge.
_OUTLET_DOUBT = re.compile(
    r"\bwithout (?:offering|providing|giving|presenting|citing|producing|publishing|naming|"
    r"showing|releasing|sharing|supplying)\b|\bwithout (?:any\s+)?evidence"
    r"|\b(?:has|have|had) not been independently (?:confirmed|verified)"
    r"|\bcould not be independently (?:confirmed|verified)"
    r"|\b(?:but|though|although)\s+(?:he|she|it|they)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:not\s+|never\s+)?(?:produced|offered|provided|given|gave|presented|shown|showed|"
    r"published|released)\s+(?:no|any|the)\s+(?:\w+\s+)?(?:evidence|proof|documents?|"
    r"documentation|receipts?|records?|retraction|sources?|details)\b"
)


def _silent(text: str) -> bool:
    """Rule 11, unless the silence only follows what the speaker did say ('..., and refused
    to discuss figures')."""
    match = _SILENCE.search(text)
    return bool(match) and not re.search(r",\s+(?:and|but)\s+(?:\w+\s+)?$", text[: match.start()])


def _is_question(text: str) -> bool:
    return text.rstrip(_QUOTE_CHARS + "' )").endswith("?")


def _main_mention(text: str) -> Mention | None:
    """The speaker of the main clause: the earliest main-clause attribution that parses."""
    title_case = _is_title_case(text)
    for candidate in _find_candidates(text):
        if candidate.main:
            mention = _parse_mention(candidate.phrase, candidate.appositive, title_case,
                                     sentence_initial=candidate.position == 0)
            if mention:
                return mention
    return None


def _continues_quotation(text: str, previous: str) -> bool:
    """Rule: a sentence that continues a quotation opened in the sentence before."""
    marks = _quote_marks(text)
    if not _quote_marks(previous):
        return False
    starts_quoted = bool(marks) and marks[0] == (0, "open")
    starts_inside = bool(marks) and marks[0][1] == "close"
    return starts_quoted or starts_inside or _leaves_quote_open(previous)


def attribute_sources(sentences: list[str], outlet: str) -> list[str]:
    """One canonical source per sentence of one article, in reading order."""
    texts = [_normalise(s) for s in sentences]
    mentions = [_main_mention(text) for text in texts]
    article = _Article(texts, outlet, [[m] if m else [] for m in mentions])
    sources: list[str] = []
    previous_speaker: str | None = None
    for index, (text, mention) in enumerate(zip(texts, mentions)):
        pronoun_later = mention is not None and mention.kind == "pronoun" \
            and not text.lower().startswith(mention.name)
        if mention is None or pronoun_later:  # "Rafferty refused ..." / "When X stood ..., he said"
            article.note_subject(index)
        entity = article.resolve(mention, index) if mention else None
        speaker = entity.name if entity else None
        plain = _outside_quotes(text)
        if _silent(plain) or _OUTLET_DOUBT.search(plain) or _is_question(text):
            speaker = None
        elif mention is None and previous_speaker and _continues_quotation(text, texts[index - 1]):
            speaker = previous_speaker
        if speaker and sources_match(speaker, outlet):
            speaker = None
        sources.append(speaker or outlet)
        previous_speaker = speaker
    return sources
