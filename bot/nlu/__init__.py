"""Custom Rasa NLU graph components used by ``config.yml``."""
