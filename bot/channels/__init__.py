"""Rasa input channels of this deployment (configured in credentials.yml by module path)."""
