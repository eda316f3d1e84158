"""Helper package for the course "Pharmacology basics, with kratom as the case study".

Notebooks stay narrative; the logic they rely on lives here and is tested:
data loading (``data``), units (``units``), PK/PD models (``pk``, ``pharmacodynamics``,
``interactions``, ``population``), interactive explorers (``explorers``), quizzes (``quiz``) and
exercise self-checks (``checks``).
"""

__version__ = "0.1.0"

from pharmacourse import tables as _tables

_tables.register()  # DataFrames in a keyboard-scrollable region (axe scrollable-region-focusable)
