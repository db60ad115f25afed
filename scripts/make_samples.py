import json
from calculators.model import Scenario
from calculators.scenario_file import dump_scenario

seed_source = "Lauridsen (Aarhus Kommune) i specialet, kilde 004 l.4675–4691"
toilet = dict(
    title="Vaske-/tørretoilet – Aarhus (seed-eksempel)",
    organisation="Aarhus Kommune, Sundhed og Omsorg",
    technology="Vaske- og tørretoilet",
    description="Kommunen køber et vaske- og tørretoilet til en borger, der bliver selvhjulpen ved toiletbesøg. "
    "Regnestykket er gengivet præcist som i kilden: kr 40.000, ca. én personaletime om dagen, ca. kr 300 pr. bruttotime.",
    purpose="At gøre borgeren selvhjulpen og frigøre personaletid i hjemmeplejen.",
    baseline="Borgeren får hjælp af personale ved hvert toiletbesøg (i kildens eksempel 17 forskellige hjælpere om dagen).",
    with_technology="Borgeren klarer toiletbesøg selv med vaske-/tørretoilet; personaletiden frigøres.",
    beneficiaries=["citizens", "care_staff"],
    alternatives="Fortsat personlig hjælp; andre hjælpemidler.",
    risks=[
        {"text": "Tidsbesparelsen er et optimistisk skøn: Aarhus' egen evaluering (2013, 276 borgere) fandt ca. 52 minutter om ugen pr. borger.", "level": "large"},
        {"text": "Frigjort tid bliver i enheden og er ikke en budgetbesparelse, medmindre nogen beslutter at tage den ud.", "level": "medium"},
    ],
    sources={
        "investment": seed_source,
        "hours_saved": seed_source,
        "hourly_cost": seed_source,
        "discount_rate": "Finansministeriets samfundsøkonomiske diskonteringsrente, 3,5 % for år 0–35",
    },
    estimate_basis="optimistic",
    tags=["toilet", "hjemmepleje", "seed"],
    start_year=2026,
    horizon_years=10,
    scale={"units": 1},
    costs=[{"id": "toilet", "name": "Vaske-/tørretoilet, indkøb", "category": "purchase", "kind": "one_off",
            "amount": 40000, "per_unit": True, "source": seed_source}],
    gains=[{"id": "time", "name": "Sparet personaletid ved toiletbesøg", "kind": "released_time",
            "quantity": 1.0, "period": "day", "hourly_cost": 300, "per_unit": True,
            "cash_releasing": False, "source": seed_source}],
    soft_gains=[
        {"description": "Selvhjulpenhed og værdighed: færre fremmede hjælpere i intime situationer", "beneficiaries": ["citizens"], "rating": 5,
         "documentation": "Interview med borgeren før og efter"},
        {"description": "Færre tunge og intime plejeopgaver for personalet", "beneficiaries": ["care_staff"], "rating": 3,
         "documentation": "Spørgeskema til medarbejdere"},
    ],
)
conservative = json.loads(json.dumps(toilet))
eval_source = "Aarhus Kommunes evaluering af vaske-/tørretoiletter (2013, 276 borgere): ca. 52 minutter om ugen pr. borger"
conservative.update(
    title="Vaske-/tørretoilet – Aarhus (konservativt, evalueret tidsforbrug)",
    description="Samme toilet som seed-eksemplet, men med den tidsbesparelse Aarhus Kommunes egen evaluering fandt: "
    "ca. 52 minutter om ugen pr. borger i stedet for én time om dagen. Viser hvorfor realisme betyder noget.",
    estimate_basis="conservative",
    tags=["toilet", "hjemmepleje", "konservativ"],
)
conservative["risks"] = [conservative["risks"][1]]
conservative["sources"]["hours_saved"] = eval_source
conservative["gains"][0].update(quantity=52 / 60, period="week", source=eval_source)

illustrative = "Illustrative tal – ikke fra en konkret kommune. Erstat dem med egne tal."
lifts = dict(
    title="Loftlifte på plejecenter (illustrativt)",
    organisation="Eksempel Kommune, Plejecenter Solbakken",
    technology="Loftlifte med skinnesystem",
    description=illustrative + " 40 boliger får loftlift over to år; liftene holder 10 år og genanskaffes.",
    purpose="Færre tunge løft og arbejdsskader; én i stedet for to medarbejdere ved forflytning.",
    baseline="Forflytning med mobil personlift og to medarbejdere.",
    with_technology="Loftlift i hver bolig; én medarbejder kan forflytte de fleste beboere.",
    beneficiaries=["citizens", "care_staff"],
    alternatives="Flere mobile lifte; forflytningsvejledere.",
    risks=[{"text": "Bygningen kan kræve større ombygning end skønnet.", "level": "medium"},
           {"text": "Medarbejdere fortsætter med to-mands-forflytning af vane.", "level": "medium"}],
    estimate_basis="realistic",
    tags=["lift", "plejecenter", "arbejdsmiljø", "illustrativ"],
    start_year=2026,
    horizon_years=15,
    scale={"units": 40, "rollout": [20, 20], "adoption": 0.85, "realisation": 0.8,
           "implementation_months": 3, "ramp_up_months": 3},
    costs=[
        {"id": "lift", "name": "Loftlift inkl. skinner", "category": "purchase", "kind": "one_off", "amount": 25000, "per_unit": True, "lifetime_years": 10, "source": illustrative},
        {"id": "install", "name": "Montering", "category": "installation", "kind": "one_off", "amount": 8000, "per_unit": True, "source": illustrative},
        {"id": "building", "name": "Bygningstilpasning", "category": "building", "kind": "one_off", "amount": 150000, "per_unit": False, "source": illustrative},
        {"id": "training", "name": "Oplæring af personale", "category": "training", "kind": "one_off", "amount": 60000, "per_unit": False, "years": [0, 1], "source": illustrative},
        {"id": "pm", "name": "Projektledelse", "category": "project_management", "kind": "one_off", "amount": 100000, "per_unit": False, "source": illustrative},
        {"id": "service", "name": "Service og lovpligtigt eftersyn", "category": "service", "kind": "recurring", "amount": 1500, "per_unit": True, "source": illustrative},
    ],
    gains=[
        {"id": "transfer", "name": "Én i stedet for to ved forflytning", "kind": "released_time", "quantity": 0.25, "period": "day", "hourly_cost": 320, "per_unit": True, "cash_releasing": False, "source": illustrative},
        {"id": "injuries", "name": "Færre arbejdsskader og mindre sygefravær", "kind": "avoided_cost", "quantity": 150000, "period": "year", "per_unit": False, "cash_releasing": True, "source": illustrative},
    ],
    soft_gains=[{"description": "Bedre arbejdsmiljø: færre tunge løft", "beneficiaries": ["care_staff"], "rating": 4, "documentation": "Registrering af arbejdsskader og APV"},
                {"description": "Tryggere forflytning for beboeren", "beneficiaries": ["citizens"], "rating": 3, "documentation": "Beboerinterview"}],
)
dispenser = dict(
    title="Medicindispensere i hjemmeplejen (illustrativt)",
    organisation="Eksempel Kommune, Hjemmeplejen",
    technology="Elektronisk medicindispenser med påmindelse",
    description=illustrative + " 60 borgere får dispenser over tre år; dispenseren leases.",
    purpose="Borgeren tager selv sin medicin til tiden; færre besøg alene for medicin.",
    baseline="Hjemmeplejen kommer på besøg for at give medicin.",
    with_technology="Dispenseren påminder og udleverer; personalet doserer én gang om ugen.",
    beneficiaries=["citizens", "relatives", "care_staff", "admin_staff"],
    alternatives="Doseringsæsker og telefonopkald.",
    risks=[{"text": "Ikke alle borgere kan bruge dispenseren (kognitive udfordringer).", "level": "large"},
           {"text": "Integration med omsorgssystemet kan forsinkes.", "level": "small"}],
    estimate_basis="realistic",
    tags=["medicin", "hjemmepleje", "illustrativ"],
    start_year=2026,
    horizon_years=8,
    scale={"units": 60, "rollout": [20, 20, 20], "adoption": 0.8, "realisation": 0.9,
           "implementation_months": 6},
    costs=[
        {"id": "lease", "name": "Leasing af dispenser", "category": "licence", "kind": "recurring", "amount": 4800, "per_unit": True, "source": illustrative},
        {"id": "setup", "name": "Opsætning og oplæring pr. borger", "category": "training", "kind": "one_off", "amount": 1500, "per_unit": True, "source": illustrative},
        {"id": "integration", "name": "Integration med omsorgssystem", "category": "integration", "kind": "one_off", "amount": 200000, "per_unit": False, "source": illustrative},
        {"id": "pm", "name": "Projektledelse", "category": "project_management", "kind": "one_off", "amount": 150000, "per_unit": False, "source": illustrative},
        {"id": "support", "name": "Support og drift", "category": "support", "kind": "recurring", "amount": 40000, "per_unit": False, "source": illustrative},
    ],
    gains=[
        {"id": "visits", "name": "Færre medicinbesøg", "kind": "released_time", "quantity": 0.33, "period": "day", "hourly_cost": 350, "per_unit": True, "cash_releasing": False, "source": illustrative},
        {"id": "car", "name": "Én bil mindre i hjemmeplejen", "kind": "budget_saving", "quantity": 60000, "period": "year", "per_unit": False, "cash_releasing": True, "source": illustrative},
        {"id": "errors", "name": "Færre medicinfejl og indlæggelser", "kind": "avoided_cost", "quantity": 2000, "period": "year", "per_unit": True, "cash_releasing": False, "source": illustrative},
    ],
    soft_gains=[{"description": "Borgeren tager selv ansvar for sin medicin", "beneficiaries": ["citizens"], "rating": 4, "documentation": "Borgerinterview"},
                {"description": "Pårørende er trygge", "beneficiaries": ["relatives"], "rating": 3, "documentation": "Spørgeskema"}],
)
for name, data in [("aarhus_toilet", toilet), ("aarhus_toilet_conservative", conservative), ("ceiling_lifts", lifts), ("medicine_dispenser", dispenser)]:
    open(f"sample_data/{name}.json", "w").write(dump_scenario(Scenario.model_validate(data)))
