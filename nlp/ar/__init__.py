"""Arabic: the trained named-entity model and what it needs (its token view of a text, its corpus)."""
