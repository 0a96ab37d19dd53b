"""Runtime of the assistant: train-if-changed, start the servers, NLU components (safety, KB entities)."""
