"""The municipality's budget view: discount basis, hours per FTE and the hourly cost from
parts, residual value and the quantified risk pool."""

STRINGS: dict[str, dict[str, str]] = {
    # discount basis
    "field.discount_basis": {"da": "Rentens grundlag", "en": "Basis of the discount rate"},
    "discount_basis.finance_ministry": {"da": "Finansministeriets samfundsøkonomiske rente", "en": "Finance Ministry's socio-economic rate"},
    "discount_basis.municipal": {"da": "Kommunens egen kalkulationsrente", "en": "The municipality's own calculation rate"},
    "bv.discount_fm_note": {"da": "Finansministeriet (2021): 3,5 % for år 0–35, 2,5 % for år 36–70 og 1,5 % derefter. Horisonten er højst 30 år, så kun 3,5 % er i brug.", "en": "Ministry of Finance (2021): 3.5 % for years 0–35, 2.5 % for years 36–70 and 1.5 % after. The horizon is at most 30 years, so only 3.5 % applies."},
    "bv.discount_own_note": {"da": "Kommunens egen kalkulationsrente (fx lånerenten); skriv kilden under Kilder.", "en": "The municipality's own calculation rate (e.g. its borrowing rate); give its source under Sources."},
    # hours per FTE
    "field.hours_basis": {"da": "Timer pr. årsværk regnes som", "en": "Hours per FTE counted as"},
    "hours_basis.gross": {"da": "Bruttotimer ({hours} t)", "en": "Gross hours ({hours} h)"},
    "hours_basis.effective": {"da": "Effektive timer ({hours} t)", "en": "Effective hours ({hours} h)"},
    "hours_basis.entered": {"da": "Eget tal", "en": "Own figure"},
    "bv.hours_parts": {"da": "Timer pr. årsværk og timepris, bygget op af dele", "en": "Hours per FTE and the hourly cost, built from parts"},
    "bv.hours_note": {"da": "Brutto: {weekly} t × {weeks} uger = {gross} t (betalte timer). Effektive timer: brutto minus ferie, helligdage, sygdom og kurser = {effective} t. Kilde: {source}. Årsværk frigjort regnes på de timer, du vælger ovenfor.", "en": "Gross: {weekly} h × {weeks} weeks = {gross} h (hours paid). Effective hours: gross minus holidays, public holidays, sickness and courses = {effective} h. Source: {source}. FTE released is counted on the hours you choose above."},
    "field.weekly_hours": {"da": "Timer pr. uge", "en": "Hours a week"},
    "field.weeks": {"da": "Uger pr. år", "en": "Weeks a year"},
    "field.holidays": {"da": "Ferie (timer)", "en": "Holidays (hours)"},
    "field.public_holidays": {"da": "Helligdage (timer)", "en": "Public holidays (hours)"},
    "field.sickness": {"da": "Sygdom (timer)", "en": "Sickness (hours)"},
    "field.courses": {"da": "Kurser (timer)", "en": "Courses (hours)"},
    "bv.staff_cost_use": {"da": "Byg timeprisen op af løn, pension og andre personaleomkostninger", "en": "Build the hourly cost from salary, pension and other staff costs"},
    "field.annual_salary": {"da": "Årsløn (kr.)", "en": "Annual salary (DKK)"},
    "field.pension_share": {"da": "Pension (% af løn)", "en": "Pension (% of salary)"},
    "field.other_costs": {"da": "Andre personaleomkostninger (kr./år)", "en": "Other staff costs (DKK a year)"},
    "field.price_year": {"da": "Prisniveau (P/L-år)", "en": "Price level (P/L year)"},
    "bv.hourly_result": {"da": "({salary} + pension + {other}) ÷ {hours} effektive timer = **{effective} pr. produktiv time** ({gross} pr. bruttotime), P/L {year}.", "en": "({salary} + pension + {other}) ÷ {hours} effective hours = **{effective} per productive hour** ({gross} per gross hour), P/L {year}."},
    "bv.hourly_apply": {"da": "Brug {value} pr. time på linjerne med frigjort tid", "en": "Use {value} an hour on the released-time lines"},
    "bv.hourly_applied": {"da": "Timeprisen er sat på {count} linjer med frigjort tid.", "en": "The hourly cost is set on {count} released-time lines."},
    # residual value
    "field.include_residual_value": {"da": "Medregn restværdi i nettonutidsværdien", "en": "Count the residual value in the net present value"},
    "help.include_residual_value": {"da": "Udstyrets værdi ved horisontens slutning, lineært afskrevet over levetiden (kun engangsudgifter med levetid). Uden den tæller en geninvestering sent i horisonten med fuld pris.", "en": "The equipment's value at the end of the horizon, written off straight-line over its lifetime (one-off costs with a lifetime only). Without it a reinvestment late in the horizon counts at full price."},
    "table.residual_value": {"da": "Restværdi", "en": "Residual value"},
    "bv.residual": {"da": "Restværdi ved horisontens slutning", "en": "Residual value at the horizon's end"},
    "bv.residual_in": {"da": "Medregnet i nettonutidsværdien ({value} i nutidskroner).", "en": "Counted in the net present value ({value} in today's money)."},
    "bv.residual_out": {"da": "Ikke medregnet i nettonutidsværdien.", "en": "Not counted in the net present value."},
    # risk pool
    "field.probability": {"da": "Sandsynlighed (%)", "en": "Probability (%)"},
    "field.risk_amount": {"da": "Konsekvens (kr.)", "en": "Consequence (DKK)"},
    "field.risk_year": {"da": "År", "en": "Year"},
    "field.risk_driver": {"da": "Ændrer input", "en": "Changes input"},
    "field.risk_change": {"da": "Ændring", "en": "Change"},
    "help.risk_pool": {"da": "Risikopulje som i statens business case-model: giv op til 12 risici en sandsynlighed og en konsekvens – i kroner (falder ved udgangen af året) og/eller som en ændring af et input (fx −0,25 timer om dagen eller +3 måneders implementering). Risici uden sandsynlighed beskrives kun.", "en": "A risk pool as in the State's business-case model: give up to 12 risks a probability and a consequence – in kroner (falling at the end of the year) and/or as a change to an input (e.g. −0.25 hours a day or +3 months of implementation). Risks without a probability are only described."},
    "bv.pool": {"da": "Risikopulje (forventet omkostning)", "en": "Risk pool (expected cost)"},
    "bv.pool_help": {"da": "Σ sandsynlighed × konsekvens, i nutidskroner. Konsekvensen af en risiko, der ændrer et input, er det tab i nettonutidsværdien, ændringen giver.", "en": "Σ probability × consequence, in today's money. The consequence of a risk that changes an input is the net present value it loses."},
    "bv.npv_after_pool": {"da": "Nettonutidsværdi efter risikopulje", "en": "Net present value after the risk pool"},
    "bv.pool_table": {"da": "Risikopuljen", "en": "The risk pool"},
    "bv.col.risk": {"da": "Risiko", "en": "Risk"},
    "bv.col.consequence": {"da": "Konsekvens (nutidskr.)", "en": "Consequence (today's DKK)"},
    "bv.col.expected": {"da": "Sandsynlighed × konsekvens", "en": "Probability × consequence"},
    "bv.col.level": {"da": "Niveau (af sandsynlighed × konsekvens)", "en": "Level (from probability × consequence)"},
    "bv.no_driver": {"da": "–", "en": "–"},
}
STRINGS |= {
    "error.too_many_risks": {"da": "Højst {limit} risici kan have en sandsynlighed", "en": "At most {limit} risks can have a probability"},
    "error.risk_driver": {"da": "{name}: det input, risikoen ændrer, findes ikke længere", "en": "{name}: the input the risk changes no longer exists"},
}
STRINGS |= {
    "excel.kpi.residual_value": {"da": "Restværdi ved horisontens slutning", "en": "Residual value at the horizon's end"},
}
STRINGS |= {
    "by.tab": {"da": "Budgetår", "en": "Budget years"},
    "by.note": {"da": "Budgetåret og de tre overslagsår, derefter resten af horisonten samlet; kalenderår fra startåret og startmåneden. Udgifter positive; budgetvirkningen er positiv, når budgettet vinder (i kommunens budgetter er fortegnet det modsatte: + er merudgift). Frigjort tid, der bliver i enheden, er kapacitet, ikke kroner i budgettet, og lægges ikke til.", "en": "The budget year and the three following years, then the rest of the horizon summed; calendar years from the start year and start month. Costs positive; the budget effect is positive when the budget gains (municipal budgets use the opposite sign: + is extra spending). Released time that stays in the unit is capacity, not money in the budget, and is not added."},
    "by.row.anlaeg": {"da": "Anlæg (indkøb, byggeri, installation)", "en": "Capital (purchase, building, installation)"},
    "by.row.drift": {"da": "Drift (licenser, service, uddannelse, projektpersonale m.m.)", "en": "Operating (licences, service, training, project staff etc.)"},
    "by.row.budget_gains": {"da": "Gevinster i budgettet", "en": "Gains in the budget"},
    "by.row.budget_effect": {"da": "Budgetvirkning, netto", "en": "Budget effect, net"},
    "by.row.released_time_kept": {"da": "Frigjort tid, der bliver i enheden (ikke budget)", "en": "Released time kept in the unit (not budget)"},
    "by.row.area": {"da": "Budgetvirkning – {area}", "en": "Budget effect – {area}"},
    "by.no_area": {"da": "ikke fordelt", "en": "no area given"},
    "by.rest": {"da": "{first}–{last} i alt", "en": "{first}–{last} total"},
    "field.start_month": {"da": "Startmåned", "en": "Start month"},
    "help.start_month": {"da": "Måneden i startåret, hvor investeringen sker og driften begynder. Tom: ved årets udgang, så driftsår 1 er året efter startåret.", "en": "The month of the start year in which the investment is made and operation begins. Empty: at the end of the year, so operating year 1 is the year after the start year."},
    "by.start_month_none": {"da": "Ved årets udgang", "en": "At the end of the year"},
    "field.budget_area": {"da": "Budgetområde", "en": "Budget area"},
    "help.budget_area": {"da": "Fx Hjemmeplejen, Hjælpemidler eller Sygeplejen; budgetårstabellen viser budgetvirkningen pr. område.", "en": "E.g. home care, assistive devices or nursing; the budget-year table shows the budget effect per area."},
    **{f"by.month.{m}": {"da": da, "en": en} for m, (da, en) in enumerate(zip(
        ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
         "oktober", "november", "december"),
        ("January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"), strict=True), start=1)},
}
STRINGS |= {
    "excel.sheet.budget_years": {"da": "Budgetår", "en": "Budget years"},
    "excel.by.title": {"da": "Budgetår: budgetåret, tre overslagsår og resten af horisonten", "en": "Budget years: the budget year, three following years and the rest of the horizon"},
    "excel.by.kr": {"da": "kr. (løbende formler)", "en": "DKK (live formulas)"},
    "excel.by.lines": {"da": "Linjer fordelt på kalenderår", "en": "Lines by calendar year"},
    "excel.by.flag": {"da": "Anlæg / frigjort tid (1 = ja)", "en": "Capital / released time (1 = yes)"},
    "excel.by.budget_part": {"da": "i budgettet", "en": "in the budget"},
    "excel.by.first_part": {"da": "værdi af driftsårets første del", "en": "value of the operating year's first part"},
    "excel.by.helpers": {"da": "Hjælperækker pr. driftsår (kolonner som på Beregning)", "en": "Helper rows per operating year (columns as on Calculation)"},
    "excel.by.offset": {"da": "Måneder fra januar i startåret til første driftsmåned − 1 (tom startmåned: 12)", "en": "Months from January of the start year to the first operating month − 1 (blank start month: 12)"},
    "excel.by.a_k": {"da": "Kalenderår (indeks) for driftsårets første del", "en": "Calendar year (index) of the operating year's first part"},
    "excel.by.l_k": {"da": "Kalenderår (indeks) for driftsårets engangsudgifter", "en": "Calendar year (index) of the operating year's one-off costs"},
    "excel.by.d_k": {"da": "Enhedsår med gevinst i driftsårets første del", "en": "Gain-earning unit-years in the operating year's first part"},
    "excel.by.e_k": {"da": "Andel af år med gevinst i driftsårets første del", "en": "Share of a gain-earning year in the operating year's first part"},
}
STRINGS |= {
    "excel.sheet.risk_pool": {"da": "Risikopulje", "en": "Risk pool"},
    "excel.risk.title": {"da": "Risikopulje som i statens business case-model", "en": "Risk pool as in the State's business-case model"},
    "excel.risk.note": {"da": "Konsekvens i kr. og p × k er løbende formler; tabet i nettonutidsværdi ved en ændret input-værdi er beregnet af appen ved eksporten (kolonne G). Ret risici i appen.", "en": "Consequence in DKK and p × c are live formulas; the net present value lost by a changed input is computed by the app at export (column G). Edit risks in the app."},
    "excel.risk.driver_loss": {"da": "Tab ved ændret input (nutidskr., eksport)", "en": "Loss from the changed input (today's DKK, export)"},
}
STRINGS |= {
    "hl.risks.pool": {"da": "Risikopulje for {count} prissatte risici: {pool} (Σ sandsynlighed × konsekvens); nettonutidsværdi efter puljen {npv}", "en": "Risk pool for {count} priced risks: {pool} (Σ probability × consequence); net present value after the pool {npv}"},
}
STRINGS |= {
    "bv.gross_source": {"da": "37 timer × 52 uger (fuld tid efter overenskomsten)", "en": "37 hours × 52 weeks (full time under the collective agreement)"},
}
STRINGS |= {
    "pl.fixed_prices": {"da": "faste priser (P/L {year})", "en": "constant prices ({year} price level)"},
    "pl.title": {"da": "Prisniveau (P/L)", "en": "Price level (P/L)"},
    "pl.help": {"da": "Budgettet regnes i faste priser for ét år. Et beløb i en linjes eget P/L-år omregnes: beløb × indeks[budgettets år] ÷ indeks[linjens år]. Tomt P/L-år på en linje: beløbet er allerede i budgettets prisniveau.", "en": "The budget is drawn up in constant prices of one year. An amount at a line's own P/L year is converted: amount × index[budget's year] ÷ index[line's year]. An empty P/L year on a line: the amount is already at the budget's price level."},
    "pl.converted": {"da": "{count} linje(r) omregnet fra eget P/L-år", "en": "{count} line(s) converted from their own P/L year"},
    "pl.amounts": {"da": "Beløb i {label}", "en": "Amounts in {label}"},
    "pl.estimates": {"da": "Omregningen bruger indekstal, der er skøn: {years}", "en": "The conversion uses index figures that are estimates: {years}"},
    "field.price_level.year": {"da": "Budgettets prisniveau (P/L-år)", "en": "The budget's price level (P/L year)"},
    "field.price_level.source": {"da": "Indeksets kilde", "en": "Source of the index"},
    "field.price_level.index": {"da": "Prisindeks", "en": "Price index"},
    "field.price_level.taken": {"da": "Tallene hentet (dato)", "en": "Figures taken (date)"},
    "field.price_index.year": {"da": "År", "en": "Year"},
    "field.price_index.index": {"da": "Indeks", "en": "Index"},
    "field.price_index.estimate": {"da": "Skøn", "en": "Estimate"},
    "field.line_price_year": {"da": "P/L-år", "en": "P/L year"},
    "help.price_year": {"da": "Det år, linjens beløb er opgivet i priser for (fx et tilbud fra 2024). Tomt: budgettets prisniveau.", "en": "The year whose prices the line's amount is stated in (e.g. a 2024 quote). Empty: the budget's price level."},
    "error.price_index_missing": {"da": "{name}: prisindekset har intet tal for {year}; tilføj året i indekstabellen eller ret linjens P/L-år", "en": "{name}: the price index has no figure for {year}; add the year to the index table or change the line's P/L year"},
    "error.price_index_twice": {"da": "Prisindekset har {year} mere end én gang", "en": "The price index has {year} more than once"},
    "excel.inputs.price_level": {"da": "Prisniveau (P/L) og prisindeks", "en": "Price level (P/L) and price index"},
    "excel.inputs.price_level_note": {"da": "Linjernes beløb omregnes til budgettets prisniveau: beløb × indeks[P/L-år] ÷ indeks[linjens P/L-år] (kolonne O ved linjerne). Tilføj år i de tomme rækker.", "en": "The lines' amounts are converted to the budget's price level: amount × index[P/L year] ÷ index[the line's P/L year] (column O by the lines). Add years in the blank rows."},
    "excel.field.price_factor": {"da": "Faktor til budgettets P/L (formel)", "en": "Factor to the budget's P/L (formula)"},
}
