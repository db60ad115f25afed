"""Compare: 2–6 business cases or versions side by side (key figures, cumulative cash flow,
differences in the assumptions)."""

import pandas as pd
import streamlit as st

from calculators.assessment import evaluate, overall_score
from calculators.cashflow import cumulative_curve, monthly_flows
from calculators.comparison import input_differences
from calculators.metrics import compute_metrics
from ui import library as ui_lib
from ui.entry import through_app
from ui.figure_cache import compare_chart, legend_radar_chart
from ui.formatting import format_dkk, format_number, format_share
from ui.i18n import has
from ui.library_charts import short
from ui.session import label, lang, scenario, t
from ui.widgets import months_text

through_app()

MIN_ITEMS, MAX_ITEMS = 2, 6
MAX_OPTIONS = 200
CURRENT = "current"

st.title(t("cmp.title"))
st.caption(t("cmp.intro"))
lib = ui_lib.library()
# the choices are a query: the newest cases matching the search, and those already picked
find = st.text_input(t("cmp.find"), key="compare_find", help=t("lib.search_help"),
                     disabled=lib is None)
entries = (ui_lib.attempt(lambda: lib.entries(find, limit=MAX_OPTIONS)) or []) if lib else []
link = ui_lib.linked_version()
kept = {p for p in st.session_state.get("compare_pick", []) if p != CURRENT}
kept |= {link[0]} if link else set()
missing = kept - {e.id for e in entries}
if lib and missing:
    entries += [e for e in ui_lib.attempt(lambda: lib.entries(ids=missing)) or []]
by_id = {e.id: e for e in entries}

options = {CURRENT: t("cmp.current", title=scenario().title)} | {
    e.id: t("cmp.item", id=e.id, title=e.title, version=e.version) for e in entries}
partner = [link[0]] if link and link[0] in by_id else list(by_id)[:1]
picked = st.multiselect(t("cmp.pick"), list(options), default=[CURRENT, *partner],
                        max_selections=MAX_ITEMS, format_func=options.__getitem__,
                        placeholder=t("cmp.choose"), key="compare_pick")
older = {}
for scenario_id in (p for p in picked if p != CURRENT):
    for version in ui_lib.attempt(lambda i=scenario_id: lib.versions(i)) or []:
        if version.number != by_id[scenario_id].version:
            older[(scenario_id, version.number)] = t(
                "cmp.item", id=scenario_id, title=version.title, version=version.number)
extra = st.multiselect(t("cmp.pick_versions"), list(older), max_selections=MAX_ITEMS,
                       format_func=older.__getitem__, key="compare_versions",
                       placeholder=t("cmp.choose"), disabled=not older)

keys = [(p, by_id[p].version) for p in picked if p != CURRENT] + list(extra)
loaded = ui_lib.attempt(lambda: lib.load_many(keys)) if keys else []
items = [(t("cmp.item", id=i, title=short(s.title, 30), version=n), s)
         for (i, n), s in zip(keys, loaded or [], strict=False)]
if CURRENT in picked:
    items.insert(0, (t("cmp.current_short"), scenario()))
if not MIN_ITEMS <= len(items) <= MAX_ITEMS:
    st.info(t("cmp.need_two"))
    st.stop()

language = lang()
names = [name for name, _ in items]
metrics = [compute_metrics(s) for _, s in items]
st.subheader(t("cmp.kpis"))
hours = [t("unit.hours", value=format_number(m.hours_released_per_year, language))
         for m in metrics]
rows = {  # the budget track first, then the total value incl. released time, never blended
    "cmp.investment": [format_dkk(m.total_investment, language) for m in metrics],
    "cmp.budget_payback": [months_text(m.budget_payback_months) for m in metrics],
    "cmp.budget_npv": [format_dkk(m.budget_npv, language) for m in metrics],
    "cmp.budget_annual": [format_dkk(m.annual_budget_effect_steady_state, language)
                          for m in metrics],
    "cmp.budget_total": [format_dkk(m.budget_total, language) for m in metrics],
    "cmp.hours_taken_out": [t("unit.hours", value=format_number(m.hours_taken_out_per_year,
                                                                language)) for m in metrics],
    "cmp.payback": [months_text(m.payback_months) for m in metrics],
    "cmp.discounted_payback": [months_text(m.discounted_payback_months) for m in metrics],
    "cmp.npv": [format_dkk(m.npv, language) for m in metrics],
    "cmp.annual_net": [format_dkk(m.annual_net_steady_state, language) for m in metrics],
    "cmp.total_net": [format_dkk(m.total_net, language) for m in metrics],
    "cmp.hours": hours,
    "cmp.fte": [format_number(m.fte_released_per_year, language, 2) for m in metrics],
    "cmp.basis": [label("basis", s.estimate_basis.value) for _, s in items],
}
kpis = pd.DataFrame(list(rows.values()), columns=names)
kpis.insert(0, t("cmp.kpi"), [t(key) for key in rows])
st.dataframe(kpis, hide_index=True, width="stretch")
saved = items[len(items) - len(keys):]  # the library's cases, in the order of keys
if keys:
    pick_col, open_col = st.columns([3, 1], vertical_alignment="bottom")
    which = pick_col.selectbox(t("cmp.open_which"), range(len(keys)),
                               format_func=lambda i: saved[i][0], key="compare_open_choice")
    if open_col.button(t("lib.open"), key="compare_open", width="stretch"):
        ui_lib.open_version(*keys[which], saved[which][1])

tracks = {"budget": t("cmp.track_budget"), "value": t("cmp.track_value")}
track = st.segmented_control(t("cmp.track"), list(tracks), default="budget", required=True,
                             format_func=tracks.__getitem__, key="compare_track")
curves = [(name, *cumulative_curve(monthly_flows(s), budget=track == "budget"))
          for name, s in items]
compare_chart(curves, language, f"cmp.chart_title.{track}")

st.subheader(t("cmp.vtv"))
has_vtv = [overall_score(s) is not None for _, s in items]
assessed = [item for item, scored in zip(items, has_vtv, strict=True) if scored]
missing = [name for (name, _), scored in zip(items, has_vtv, strict=True) if not scored]
if missing:
    st.caption(t("cmp.vtv_missing", names=", ".join(missing)))
if assessed:
    legend_radar_chart([(name, evaluate(s).summary.category_scores) for name, s in assessed],
                       language)

st.subheader(t("cmp.differences"))
st.caption(t("cmp.differences_help"))
differences = input_differences([s for _, s in items])
if not differences:
    st.success(t("cmp.no_differences"))
    st.stop()
line_names = {(section, line.id): line.name for _, s in items
              for section in ("costs", "gains") for line in getattr(s, section)}


def field_label(part: str) -> str:
    for key in (f"field.{part}", f"cmp.field.{part}"):
        if has(key):
            return t(key)
    return part


def path_label(path: tuple[str, ...]) -> str:
    """Line fields under the line's name; numbered rows (risks, soft gains) as "Risici › 2";
    a field with a label of its own in its section (the price level's year) under that label."""
    if len(path) > 1 and has(f"field.{path[0]}.{path[1]}"):
        return " › ".join([t(f"field.{path[0]}.{path[1]}"), *path[2:]])
    parts = [line_names[path[:2]] if n == 1 and path[0] in ("costs", "gains")
             else part if part.isdigit() else field_label(part) for n, part in enumerate(path)]
    return " › ".join(parts)


LABELLED = {"estimate_basis": "basis", "period": "period", "category": "cost_category",
            "level": "risk", "beneficiaries": "beneficiary", "owner": "gain_owner",
            "contract_kind": "contract_kind", "route": "proc_route"}
SHARES = {"adoption", "realisation", "discount_rate", "budget_shares"}
YEARS = {"start_year", "years"}  # calendar years and year numbers: no thousands dot


def shown(path: tuple[str, ...], value: object) -> str:
    """A value as the user reads it: Danish numbers and shares, enum labels, yes/no, lists
    joined, long text cut; never an internal key."""
    field = path[-1]
    prefix = LABELLED.get(field) or (
        ("cost_kind" if path[0] == "costs" else "gain_kind") if field == "kind" else None)
    if value is None:  # the line is missing from this case: an empty cell
        return ""
    if value in ("", ()):  # an empty value of a line that is there
        return "–"
    if isinstance(value, tuple):
        return ", ".join(shown(path, item) for item in value)
    if isinstance(value, bool):
        return t("cmp.yes") if value else t("cmp.no")
    if isinstance(value, int) and field in YEARS:
        return str(value)
    if isinstance(value, int | float) and field in SHARES:
        return format_share(value, language, 1)
    if isinstance(value, int | float):
        return format_number(value, language, 0 if float(value).is_integer() else 2)
    if prefix:
        return label(prefix, str(value))
    return short(str(value), 70)


table = pd.DataFrame([[shown(path, v) for v in values] for path, values in differences],
                     columns=names)
table.insert(0, t("cmp.input"), [path_label(path) for path, _ in differences])


def highlight(row: pd.Series) -> list[str]:
    first = row.iloc[1]
    return [""] + ["background-color: #FFE8A3; font-weight: 600" if value != first else ""
                   for value in row.iloc[1:]]


st.dataframe(table.style.apply(highlight, axis=1), hide_index=True, width="stretch")
