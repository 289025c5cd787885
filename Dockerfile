# Marsad's application image: the API, the crawler and the one-shot index set-up.
FROM python:3.11-slim
ENV PIP_NO_CACHE_DIR=1 PYTHONUNBUFFERED=1
WORKDIR /app
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
ENV MARSAD_INDEX_CONFIG=/app/index_config
ENTRYPOINT ["marsad"]
