"""Marsad: Arabic/English news monitoring and claim extraction."""

__version__ = "0.1.0"
