"""Custom actions of the career assistant (rasa-sdk): thin adapters over :mod:`career_kb.answers`.

Each action reads the conversation (:mod:`actions.context`), asks the answers layer for plain
values (through :mod:`actions.kb`, off the event loop), renders them with the wording file
(:mod:`actions.render`, :mod:`actions.formatting`, ``actions/wording/en.yml``) and sets slots.

* :mod:`actions.occupations`: what a job is, pay, outlook, how to get there, skills, similar careers,
  college vs trade school vs apprenticeship vs military vs work;
* :mod:`actions.followup`: "and for nurses?" (the last topic again, for another occupation);
* :mod:`actions.exploration`: careers for interests, career clusters, "what should I do next?";
* :mod:`actions.local`: CTE programs, work-based learning, partner employers and events near the student;
* :mod:`actions.forms`: the profile form's validation and questions (grade, school or ZIP code);
* :mod:`actions.profile`: the remembered profile (session start, update, delete with the plan);
* :mod:`actions.assessment`: the interest quiz (start, answer, stop and resume, result with a chart);
* :mod:`actions.plan`: the career plan (save, show with next steps, remove, "I did the job shadow", print);
* :mod:`actions.support`: crisis resources;
* :mod:`actions.handoff`: the hand-off to a counselor (a ticket in their queue) and the counselors'
  stored FAQ answers.

No action module imports another action module's private names (a test checks). The action server
imports every submodule and registers each concrete ``Action`` subclass.
"""
