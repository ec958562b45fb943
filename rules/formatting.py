"""Norwegian number formatting for amounts and factors ("1 300 000 kr", "1,25")."""

from __future__ import annotations


def number(amount: float, decimals: int = 2) -> str:
    """12000 -> "12 000"; 1.25 -> "1,25"; 345600.0 -> "345 600"."""
    rounded = round(float(amount), decimals)
    if rounded == int(rounded):
        whole, fraction = f"{int(rounded):,}", ""
    else:
        whole, fraction = f"{rounded:,.{decimals}f}".split(".")
        fraction = "," + fraction.rstrip("0")
    return whole.replace(",", " ") + fraction


def kr(amount: float) -> str:
    """The one display form of money: "345 600 kr"; øre only when there are any ("79 999,20 kr")."""
    rounded = round(float(amount), 2)
    if rounded.is_integer():
        return f"{int(rounded):,} kr".replace(",", " ")
    return f"{rounded:,.2f} kr".replace(",", " ").replace(".", ",")


def plain(amount: float) -> int | float:
    """The amount for JSON: an int when whole, else rounded to øre."""
    rounded = round(float(amount), 2)
    return int(rounded) if rounded == int(rounded) else rounded
