"""One spider per way of finding articles: feeds (RSS/Atom) and sitemaps."""
