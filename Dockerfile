# Marsad's application image: the API, the crawler and the one-shot index set-up.
FROM python:3.11-slim
ENV PIP_NO_CACHE_DIR=1 PYTHONUNBUFFERED=1
WORKDIR /app
# FreeDict's English-Arabic dictionaries (GPL-2+): claim groups read them across languages (nlp/bilingual.py).
RUN apt-get update && apt-get install -y --no-install-recommends dict-freedict-eng-ara dict-freedict-ara-eng \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY marsad marsad
COPY nlp nlp
COPY crawler crawler
COPY api api
COPY index_config index_config
# The crawler's state directory, owned by the user it runs as: a volume mounted there starts as a copy.
RUN pip install . && useradd --system --create-home marsad \
    && mkdir -p /var/lib/marsad && chown marsad /var/lib/marsad
USER marsad
# The dictionaries' word table, read once into the user's cache (nlp/bilingual.py), not at each start.
RUN python -c "from marsad.nlp import bilingual; assert bilingual.available()"
ENV MARSAD_INDEX_CONFIG=/app/index_config
ENTRYPOINT ["marsad"]
