"""The site's one CSV writer: every export goes through it, so no cell reaches a spreadsheet as a
formula (OWASP's "CSV injection")."""

import csv
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse

# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and carriage
# return, strips them and reads what follows as one); OWASP's advice is a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell as written: numbers stay numbers, None is empty, text is neutralised."""
    if value is None:
        return ""
    # Numbers are not typed by people, and "'-3" would stop a negative count being a number.
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(
    *, filename: str, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """An attachment named `filename` with `header` then `rows`, every cell through csv_cell."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([csv_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return response
