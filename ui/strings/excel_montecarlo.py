"""The workbook's Monte Carlo sheet: the Uncertainty page's default simulation, as exported."""

STRINGS: dict[str, dict[str, str]] = {
    "excel.sheet.montecarlo": {"da": "Monte Carlo", "en": "Monte Carlo"},
    "excel.mc.title": {"da": "Monte Carlo-simulering", "en": "Monte Carlo simulation"},
    "excel.mc.note": {
        "da": "Beregnet af appen ved eksporten {date} med startværdi (seed) {seed} og {draws} trækninger – IKKE en levende formel (Excel kan ikke trække de samme tilfældige tal igen).",
        "en": "Computed by the app at export on {date} with seed {seed} and {draws} draws – not a live formula (Excel cannot redraw the same random numbers).",
    },
    "excel.mc.reproduce": {
        "da": "Det er de tal, siden Usikkerhed → Monte Carlo viser med disse indstillinger. Genskab dem ved at indlæse projektmappen i appen med samme antal trækninger og startværdi. Retter du lav, forventet eller høj, gælder resultaterne først igen, når du eksporterer på ny.",
        "en": "These are the numbers the Uncertainty → Monte Carlo page shows with these settings. To reproduce them, load the workbook into the app and use the same number of draws and seed. If you change low, expected or high, the results apply again only after a new export.",
    },
    "excel.mc.settings": {"da": "Indstillinger", "en": "Settings"},
    "excel.mc.generator": {"da": "Tilfældighedsgenerator", "en": "Random number generator"},
    "excel.mc.generator_value": {
        "da": "NumPy {version}: numpy.random.default_rng(startværdi), PCG64",
        "en": "NumPy {version}: numpy.random.default_rng(seed), PCG64",
    },
    "excel.mc.distributions": {
        "da": "Fordeling pr. forudsætning (henviser til usikkerhedstabellen på arket {sheet})",
        "en": "Distribution per input (refers to the uncertainty table on the {sheet} sheet)",
    },
    "excel.mc.method": {
        "da": "Trekant: lav, forventet (typeværdi), høj. PERT: lav + (høj − lav) · Beta(α; β) med α = 1 + 4 · (forventet − lav)/(høj − lav) og β = 1 + 4 · (høj − forventet)/(høj − lav). Hele måneder og år afrundes. Øvrige forudsætninger holder deres værdi. Percentilerne er faktiske trækninger.",
        "en": "Triangular: low, expected (mode), high. PERT: low + (high − low) · Beta(α, β) with α = 1 + 4 · (expected − low)/(high − low) and β = 1 + 4 · (high − expected)/(high − low). Whole months and years are rounded. Other inputs keep their value. The percentiles are actual draws.",
    },
    "excel.mc.distribution": {"da": "Fordeling", "en": "Distribution"},
    "excel.mc.results": {"da": "Resultater", "en": "Results"},
    "excel.mc.shares": {"da": "Andel af trækningerne", "en": "Share of draws"},
}
