"""Messages for typed numbers and the upload limit (ui/numbers.py, ui/widgets.py)."""

STRINGS: dict[str, dict[str, str]] = {
    "number.ambiguous": {
        "da": "»{text}« er ikke gemt: skriv decimaler med komma og tusinder med punktum, fx {suggestion}.",
        "en": "“{text}” was not saved: write decimals with a point and thousands with a comma, e.g. {suggestion}.",
    },
    "number.not_a_number": {
        "da": "»{text}« er ikke et tal og er ikke gemt. Skriv fx 1.234,5.",
        "en": "“{text}” is not a number and was not saved. Write e.g. 1,234.5.",
    },
    "number.not_whole": {
        "da": "»{text}« er ikke gemt: skriv et helt tal.",
        "en": "“{text}” was not saved: write a whole number.",
    },
    "number.too_small": {
        "da": "»{text}« er ikke gemt: mindst {suggestion}.",
        "en": "“{text}” was not saved: at least {suggestion}.",
    },
    "number.too_large": {
        "da": "»{text}« er ikke gemt: højst {suggestion}.",
        "en": "“{text}” was not saved: at most {suggestion}.",
    },
    "number.empty": {"da": "Feltet er tomt: skriv et tal.", "en": "The field is empty: write a number."},
    "number.cell": {"da": "Række {row}, {column}: {message}", "en": "Row {row}, {column}: {message}"},
    "number.table_kept": {
        "da": "Tabellens ændringer er ikke gemt, før feltet er rettet.",
        "en": "The table's changes are not saved until the cell is corrected.",
    },
    "number.kept": {"da": "Den gemte værdi er {value}.", "en": "The saved value is {value}."},
    "upload.limit": {"da": "Højst {size} MB pr. fil · {types}", "en": "At most {size} MB per file · {types}"},
}
