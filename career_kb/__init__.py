"""Career knowledge base: occupations (O*NET, BLS), clusters, programs and a district's CTE/WBL data.

This package has no Rasa dependency; ``actions/`` adapts it to the dialogue.
"""

__version__ = "0.1.0"
