"""Strings of the analysis pages: uncertainty, sensitivity, Monte Carlo, break-even, roll-out,
fund repayment and procurement."""

STRINGS: dict[str, dict[str, str]] = {
    "error.range_low_high": {"da": "lav ({low}) er større end høj ({high})", "en": "low ({low}) is above high ({high})"},
    "error.range_bounds": {"da": "{key}: intervallet skal ligge inden for {lowest} … {highest}", "en": "{key}: the range must lie within {lowest} … {highest}"},
    "error.threshold_order": {"da": "den danske tærskel må ikke være større end EU-tærsklen", "en": "the Danish threshold must not exceed the EU threshold"},
    "field.ranges": {"da": "Intervaller", "en": "Ranges"},
    "field.low": {"da": "Lav", "en": "Low"},
    "field.high": {"da": "Høj", "en": "High"},
    "field.distribution": {"da": "Fordeling", "en": "Distribution"},
    "field.fund": {"da": "Fond", "en": "Fund"},
    "field.fte_share": {"da": "Pantsat andel af en stilling (årsværk)", "en": "Pledged share of a position (FTE)"},
    "field.position_cost": {"da": "Årlig pris for en stilling", "en": "Annual cost of a position"},
    "field.loan": {"da": "Lån", "en": "Loan"},
    "field.procurement": {"da": "Udbud", "en": "Procurement"},
    "field.national_threshold": {"da": "Tærskel for dansk udbud", "en": "Danish tender threshold"},
    "field.eu_threshold": {"da": "Tærskel for EU-udbud", "en": "EU tender threshold"},
}
