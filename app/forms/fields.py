"""Form fields for the wizard's question types. Numbers and dates accept Norwegian and Swedish
formats ("1 000 000", "1.000.000", "2,5"; "1.9.2027", "01.09.2027", "2027-09-01")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import Field, RadioField, SelectMultipleField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

_SPACES = re.compile(r"[\s\u00a0\u202f]")


def parse_number(text: str) -> Decimal:
    """'1 000 000', '1.000.000', '1,000,000', '2,5', '2.5' and '-3' -> Decimal. Raises ValueError."""
    s = _SPACES.sub("", text.strip()).replace("kr", "").replace("NOK", "").replace("SEK", "")
    if not s:
        raise ValueError("empty")
    if s.count(",") and s.count("."):
        # Both separators: the last one is the decimal mark.
        decimal_mark = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        s = s.replace(thousands, "").replace(decimal_mark, ".")
    elif s.count(".") > 1 or (s.count(".") == 1 and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s)):
        s = s.replace(".", "")  # 1.000.000 (Norwegian thousands)
    elif s.count(",") > 1 or (s.count(",") == 1 and re.fullmatch(r"-?\d{1,3}(,\d{3})+", s) and len(s) > 5):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation as exc:
        raise ValueError(text) from exc


_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%d-%m-%Y")


def parse_date(text: str) -> dt.date:
    s = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


class NumberField(Field):
    """A number typed the Nordic way; stored as int or float."""

    def __init__(self, *args, integer: bool = False, minimum=None, maximum=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.integer, self.minimum, self.maximum = integer, minimum, maximum
        self.raw = ""

    def _value(self) -> str:
        if self.raw:
            return self.raw
        if self.data is None:
            return ""
        return f"{self.data:,}".replace(",", "\u00a0") if isinstance(self.data, int) else str(self.data).replace(".", ",")

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not self.raw:
            return
        try:
            number = parse_number(self.raw)
        except ValueError as exc:
            raise ValueError(_l("Enter a number, for example 2 500 000.")) from exc
        if self.integer and number != number.to_integral_value():
            raise ValueError(_l("Enter a whole number."))
        if self.minimum is not None and number < Decimal(str(self.minimum)):
            raise ValueError(_l("The number must be at least %(min)s.", min=_fmt(self.minimum)))
        if self.maximum is not None and number > Decimal(str(self.maximum)):
            raise ValueError(_l("The number can be at most %(max)s.", max=_fmt(self.maximum)))
        self.data = int(number) if number == number.to_integral_value() else float(number)


def _fmt(n) -> str:
    return f"{int(n):,}".replace(",", " ") if float(n).is_integer() else str(n)


class DateField(Field):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.raw = ""

    def _value(self) -> str:
        if self.raw:
            return self.raw
        return dt.date.fromisoformat(self.data).strftime("%d.%m.%Y") if self.data else ""

    def process_formdata(self, valuelist):
        self.raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if self.raw:
            try:
                self.data = parse_date(self.raw).isoformat()
            except ValueError as exc:
                raise ValueError(_l("Enter a date, for example 1.9.2027 or 2027-09-01.")) from exc


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        values = {str(v) for v, _ in self.choices}
        for item in self.data or ():
            if item not in values:
                raise ValidationError(_l("Choose from the options shown."))

    def is_chosen(self, value: str) -> bool:
        return value in (self.data or [])


class SingleChoiceField(RadioField):
    """One of the options; nothing chosen is allowed here (the service decides what is required)."""

    def pre_validate(self, form):
        if self.data not in (None, "") and self.data not in {str(v) for v, _ in self.choices}:
            raise ValidationError(_l("Choose from the options shown."))

    def is_chosen(self, value: str) -> bool:
        return self.data is not None and str(self.data) == value


class YesNoField(RadioField):
    """Stores True/False; the form posts 'true'/'false'."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.data = {"true": True, "false": False}.get(self.data) if isinstance(self.data, str) else self.data

    def pre_validate(self, form):
        if self.data not in (True, False, None):
            raise ValidationError(_l("Choose yes or no."))

    def is_chosen(self, value: str) -> bool:
        return self.data is not None and str(self.data).lower() == value


class PerOptionField(Field):
    """A whole number per option, posted as NAME-OPTION inputs; stored as {option: number}.

    `maximum` bounds each number; `total` (if set) is the sum the numbers must have. An empty input
    counts as 0; when every input is empty the field has no answer (None).
    """

    item_message = _l("Enter a whole number of 0 or more.")

    def __init__(self, *args, options=(), maximum: int | None = None, total: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options  # (value, label) pairs
        self.maximum, self.total = maximum, total
        self.raw: dict[str, str] = {}
        self.item_errors: dict[str, str] = {}

    def process(self, formdata, data=None, extra_filters=None):
        self.process_errors = []
        self.data = dict(data) if isinstance(data, Mapping) else None
        self.raw = {}
        if formdata is not None and any(f"{self.name}-{v}" in formdata for v, _ in self.options):
            self.raw = {value: (formdata.get(f"{self.name}-{value}") or "").strip() for value, _label in self.options}
            self.data = {value: self._number(value, text) for value, text in self.raw.items()}
            if not any(self.raw.values()):
                self.data = None

    def _number(self, option: str, text: str) -> int:
        if text == "":
            return 0
        try:
            number = parse_number(text)
        except ValueError:
            number = None
        if number is None or number != number.to_integral_value() or number < 0 or (
                self.maximum is not None and number > self.maximum):
            self.item_errors[option] = str(self.item_message)
            return 0
        return int(number)

    def value_of(self, option: str) -> str:
        if option in self.raw:
            return self.raw[option]
        return str((self.data or {}).get(option, ""))

    def pre_validate(self, form):
        if self.item_errors:
            raise ValidationError(next(iter(self.item_errors.values())))
        if self.data and self.total is not None and sum(self.data.values()) != self.total:
            raise ValidationError(total_message(sum(self.data.values())))


def total_message(total: int):
    return _l("The weights must total 100 %%. Now they total %(total)d %%.", total=total)


class WeightsField(PerOptionField):
    """Whole percentages per option that total 100."""

    item_message = _l("Enter a whole percentage from 0 to 100.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, maximum=100, total=100, **kwargs)

    def process(self, formdata, data=None, extra_filters=None):
        super().process(formdata, data, extra_filters)
        if formdata is not None and self.raw and self.data is None:
            self.data = dict.fromkeys(self.raw, 0)  # weights left empty are zero, and then refused (total)


class QuantitiesField(PerOptionField):
    """A non-negative whole number per option (e.g. users per group); no rule on the sum."""
