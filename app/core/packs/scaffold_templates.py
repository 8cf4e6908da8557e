"""Templates for `protocol-desk new`: each validates as written and says what to write where.

Fields are filled with str.format, so literal braces are doubled (`{{{{clinic_phone}}}}` writes the
placeholder `{{clinic_phone}}`). docs/authoring.md explains every field shown here.
"""

from __future__ import annotations

PACK = """\
format: 1
id: {id}
title: {title}
version: 0.1.0
publisher: Write who publishes the pack (a site or team)
licence: Write the licence, for example CC BY 4.0
language: en
status: draft
released: {today}
review_interval_months: 12
min_app_version: 0.1.0
disclaimer: Write what the pack is for and who may use it.
references:
  - id: source-1
    citation: Write the full citation of your first source.
    tier: B
placeholders:
  - name: clinic_phone
    label: Clinic phone number
    example: 01234 567890
"""

_META = """\
id: {id}
title: {title}
summary: Write one or two sentences that say what this document is for.
status: draft
version: 0.1.0
last_reviewed: {today}
review_due: {due}
reviewers: [Write your name]
regulatory_status: not-applicable
"""

PROTOCOL = (
    "kind: protocol\n"
    + _META
    + """\
indications:
  - text: Write who this protocol is for.
    references: [{ref}]
sections:
  - id: overview
    title: Overview
    body: |
      Write the section in Markdown: paragraphs, lists and **bold**. A Markdown link whose
      target is `doc:` and a document id (with `#section-id` if wanted) opens that document.
    references: [{ref}]
"""
)

CHECKLIST = (
    "kind: checklist\n"
    + _META
    + """\
dose_event: dose
timepoints:
  - id: before-dose
    label: Before the dose
    offset_minutes: -15
    items:
      - id: consent
        type: yesno
        label: Write a yes/no question
        alerts:
          - when: "no"
            severity: warning
            message: Write what to do when the answer is no.
            references: [{ref}]
        references: [{ref}]
    references: [{ref}]
"""
)

VISIT_CHECKLIST = (
    "kind: checklist\n"
    + _META
    + """\
schedule: visit
visit_interval_months: 3
timepoints:
  - id: results
    label: Results
    items:
      - id: level
        type: number
        label: Write what is measured
        unit: mmol/L
        plausible: {{min: 0, max: 4}}
        decimals: 2
        references: [{ref}]
    references: [{ref}]
"""
)

INSTRUCTIONS = (
    "kind: instructions\n"
    + _META
    + """\
audience: patient
key_rules:
  - text: Write the one rule that matters most. Questions? Call {{{{clinic_phone}}}}.
    important: true
    references: [{ref}]
phases:
  - id: before
    title: Before your visit
    items:
      - text: Write one instruction in plain words.
        references: [{ref}]
"""
)

CALCULATOR = (
    "kind: calculator\n"
    + _META
    + """\
calculation:
{calculation}"""
)

CARDS = (
    "kind: cards\n"
    + _META
    + """\
cards:
  - id: first-card
    type: basic
    front: Write a question.
    back: Write its answer.
    source: {source}
"""
)

DOCUMENTS = {
    "protocol": PROTOCOL,
    "checklist": CHECKLIST,
    "visit-checklist": VISIT_CHECKLIST,
    "instructions": INSTRUCTIONS,
    "calculator": CALCULATOR,
    "cards": CARDS,
}

_WEIGHT = "    label: Body weight\n    unit: kg\n    min: 30\n    max: 250\n    step: 0.1\n"
_HEIGHT = "    label: Height\n    unit: cm\n    min: 120\n    max: 230\n"

CALCULATIONS = {
    "conversion": """\
  formula: conversion
  amount:
    label: Write what is entered
    unit: mg
    min: 1
    max: 2000
  equivalence:
    from_amount: 400
    to_amount: 10.8
  result:
    label: Write what is shown
    unit: mmol
    step: 0.1
  references: [{ref}]
""",
    "cockcroft-gault": f"""\
  formula: cockcroft-gault
  age:
    label: Age
    unit: years
    min: 18
    max: 110
  weight:
{_WEIGHT}  creatinine:
    label: Serum creatinine
    unit: umol/L
    min: 20
    max: 1500
  result:
    label: Creatinine clearance
    unit: mL/min
    step: 1
  references: [{{ref}}]
""",
    "bsa-mosteller": f"""\
  formula: bsa-mosteller
  height:
{_HEIGHT}  weight:
{_WEIGHT}  result:
    label: Body surface area
    unit: m2
    step: 0.01
  references: [{{ref}}]
""",
    "ibw-devine": f"""\
  formula: ibw-devine
  height:
{_HEIGHT}  result:
    label: Ideal body weight
    unit: kg
    step: 0.1
  references: [{{ref}}]
""",
    "adjusted-body-weight": f"""\
  formula: adjusted-body-weight
  height:
{_HEIGHT}  weight:
{_WEIGHT}  factor: 0.4
  result:
    label: Adjusted body weight
    unit: kg
    step: 0.1
  references: [{{ref}}]
""",
    "dose-from-level": """\
  formula: dose-from-level
  current_dose:
    label: Current daily dose
    unit: mg
    min: 100
    max: 2000
  measured_level:
    label: Measured level
    unit: mmol/L
    min: 0.1
    max: 3
    step: 0.01
  target_level:
    label: Target level
    unit: mmol/L
    min: 0.4
    max: 1
    step: 0.05
  max_dose: 2000
  result:
    label: Suggested daily dose
    unit: mg
    step: 100
  references: [{ref}]
""",
    "available-strengths": """\
  formula: available-strengths
  dose:
    label: Prescribed dose
    unit: mg
    min: 100
    max: 2000
  strengths:
    - amount: 400
      label: 400 mg tablet
    - amount: 200
      label: 200 mg tablet
  unit_name: tablets
  max_units: 6
  references: [{ref}]
""",
}
