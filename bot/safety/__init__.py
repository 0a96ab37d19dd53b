"""The learned safety layer: a classifier trained on the project's safety corpus, and the decision
that combines it with the rule layer (:mod:`bot.safety_rules`) and the check-in band.

No Rasa import here: ``bot.nlu.safety`` wraps :func:`bot.safety.decision.decide` as an NLU
component, and ``make eval-safety`` / ``make bench-safety`` call the same function in-process.
"""
