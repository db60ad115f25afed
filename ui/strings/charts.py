"""Chart titles, axes and legends."""

STRINGS: dict[str, dict[str, str]] = {
    "chart.one_off_costs": {"da": "Engangsudgifter (anlæg)", "en": "One-off costs"},
    "chart.recurring_costs": {"da": "Driftsudgifter", "en": "Operating costs"},
    "chart.net": {"da": "Netto inkl. frigjort tid", "en": "Net incl. released time"},
    "chart.kr": {"da": "kr.", "en": "DKK"},
    "chart.year": {"da": "År efter investeringen", "en": "Years after the investment"},
    "chart.cashflow_title": {"da": "Udgifter og gevinster pr. år", "en": "Costs and gains per year"},
    "chart.cumulative": {"da": "Akkumuleret netto inkl. frigjort tid", "en": "Cumulative net incl. released time"},
    "chart.cumulative_value": {"da": "Samlet værdi inkl. frigjort tid", "en": "Total value incl. released time"},
    "chart.cumulative_budget": {"da": "Budgetvirkning", "en": "Budget effect"},
    "chart.cumulative_title": {"da": "Akkumuleret budgetvirkning og værdi", "en": "Cumulative budget effect and value"},
    "chart.budget_payback_at": {"da": "Tjent hjem efter {months} mdr.", "en": "Pays back after {months} months"},
    "chart.payback_at": {"da": "Dækket efter {months} mdr.", "en": "Covered after {months} months"},
    "chart.budget_never": {"da": "Ikke tjent hjem i budgettet", "en": "No payback in the budget"},
}
