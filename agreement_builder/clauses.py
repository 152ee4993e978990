"""The clause library: one Jinja environment, the shipped (or the user's) clause templates, and rendering.

Templates live in `templates/clauses/` as `NAME.xml.j2` and write the XML vocabulary `document.py` reads.
A folder given with `--clauses` overrides them file by file and is rendered in Jinja's sandbox.
Every `{{ value }}` is escaped and wrapped as ``<v>`` so the reader keeps it exactly, and Jinja never
evaluates text from the input, so `{{ }}` or `<w:p>` in an agreement stays literal.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import jinja2.exceptions
from markupsafe import Markup, escape

from . import sandbox
from .errors import TemplateError, UsageError
from .files import NotRegularFile, read_file
from .template_cache import cache

SUFFIX = ".xml.j2"
MAX_TEMPLATE_BYTES = 1024 * 1024
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.xml\.j2$")


class _LoadError(TemplateError):
    """A user template that cannot be used as it stands; its message names the file already."""


class _Loader(jinja2.BaseLoader):
    """Finds a template in the user's folder first, then among the shipped ones; plain `NAME.xml.j2` file names
    only, and, in the user's folder, only files that are inside it."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.inside = folder.resolve() if folder is not None else None
        self.shipped = resources.files("agreement_builder.templates").joinpath("clauses")

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if not _NAME.match(template):
            raise jinja2.TemplateNotFound(template)
        if self.folder is not None and self.inside is not None and os.path.lexists(self.folder / template):
            path = self.folder / template
            return _read_user(path, self.inside), str(path), lambda: True
        shipped = self.shipped.joinpath(template)
        if not shipped.is_file():
            raise jinja2.TemplateNotFound(template)
        return shipped.read_text(encoding="utf-8"), f"clauses/{template}", lambda: True


def _read_user(path: Path, folder: Path) -> str:
    """The text of a template in the user's folder (``folder`` resolved): a regular file inside the folder, read
    no further than the size limit. A link that leads out of the folder is refused, so a template cannot bring
    the contents of another file into the agreement."""
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(folder):
        raise _LoadError(f"{path}: is a link to {real}, which is outside the clause folder; copy the file into "
                         "the folder instead")
    try:
        raw = read_file(real, MAX_TEMPLATE_BYTES)
    except NotRegularFile as e:
        raise _LoadError(f"{path}: is {e.strerror}; a clause template is a text file") from e
    except OSError as e:
        raise _LoadError(f"{path}: cannot be read: {e.strerror or e}") from e
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise _LoadError(f"{path}: is larger than 1 MB; a clause template is never this big")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _LoadError(f"{path}: is not UTF-8 text") from e


def _finalize(value: Any) -> Any:
    """Mark every printed value so the reader keeps it exactly; markup from macros passes through."""
    if isinstance(value, Markup):
        return value
    if value is None:
        raise TemplateError("a template printed a value the agreement does not have (None); test it with "
                            "{% if ... %} first")
    text = value.strip() if isinstance(value, str) else str(value)
    return Markup("<v>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</v>")


def environment(folder: Path | None = None) -> jinja2.Environment:
    """The one Jinja environment: strict, escaping, and sandboxed when the templates are the user's."""
    if folder is not None and not folder.is_dir():
        raise UsageError(f"{folder}: is not a folder of clause templates")
    cls = sandbox.Sandbox if folder is not None else jinja2.Environment
    env = cls(
        loader=_Loader(folder), autoescape=True,
        undefined=jinja2.StrictUndefined, finalize=_finalize, trim_blocks=True, lstrip_blocks=True,
        auto_reload=False, cache_size=-1,
        # Only shipped templates use the cache: user templates compile each time, in the sandbox.
        bytecode_cache=cache() if folder is None else None,
    )
    env.filters.update(money=money, names=names_filter, sentence=sentence, bare=bare, date=date_text,
                       days=days, embed=embed, stop=stop, unstop=unstop, embeddable=embeddable,
                       agreeable=agreeable, key=key, term_key=term_key,
                       by_term=by_term, called=called, noun=noun)
    env.globals.update(plural=plural, bracket=bracket, ends=ends)
    if folder is not None:
        _check_names(folder, env)
    return env


def _check_names(folder: Path, env: jinja2.Environment) -> None:
    """A user file that overrides nothing is most likely misnamed: say so rather than ignore it."""
    shipped = {p.name for p in resources.files("agreement_builder.templates").joinpath("clauses").iterdir()}
    try:
        entries = sorted(folder.iterdir())
    except OSError as e:
        raise TemplateError(f"{folder}: the clause folder cannot be read: {e.strerror or e}") from e
    for path in entries:
        if path.name.endswith(SUFFIX) and path.name not in shipped and not path.name.startswith("_"):
            raise TemplateError(f"{path}: matches no clause template; the names are "
                                f"{', '.join(sorted(n for n in shipped if not n.startswith('_')))}")


def label(env: jinja2.Environment, name: str) -> str:
    """How messages name the template ``name``: the user's file, when the user's folder has one."""
    loader = env.loader
    if isinstance(loader, _Loader) and loader.folder is not None and os.path.lexists(loader.folder / (name + SUFFIX)):
        return str(loader.folder / (name + SUFFIX))
    return f"clauses/{name}{SUFFIX}"


def render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render one clause template; a Jinja error, or a template that takes too long, too much memory or makes
    too much text, becomes a TemplateError naming the template and line."""
    try:
        template = env.get_template(name + SUFFIX)
        if isinstance(env, sandbox.Sandbox):
            return sandbox.render(env, template, dict(context))
        return template.render(context)
    except _LoadError:
        raise
    except TemplateError as e:
        raise TemplateError(f"{_where(e, name)}: {e}") from e
    except jinja2.TemplateSyntaxError as e:
        where = f"{e.filename or name + SUFFIX}, line {e.lineno}"
        raise TemplateError(f"{where}: {e.message}") from e
    except jinja2.TemplateNotFound as e:
        missing = f"the clause template {e.name} does not exist"
        raise TemplateError(missing if e.name == name + SUFFIX else f"{_where(e, name)}: {missing}") from e
    except jinja2.exceptions.SecurityError as e:
        raise TemplateError(f"{_where(e, name)}: not allowed in a clause template: {e}") from e
    except jinja2.TemplateError as e:
        raise TemplateError(f"{_where(e, name)}: {e}") from e
    except sandbox.OutOfTime as e:
        raise TemplateError(f"{_where(e, name)}: the clause templates took more than {sandbox.TIME_LIMIT:g} s to "
                            "render; a loop inside a loop?") from e
    except RecursionError as e:
        raise TemplateError(f"{_where(e, name)}: a macro or include calls itself without end") from e
    except MemoryError as e:
        raise TemplateError(f"{_where(e, name)}: needed more than {sandbox.MEMORY_LIMIT // (1024 * 1024)} MB of "
                            "memory to render") from e
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError, OverflowError) as e:
        raise TemplateError(f"{_where(e, name)}: {type(e).__name__}: {e}") from e


def _where(error: BaseException, name: str) -> str:
    """The template file and line an error was raised from, found in the rewritten traceback."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(SUFFIX):
            return f"{frame.filename}, line {frame.lineno}"
    return name + SUFFIX


# ---------------------------------------------------------------- what templates see


_NONE: Mapping[str, Any] = {}


class View:
    """A read-only view of one mapping in the input: a field the schema knows but the input leaves out is
    ``None`` (an empty tuple for a list); a name the schema does not know is undefined, so StrictUndefined
    catches a misspelt field. Views remember which fields a template asked for, so the fields no template
    prints can be found."""

    __slots__ = ("_data", "_schema", "_defs", "_path", "_seen")

    def __init__(self, data: Mapping[str, Any], schema: Mapping[str, Any], defs: Mapping[str, Any],
                 path: tuple[Any, ...] = (), seen: set[tuple[Any, ...]] | None = None) -> None:
        self._data = data
        self._schema = schema
        self._defs = defs
        self._path = path
        self._seen = seen if seen is not None else set()

    def __getattr__(self, name: str) -> Any:
        field = self._schema.get("properties", _NONE).get(name)
        if field is None:
            raise AttributeError(name)
        path = self._path + (name,)
        self._seen.add(path)
        value = self._data.get(name)
        if value is None:
            return () if field.get("type") == "array" else None  # a loop over a list left out runs no times
        if isinstance(value, (str, int, float)):
            return value
        return wrap(value, field, self._defs, path, self._seen)

    def __getitem__(self, name: str) -> Any:
        try:
            return self.__getattr__(name)
        except AttributeError:
            raise KeyError(name) from None

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __repr__(self) -> str:
        return f"View({sorted(self._data)})"


def wrap(value: Any, schema: Mapping[str, Any], defs: Mapping[str, Any], path: tuple[Any, ...] = (),
         seen: set[tuple[Any, ...]] | None = None) -> Any:
    """``value`` as templates see it: mappings as views, lists as tuples of views, scalars as they are."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    if isinstance(value, Mapping):
        return View(value, schema, defs, path, seen)
    if isinstance(value, (list, tuple)):
        items = schema.get("items", {})
        return tuple(wrap(v, items, defs, path + (i,), seen) for i, v in enumerate(value))
    return value


def money(amount: Any, currency: str | None = None) -> str:
    """An amount with thousands separators, and the currency symbol for the common ones."""
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency or "GBP")
    number = f"{amount:,.2f}" if isinstance(amount, float) and not amount.is_integer() else f"{int(amount):,}"
    return f"{symbol}{number}" if symbol else f"{currency} {number}"


def names_filter(names: Any, conjunction: str = "and") -> str:
    """Join names as prose: "A", "A and B", "A, B and C"."""
    items = [str(n) for n in names]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def sentence(text: str) -> str:
    """``text`` with its first letter a capital, the rest untouched (unlike Jinja's ``capitalize``)."""
    return text[:1].upper() + text[1:]


def bare(name: str) -> str:
    """A name without a leading "the", as a defined term is written: "the Partnership" -> "Partnership"."""
    return name[4:] if name.lower().startswith("the ") else name


def plural(count: int, singular: str, many: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


# ---------------------------------------------------------------- wording helpers

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_text(value: Any) -> str:
    """A date as a legal document writes it: "2025-04-01" is "1 April 2025", "2025-04" is "April 2025" and
    "2025" stays "2025"; text that is not such a date ("April 2025") is kept as written."""
    text = str(value).strip()
    match = _ISO.match(text)
    if match is None:
        return text
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return text
    if day is None:
        return f"{_MONTHS[int(month) - 1]} {year}"
    return f"{int(day)} {_MONTHS[int(month) - 1]} {year}"


def days(count: int, working: Any = True) -> str:
    """A period in days: "10 Working Days" (the defined term) when timescales are in Working Days, else
    "10 days"."""
    unit = "Working Day" if working else "day"
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


# Words a sentence can start with that stay lower case inside another sentence ("The Parties agree that an
# overspend is ..."). Any other first word may be a name, so it keeps its capital and the sentence is not
# embedded.
_EMBEDDABLE = frozenset({
    "a", "an", "the", "each", "every", "any", "all", "either", "neither", "no", "none", "both", "only", "if",
    "where", "when", "while", "whenever", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "some", "most", "many", "few", "several", "this", "that", "these", "those", "there",
    "someone", "anyone", "everyone", "something"
})
_FIRST_WORD = re.compile(r"^([A-Za-z]+)\b")


def embeddable(text: Any) -> bool:
    """Whether ``text`` starts with a word that can be written in lower case after "that" (an article, a
    quantifier, a conjunction): such a sentence can be placed in a clause of the tool's own words."""
    match = _FIRST_WORD.match(str(text).lstrip())
    word = match.group(1) if match is not None else ""
    return word.lower() in _EMBEDDABLE and (len(word) == 1 or not word.isupper())


# Verbs that show a first sentence is a statement ("An overspend is met ...", "The Board reviews ...") rather than
# a list of things ("A quarterly report to the Board, and an annual report ..."), which cannot follow "that".
_VERBS = frozenset({
    "is", "are", "was", "were", "be", "been", "will", "shall", "may", "must", "can", "cannot", "could", "should",
    "would", "has", "have", "had", "does", "do", "did", "needs", "need", "goes", "meets", "holds", "pays",
    "provides", "decides", "reports", "follows", "answers", "takes", "becomes", "stays", "keeps", "leads", "runs",
    "returns", "sets", "agrees", "appoints", "carries", "comes", "contributes", "covers", "delivers", "ends",
    "gives", "handles", "hosts", "includes", "manages", "receives", "remains", "sits", "speaks", "supports", "uses",
    "works", "bears", "contracts", "chairs", "continues", "applies", "means", "reviews", "shares", "sends", "signs",
    "funds", "employs", "owns", "approves", "publishes", "chooses", "brings", "joins", "leaves", "sees", "asks",
    "meet", "decide", "provide", "receive", "remain", "become", "follow", "manage", "appoint", "contribute",
    "continue", "agree", "apply", "hold", "keep", "take", "give", "come", "sit", "stay", "speak", "carry",
    "deliver", "include", "host", "handle", "bear", "mean", "run", "join", "leave", "see", "ask", "return", "expect"
})
_WORDS = re.compile(r"[A-Za-z']+")
_FOLLOWED = re.compile(r"\s+[A-Za-z]")
# Verbs that are also plural nouns.
_NOUNS_TOO = frozenset({"leads", "reports", "funds", "returns", "sets", "ends", "works", "needs", "shares", "uses",
                        "covers", "runs", "signs", "holds", "meets", "comes", "gives"})


def agreeable(value: Any) -> bool:
    """Whether ``text`` reads as a statement that can follow "The Parties agree that": it starts with a word
    that can be written in lower case and its first sentence has a verb."""
    text = str(value).strip()
    # The first sentence, up to a colon too: "One shared framework: each outcome has indicators" is a list's
    # heading, not a statement.
    first = re.split(r"(?<=[.;:!?])\s", text, maxsplit=1)[0]
    # A verb inside a quotation or a relative clause ("a report that asks ...") does not make a statement.
    first = re.split(r"[\"“‘]|\b(?:that|which|who|whom|whose)\b", first, maxsplit=1)[0]
    # A word that is a verb or a plural noun ("leads", "reports") is a verb only when a word follows it, not a
    # comma or the end: "papers for scheme leads, and a bulletin" has no verb.
    # (Word by word: a lookahead after a run of letters made a long word take quadratic time.)
    found = [(m.group().lower(), _FOLLOWED.match(first, m.end()) is not None) for m in _WORDS.finditer(first)]
    return embeddable(text) and any(w in _VERBS and (followed or w not in _NOUNS_TOO) for w, followed in found)


def key(value: Any, prefix: str = "") -> Markup:
    """An input id as an XML attribute value (``id="..."``), with a prefix that keeps it apart from the
    tool's own ids."""
    return Markup("{}{}").format(prefix, str(value))


def embed(value: Any) -> str:
    """``text`` to follow "that" or a preposition: its first word in lower case when that word is one
    `embeddable` allows, otherwise as written."""
    text = str(value).strip()
    return text[:1].lower() + text[1:] if embeddable(text) else text


_PROPER = frozenset(_MONTHS) | {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
                                 "English", "Scottish", "Welsh", "British", "Easy", "I"}
_TWO_WORDS = re.compile(r"^([A-Z][a-z]+(?:-[a-z]+)?)[,;:]?\s+([a-z])")


def noun(value: Any) -> str:
    """A noun phrase to follow other words ("covering spending, activity and ..."): its first word in lower case
    when `embed` allows it, or when it is an ordinary capitalised word followed by a lower-case one (a name such
    as "Easy Read" or "NHS Strathmoor" keeps its capitals)."""
    text = str(value).strip()
    if embeddable(text):
        return embed(text)
    match = _TWO_WORDS.match(text)
    if match is None or match.group(1) in _PROPER:
        return text
    return text[:1].lower() + text[1:]


def stop(value: Any) -> str:
    """``text`` ending with a full stop (or the question or exclamation mark it has)."""
    text = str(value).rstrip()
    return text if not text or text.rstrip("\"”’)").endswith((".", "!", "?")) else text + "."


def unstop(value: Any) -> str:
    """``text`` without a closing full stop, to continue the sentence it ends."""
    text = str(value).rstrip()
    if not text.endswith(".") or text.endswith("..") or text.rsplit(None, 1)[-1] in _ABBREVIATIONS:
        return text
    return text[:-1].rstrip()


_ABBREVIATIONS = frozenset({"etc.", "Ltd.", "Co.", "Inc.", "plc."})


def bracket(text: Any = "", note: Any = "", source: Any = "", rule: Any = "") -> Markup:
    """A placeholder for the drafter: "[text]" highlighted, or "[●]" when there is no text; ``note`` says what
    to put there (a drafting note at the spot, a comment in Word) and ``source`` where the need for it comes
    from; ``rule`` names the lint rule whose gap this placeholder marks, so that gap is noted here, once, and not
    again at the head of the clause. ``text`` may be markup."""
    inner = text if isinstance(text, Markup) else Markup("<v>{}</v>").format(text) if text else Markup("")
    attributes = Markup("")
    if note:
        attributes += Markup(' note="{}"').format(note)
    if source:
        attributes += Markup(' source="{}"').format(source)
    if rule:
        attributes += Markup(' rule="{}"').format(rule)
    if not inner:
        return Markup("<bracket{}/>").format(attributes)
    return Markup("<bracket{}>{}</bracket>").format(attributes, inner)


def term_key(term: Any) -> str:
    """A defined term as it sorts and matches: without a leading "the", in lower case, singular
    ("The Parties" and "party" are the same term)."""
    text = bare(str(term).strip().strip("\"'“”‘’")).lower()
    if text.endswith("ies"):
        return text[:-3] + "y"
    return text[:-1] if text.endswith("s") and not text.endswith("ss") else text


def by_term(entries: Any) -> list[Any]:
    """Definitions in alphabetical order of their terms (each entry has a ``term``)."""
    return sorted(entries, key=lambda entry: term_key(entry["term"]))


def called(party: Any) -> str:
    """What the text calls a party or body: its short name, else its name."""
    return str(party["short_name"] or party["name"] or "")


def ends(loop: Any, last: str = ".", between: str = ";", before_last: str | None = None) -> Markup:
    """What follows an entry of a list, by its place in the loop: ``last`` after the last entry, ``before_last``
    (when given) after the one before it, ``between`` after the others. Template punctuation, kept exactly (a
    printed value would lose its spaces)."""
    if loop.last:
        return Markup(escape(last))
    if before_last is not None and loop.revindex == 2:
        return Markup(escape(before_last))
    return Markup(escape(between))
