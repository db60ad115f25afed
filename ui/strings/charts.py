"""Chart titles, axes and legends."""

STRINGS: dict[str, dict[str, str]] = {
    "chart.one_off_costs": {"da": "Engangsomkostninger", "en": "One-off costs"},
    "chart.recurring_costs": {"da": "Driftsomkostninger", "en": "Operating costs"},
    "chart.net": {"da": "Netto", "en": "Net"},
    "chart.kr": {"da": "kr.", "en": "DKK"},
    "chart.year": {"da": "År efter investeringen", "en": "Years after the investment"},
    "chart.cashflow_title": {"da": "Omkostninger og gevinster pr. år", "en": "Costs and gains per year"},
    "chart.cumulative": {"da": "Akkumuleret netto", "en": "Cumulative net"},
    "chart.cumulative_title": {"da": "Hvornår er investeringen tjent hjem?", "en": "When has the investment paid back?"},
    "chart.payback_at": {"da": "Tjent hjem efter {months} mdr.", "en": "Paid back after {months} months"},
}
