"""How an amount is written on invoices, pages and exports: "1 234,50 €" (French usage)."""

from decimal import ROUND_HALF_UP, Decimal

NARROW_SPACE = "\u202f"
NO_BREAK_SPACE = "\u00a0"


def euros(value, *, symbol=True):
    amount = Decimal(value or 0).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    units, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    text = sign + NARROW_SPACE.join(groups) + "," + cents
    return text + NO_BREAK_SPACE + "€" if symbol else text


def plain(value):
    """For a spreadsheet: "1234,50", no symbol, no grouping."""
    amount = Decimal(value or 0).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{amount:.2f}".replace(".", ",")


def totals(amount_excl_tax, *, exempt, rate):
    """(excl. tax, VAT, incl. tax), each rounded to the cent: no VAT for an exempt helper
    (art. 293 B du CGI), else `rate` per cent of the amount excl. tax."""
    cent = Decimal("0.01")
    excl = Decimal(amount_excl_tax).quantize(cent, rounding=ROUND_HALF_UP)
    vat = (
        Decimal("0.00")
        if exempt
        else (excl * Decimal(rate) / 100).quantize(cent, rounding=ROUND_HALF_UP)
    )
    return excl, vat, excl + vat
