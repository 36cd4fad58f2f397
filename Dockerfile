FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph_credit ./graph_credit
COPY loaders ./loaders
COPY api ./api
COPY cypher ./cypher
RUN pip install --no-cache-dir -e .
RUN useradd --create-home graphcredit
USER graphcredit
EXPOSE 8000
CMD ["graph-credit", "serve"]
