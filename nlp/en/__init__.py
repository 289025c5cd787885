"""English-specific NLP: claim cues, clauses, kinds and speakers read from a spaCy parse."""
