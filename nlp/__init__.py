"""Marsad's NLP core: text in, Analysis (entities, figures, claims) out."""

from __future__ import annotations

# (PyTorch is kept out of Marsad's processes by their entry points: marsad.torchless.)
from marsad.nlp.pipeline import analyze, analyze_many
from marsad.nlp.types import Analysis, AnalysisError, Claim, Entity, Figure, Options, Speaker

__all__ = ["analyze", "analyze_many", "Analysis", "AnalysisError", "Claim", "Entity", "Figure", "Options", "Speaker"]
