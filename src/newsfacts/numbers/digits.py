"""Digit strings in each language's conventions (README "figures" states the rules):

- both marks present: the last one is the decimal mark (``1.234,5``, ``1,234.5``);
- one mark, several times: thousands (``12.500.000``, ``1,000,000``), every group after the
  first exactly three digits, else it is not a number (``1.2.3`` is a version);
- one mark once, not followed by exactly three digits (or after a leading ``0``): decimal
  (``3,36``, ``12.2``, ``1,5``);
- one mark once, then exactly three digits (``1.149``): ambiguous; the caller decides with
  :func:`is_ambiguous` and passes the decimal mark to :func:`parse_digits`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal


def _groups_ok(groups: Sequence[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def is_ambiguous(digits: str) -> bool:
    """True for one mark used once with exactly three digits after it (``1.149``, ``2,025``)."""
    if ("." in digits) == ("," in digits):
        return False
    mark = "." if "." in digits else ","
    head, _, tail = digits.partition(mark)
    return mark not in tail and len(tail) == 3 and 1 <= len(head) <= 3 and head[0] != "0"


def parse_digits(digits: str, decimal_mark: str = ".") -> Decimal | None:
    """The value of a digit string with ``.``/``,`` marks, or None if it is not a number.

    ``decimal_mark`` only settles the ambiguous case (see :func:`is_ambiguous`).
    """
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        last = max(digits.rfind("."), digits.rfind(","))
        dec, group = digits[last], ("," if digits[last] == "." else ".")
        if digits.count(dec) != 1:
            return None
        groups = digits[:last].split(group)
        if not _groups_ok(groups):
            return None
        return Decimal("".join(groups) + "." + digits[last + 1 :])
    if not (dots or commas):
        return Decimal(digits)
    mark = "." if dots else ","
    parts = digits.split(mark)
    if len(parts) > 2:
        return Decimal("".join(parts)) if _groups_ok(parts) else None
    if is_ambiguous(digits) and mark != decimal_mark:
        return Decimal(parts[0] + parts[1])
    return Decimal(parts[0] + "." + parts[1])
