"""The answers layer: what the assistant answers, decided without Rasa, over the query API.

Each module takes plain values (codes, names, the student's grade and place) and a ``Session``, and
returns plain values (the query API's dataclasses and small frozen dataclasses of its own); the
actions in ``actions/`` only read the conversation, call these functions, render the result with
the wording file and set slots.

* :mod:`~career_kb.answers.topics`: the one registry of topics (intent, action, what they need);
* :mod:`~career_kb.answers.lookup`: which occupation the student means (the lookup policy);
* :mod:`~career_kb.answers.routes`: how college, trade school, apprenticeship, military and work fit
  an occupation;
* :mod:`~career_kb.answers.places`: where the student is, and programs, opportunities and partners
  near them with their fallbacks (the student's clusters first, then anything near);
* :mod:`~career_kb.answers.next_steps`: grade-fitted next steps;
* :mod:`~career_kb.answers.exploring`: careers for interests, cluster overviews;
* :mod:`~career_kb.answers.profile`: remembering grade, school and ZIP, and the career plan.
"""
