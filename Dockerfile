# The build stage turns the sources into a wheel; the image installs only that wheel, so it runs the
# product as any regular install does, queries and policy read from the installed package.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY graph_credit ./graph_credit
COPY loaders ./loaders
COPY api ./api
COPY cypher ./cypher
COPY policy ./policy
COPY docs ./docs
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
RUN useradd --create-home graphcredit \
    && mkdir -p /var/lib/graph-credit && chown graphcredit /var/lib/graph-credit
# The query log must outlive the container: mount a volume here (docker-compose.yml does).
ENV GRAPH_CREDIT_AUDIT_DB_PATH=/var/lib/graph-credit/audit.sqlite
VOLUME /var/lib/graph-credit
USER graphcredit
EXPOSE 8000
CMD ["graph-credit", "serve"]
