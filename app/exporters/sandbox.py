"""The Jinja sandbox for organisation Word templates: no unsafe code (Jinja's SandboxedEnvironment)
and no unbounded work.

Pure Python, no Flask. Jinja's sandbox stops attribute tricks but not work: `"x".center(500000000)`,
`"x" * 10**9`, nested loops over `range(100000)` and a filter chain that doubles a string each time
all pass it. This sandbox refuses, with a `SecurityError` naming the limit:

- any string, list or output part longer than `MAX_STRING` characters, *before* it is built where
  its size can be known in advance (`*`, `%`, `center`/`ljust`/`rjust`/`zfill`/`expandtabs`,
  `format`, `replace`, `join`, the `center`/`indent`/`wordwrap`/`truncate`/`format`/`replace`/`join`
  filters) and after the call otherwise;
- more than `MAX_ITERATIONS` loop iterations in one render (every `{% for %}` is counted, nested
  loops multiply);
- rendered output above `MAX_OUTPUT` characters per template part.

What cannot be counted inline (time, and memory of things Jinja builds itself) is bounded by running
checks and renders of uploaded templates in a child process with rlimits (app/services/bounded.py).
"""

from __future__ import annotations

import contextvars
import re
import types
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_STRING = 1_000_000  # characters in one value
MAX_OUTPUT = 40_000_000  # characters of rendered XML per template part
MAX_ITERATIONS = 200_000  # loop iterations per render
MAX_POWER = 64

_GROWING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "format", "format_map",
                              "replace", "join", "__mul__", "__rmul__", "__mod__", "__add__"})
_WIDTH = re.compile(r"(\d{7,})")  # a width or precision of a million or more in a format spec
_ITERATIONS: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("kb_iterations", default=None)
_LOOP_FILTER = "_kb_counted_loop"


def _refuse(what: str) -> SecurityError:
    return SecurityError(f"{what} (the limit keeps templates from exhausting the server)")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple | bytes) else 0


def _check_size(value: Any) -> Any:
    if _size(value) > MAX_STRING:
        raise _refuse(f"a value of {_size(value)} characters is longer than the {MAX_STRING} allowed")
    return value


def _check_ints(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_STRING:
            raise _refuse(f"the number {arg} is larger than the {MAX_STRING} allowed as a width or count")
        if isinstance(arg, str) and _WIDTH.search(arg):
            raise _refuse("a format width of a million or more is not allowed")


def _estimate(name: str, subject: Any, args: tuple[Any, ...]) -> int:
    """The size a growing str method or filter would produce, without producing it."""
    if name == "replace" and len(args) >= 2 and isinstance(subject, str):
        old, new = str(args[0]), str(args[1])
        count = subject.count(old) if old else len(subject) + 1
        return len(subject) + count * max(len(new) - len(old), 0)
    if name == "join" and args:
        items = args[0] if isinstance(subject, str) else subject
        if isinstance(items, list | tuple):
            return sum(_size(i) or len(str(i)) for i in items) + len(items) * _size(subject if isinstance(
                subject, str) else (args[0] if args and isinstance(args[0], str) else ""))
    return _size(subject)


def _counted(iterable: Any) -> Iterator[Any]:
    """Yield from `iterable`, counting every iteration against the render's budget."""
    budget = _ITERATIONS.get()
    for item in iterable:
        if budget is not None:
            budget[0] += 1
            if budget[0] > MAX_ITERATIONS:
                raise _refuse(f"more than {MAX_ITERATIONS} loop iterations")
        yield item


def _count_loops(tree: nodes.Template) -> nodes.Template:
    """Wrap the iterable of every `{% for %}` in the counting filter, before the tree is compiled."""
    for loop in tree.find_all(nodes.For):
        if not loop.recursive:
            loop.iter = nodes.Filter(loop.iter, _LOOP_FILTER, [], [], None, None, lineno=loop.lineno)
    return tree


class BoundedTemplate(jinja2.Template):
    """Renders with a fresh iteration budget and a cap on the size of the output."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        token = _ITERATIONS.set([0])
        try:
            pieces, size = [], 0
            for piece in self.root_render_func(self.new_context(dict(*args, **kwargs))):
                size += len(piece)
                if size > MAX_OUTPUT:
                    raise _refuse(f"the rendered part is longer than {MAX_OUTPUT} characters")
                pieces.append(piece)
            return "".join(pieces)
        except Exception:
            self.environment.handle_exception()
        finally:
            _ITERATIONS.reset(token)


def _bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        # Filters that take the environment or context get it first; the value follows.
        values = [a for a in args if not isinstance(a, jinja2.Environment | jinja2.runtime.Context | nodes.EvalContext)]
        subject, rest = (values[0], tuple(values[1:])) if values else (None, ())
        _check_ints(rest)
        _check_ints(kwargs.values())
        if _estimate(name, subject, rest) > MAX_STRING:
            raise _refuse(f"the filter {name} would build more than {MAX_STRING} characters")
        return _check_size(func(*args, **kwargs))

    bounded.__dict__.update(getattr(func, "__dict__", {}))  # keep pass_environment / pass_eval_context marks
    return bounded


class BoundedSandbox(SandboxedEnvironment):
    """SandboxedEnvironment that also refuses huge values, loops and outputs (see the module doc)."""

    template_class = BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        return _count_loops(super()._parse(source, name, filename))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_POWER:
            raise _refuse("exponent too large")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if _size(seq) and isinstance(n, int) and _size(seq) * n > MAX_STRING:
                    raise _refuse(f"a repeated sequence would be longer than {MAX_STRING} characters")
        if operator == "%" and isinstance(left, str):
            _check_ints(right if isinstance(right, tuple) else (right,))
            _check_ints((left,))
        if operator == "+" and _size(left) + _size(right) > MAX_STRING:
            raise _refuse(f"a joined value would be longer than {MAX_STRING} characters")
        return _check_size(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        method = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by the sandbox
        if isinstance(method, types.BuiltinMethodType | types.MethodType) and \
                isinstance(getattr(method, "__self__", None), str | list | tuple):
            name = method.__name__
            if name in _GROWING_METHODS:
                _check_ints(args)
                _check_ints(kwargs.values())
                _check_ints((method.__self__,) if name in ("format", "format_map") else ())
                if _estimate(name, method.__self__, args) > MAX_STRING:
                    raise _refuse(f"{name}() would build more than {MAX_STRING} characters")
        return _check_size(super().call(__context, __obj, *args, **kwargs))


@lru_cache(maxsize=1)
def sandbox_env() -> BoundedSandbox:
    """The environment for organisation templates: autoescape, StrictUndefined, no `safe` filter, few
    globals, every string-building filter bounded, every loop counted."""
    env = BoundedSandbox(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.pop("safe", None)
    for name in ("center", "indent", "wordwrap", "truncate", "format", "replace", "join", "list", "string",
                 "tojson", "pprint", "urlize", "striptags", "title", "upper", "lower", "capitalize", "trim"):
        if name in env.filters:
            env.filters[name] = _bounded_filter(name, env.filters[name])
    env.filters[_LOOP_FILTER] = _counted
    for name in ("lipsum", "cycler", "joiner"):
        env.globals.pop(name, None)
    return env
