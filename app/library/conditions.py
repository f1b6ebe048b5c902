"""A tiny declarative condition language over wizard answers. No eval.

    {"equals": {"question": "personal_data", "value": true}}
    {"includes": {"question": "functions", "value": "chat_video"}}
    {"at_least": {"question": "estimated_value", "value": 2300000}}, {"less_than": {...}}
    {"all": [...]}, {"any": [...]}, {"not": {...}}, {"answered": "estimated_value"}

`at_least` and `less_than` compare a number answer; an unanswered or non-numeric answer satisfies neither.

`answers` maps question ids to values: str, bool, number or a list (multi-choice).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

Condition = Mapping[str, Any]


class ConditionError(ValueError):
    """A condition that does not follow the language."""


def evaluate(condition: Condition | None, answers: Mapping[str, Any]) -> bool:
    """True when `condition` holds for `answers`. A missing condition always holds."""
    if condition is None:
        return True
    if len(condition) != 1:
        raise ConditionError(f"a condition has exactly one operator, got {sorted(condition)}")
    (op, arg), = condition.items()
    if op == "all":
        return all(evaluate(c, answers) for c in arg)
    if op == "any":
        return any(evaluate(c, answers) for c in arg)
    if op == "not":
        return not evaluate(arg, answers)
    if op == "answered":
        value = answers.get(arg)
        return value not in (None, "", [], {})
    if op == "equals":
        return answers.get(arg["question"]) == arg["value"]
    if op == "includes":
        value = answers.get(arg["question"])
        return isinstance(value, list | tuple | set) and arg["value"] in value
    if op in ("at_least", "less_than"):
        return _compare(op, answers.get(arg["question"]), arg["value"])
    raise ConditionError(f"unknown condition operator {op!r}")


def _compare(op: str, value: Any, limit: float) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return value >= limit if op == "at_least" else value < limit


def comparisons(condition: Condition | None) -> Iterator[tuple[str, str, Any]]:
    """Every (operator, question, value) leaf in a condition, for validation and explanations."""
    if condition is None:
        return
    for op, arg in condition.items():
        if op in ("all", "any"):
            for c in arg:
                yield from comparisons(c)
        elif op == "not":
            yield from comparisons(arg)
        elif op == "answered":
            yield (op, arg, None)
        else:
            yield (op, arg["question"], arg["value"])


def satisfied_leaves(condition: Condition | None, answers: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """The positive (question, value) leaves that make a true condition true.

    Used to explain why a requirement was proposed ("because you need chat and ..."). Leaves under
    `not` are left out: "because you did not answer X" explains nothing to a buyer.
    """
    if condition is None or not evaluate(condition, answers):
        return []
    (op, arg), = condition.items()
    if op == "all":
        return [leaf for c in arg for leaf in satisfied_leaves(c, answers)]
    if op == "any":
        for c in arg:
            if evaluate(c, answers):
                return satisfied_leaves(c, answers)
        return []
    if op in ("equals", "includes", "at_least", "less_than"):
        return [(arg["question"], arg["value"])]
    return []
