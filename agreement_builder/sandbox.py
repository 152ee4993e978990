"""The sandbox a user's clause templates render in: Jinja's, which keeps them out of Python's internals, with
bounds on what they may cost: time, memory, and the size of what one expression or one template makes.

A clause folder may come from someone else (a shared template repository, an unpacked archive), so a template
that loops for ever or builds a string of gigabytes must end the build with a message, not stall or swamp the
machine. The checks below refuse the ways one expression can ask for a huge value; the time and memory
bounds catch the rest: a build may spend `TIME_LIMIT` seconds of CPU time rendering user templates in all
(where the system has interval timers, in the main thread; CPU time, so that a busy machine does not fail a
build that is merely slow), and one render may take `MEMORY_LIMIT` more bytes of address space than the
process had (where the system enforces RLIMIT_AS, as Linux does).
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import jinja2.sandbox
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.utils import generate_lorem_ipsum

TIME_LIMIT = 5.0  # seconds of CPU time rendering user templates, for the whole build
MEMORY_LIMIT = 512 * 1024 * 1024  # bytes of address space one render may add
MAX_OUTPUT = 32 * 1024 * 1024  # characters one template may produce
MAX_SIZE = 1_000_000  # characters or items one expression may make by repetition or padding
MAX_BITS = 100_000  # bits of an integer a power may make (about 30,000 digits)

# A width or precision of seven digits or more in a format string: '{:>10000000}', '%10000000d', '%.9999999f'.
_WIDE = re.compile(r"\{[^{}]*\d{7}|%[-#0 +]*\d{7}|%[-#0 +]*\d*\.\d{7}")
_STAR = re.compile(r"%[-#0 +]*(?:\*|\d*\.\*)")
_PADDING = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
_SIZED_FILTERS = ("center", "indent", "batch", "slice")


class OutOfTime(Exception):
    """Raised inside a render when the build's time for user templates has run out."""


class Sandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, refusing values too large to make, and counting the time it renders."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.seconds_left = TIME_LIMIT
        for name in _SIZED_FILTERS:
            self.filters[name] = _sized(name, self.filters[name])
        self.filters["format"] = _formatted(self.filters["format"])
        self.globals["lipsum"] = _lipsum

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right if isinstance(right, tuple) else (right,))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") in _PADDING:
            _check_sizes(args, kwargs, f"str.{__obj.__name__}")
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _WIDE.search(str(value.__self__)):
            raise SecurityError(f"a format width of more than {MAX_SIZE:,} characters")
        return wrapped


def _check_repeat(left: Any, right: Any) -> None:
    sequence, count = (left, right) if isinstance(right, int) else (right, left)
    if isinstance(sequence, (str, list, tuple, bytes)) and isinstance(count, int) and not isinstance(count, bool) \
            and len(sequence) * count > MAX_SIZE:
        raise SecurityError(f"a value repeated to more than {MAX_SIZE:,} characters or items")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1 \
            and exponent * math.log2(abs(base)) > MAX_BITS:
        raise SecurityError(f"a power with more than {MAX_BITS:,} bits")


def _check_format(text: str, values: tuple[Any, ...]) -> None:
    if _WIDE.search(text) or (_STAR.search(text) and any(isinstance(v, int) and abs(v) > MAX_SIZE for v in values)):
        raise SecurityError(f"a format width of more than {MAX_SIZE:,} characters")


def _check_sizes(args: tuple[Any, ...], kwargs: dict[str, Any], what: str) -> None:
    if any(isinstance(v, int) and not isinstance(v, bool) and v > MAX_SIZE for v in (*args, *kwargs.values())):
        raise SecurityError(f"{what} asked for more than {MAX_SIZE:,} characters or items")


def _sized(name: str, jinja_filter: Callable[..., Any]) -> Callable[..., Any]:
    """A filter whose numeric arguments, after the value, are sizes (a width, a count), held to MAX_SIZE. A
    filter Jinja passes its context first (``jinja_pass_arg``) is passed it still."""
    passed = getattr(jinja_filter, "jinja_pass_arg", None)

    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_sizes(args[2 if passed else 1:], kwargs, f"the {name} filter")
        return jinja_filter(*args, **kwargs)
    if passed is not None:
        bounded.jinja_pass_arg = passed  # type: ignore[attr-defined]
    return bounded


def _formatted(jinja_filter: Callable[..., Any]) -> Callable[..., Any]:
    def bounded(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_format(str(value), (*args, *kwargs.values()))
        return jinja_filter(value, *args, **kwargs)
    return bounded


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002 - Jinja's names
    if n > 100 or max > 1000:
        raise SecurityError("lipsum asked for more than 100 paragraphs or 1,000 words a paragraph")
    return generate_lorem_ipsum(n, html, min, max)


def render(env: Sandbox, template: jinja2.Template, context: dict[str, Any]) -> str:
    """Render ``template`` within the build's time left, a memory bound, and MAX_OUTPUT characters."""
    pieces: list[str] = []
    size = 0
    with _timed(env), _memory_bound():
        for piece in template.generate(context):
            size += len(piece)
            if size > MAX_OUTPUT:
                raise SecurityError(f"the template produced more than {MAX_OUTPUT // (1024 * 1024)} MB of text")
            pieces.append(piece)
    return "".join(pieces)


def _out_of_time(signum: int, frame: Any) -> None:
    raise OutOfTime


@contextlib.contextmanager
def _timed(env: Sandbox) -> Iterator[None]:
    if env.seconds_left <= 0:
        raise OutOfTime
    start = time.process_time()
    alarm = hasattr(signal, "ITIMER_PROF") and threading.current_thread() is threading.main_thread()
    if alarm:
        outer, _ = signal.getitimer(signal.ITIMER_PROF)  # a profiler may have a timer of its own
        previous = signal.signal(signal.SIGPROF, _out_of_time)
        signal.setitimer(signal.ITIMER_PROF, env.seconds_left)
    try:
        yield
    finally:
        elapsed = time.process_time() - start
        env.seconds_left -= elapsed
        if alarm:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
            if outer:
                signal.setitimer(signal.ITIMER_PROF, max(outer - elapsed, 0.001))


@contextlib.contextmanager
def _memory_bound() -> Iterator[None]:
    """Lower the address-space limit to what the process uses now plus MEMORY_LIMIT, for the body only."""
    try:
        import resource
    except ImportError:  # not on this system
        yield
        return
    used = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = None if used is None else used + MEMORY_LIMIT
    if limit is not None and hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if limit is None or (soft != resource.RLIM_INFINITY and soft <= limit):
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int | None:
    """The process's address space in bytes, where the system tells (Linux); None elsewhere."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None
