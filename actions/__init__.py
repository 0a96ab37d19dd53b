"""Custom actions of the career assistant (rasa-sdk), split by concern over the ``career_kb`` query API.

* :mod:`actions.occupations`: what a job is, pay, outlook, how to get there, skills, similar careers,
  college vs trade school vs apprenticeship vs military vs work, follow-ups;
* :mod:`actions.exploration`: careers for interests, career clusters, "what should I do next?";
* :mod:`actions.local`: CTE programs, work-based learning, partner employers and events near the student;
* :mod:`actions.profile`: the remembered profile and career plan (session start, update, save, show, delete);
* :mod:`actions.support`: crisis resources and the hand-off to a counselor;
* :mod:`actions.kb`, :mod:`actions.context`, :mod:`actions.formatting`: KB access off the event loop,
  reading the conversation, and formatting numbers, citations and buttons.

The action server imports every submodule and registers each concrete ``Action`` subclass.
"""
