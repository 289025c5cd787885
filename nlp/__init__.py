"""Marsad's NLP core: text in, Analysis (entities, figures, claims) out."""

from __future__ import annotations

import sys

# camel-tools pulls PyTorch in as a dependency, and spaCy's thinc imports it
# whenever it is installed, doubling a worker's memory (~940 MiB vs ~430 MiB).
# Nothing in Marsad uses torch: mark it absent before spaCy is imported, so
# thinc's optional-import check takes the no-torch path. A process that has
# already imported torch keeps it.
if "torch" not in sys.modules:
    sys.modules["torch"] = None  # type: ignore[assignment]

from nlp.pipeline import analyze, analyze_many
from nlp.types import Analysis, AnalysisError, Claim, Entity, Figure, Options, Speaker

__all__ = ["analyze", "analyze_many", "Analysis", "AnalysisError", "Claim", "Entity", "Figure", "Options", "Speaker"]
