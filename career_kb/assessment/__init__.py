"""The interest quiz: an item bank written for this project, scoring into a RIASEC profile and a
Holland code, matching that profile to O*NET interest profiles, and the student's career plan.

No Rasa here: :mod:`~career_kb.assessment.bank` (the items), :mod:`~career_kb.assessment.scoring`
(answers → profile → code), :mod:`~career_kb.assessment.matching` (profile → ranked occupations with
why they fit and the district's programs), :mod:`~career_kb.assessment.store` (answers, progress and
the plan in the KB), :mod:`~career_kb.assessment.steps` (next steps from the grade and district data).
See docs/assessment.md.
"""
