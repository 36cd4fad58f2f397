"""Settings from the environment (prefix GRAPH_CREDIT_), built once in `get_settings()`.

Every setting is documented in docs/settings.md, generated from this class by `python -m tools.gen_docs`;
tests/test_docs_generated.py fails when the page and the class differ.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "development-only-person-key-secret"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRAPH_CREDIT_", env_file=".env", extra="ignore")

    env: Literal["development", "test", "production"] = Field(
        "development", description="development, test or production; production refuses default secrets"
    )
    engine: Literal["ladybug", "neo4j"] = Field("ladybug", description="graph engine to use")
    db_path: Path = Field(Path("var/graph.lbug"), description="LadybugDB database file")
    buffer_pool_mb: int = Field(
        2048, ge=64, description="LadybugDB buffer pool; it is never given back, so keep it bounded"
    )
    query_timeout_ms: int = Field(30_000, ge=100, description="LadybugDB per-query time limit")
    topology_index: bool = Field(
        True, description="keep the read-side topology index for paths and neighbourhoods (LadybugDB)"
    )
    prewarm: bool = Field(
        True, description="read every table once when the server starts, in the background (LadybugDB)"
    )
    topology_dir: Path | None = Field(
        None, description="folder for the persisted topology index; default: beside the database file"
    )
    neo4j_uri: str | None = Field(None, description="bolt:// or neo4j:// address of a Neo4j 5 server")
    neo4j_user: str = Field("neo4j", description="Neo4j user")
    neo4j_password: str = Field("", description="Neo4j password")
    neo4j_database: str = Field("neo4j", description="Neo4j database name")
    person_key_secret: str = Field(
        DEV_SECRET,
        description="secret of the keyed hash that turns resident ID numbers into person keys",
    )
    grading_policy: Path | None = Field(
        None, description="credit grading policy file (default: the shipped policy/grading.yaml)"
    )
    measure_catalogue: Path | None = Field(
        None, description="joint punishment and incentive measure catalogue (default: policy/measures.yaml)"
    )
    host: str = Field("127.0.0.1", description="address the API binds to")
    port: int = Field(8000, description="port the API listens on")
    api_keys: str = Field(
        "", description="API keys as `sha256:<hex>=<role>:<name>` entries, separated by commas or spaces"
    )
    api_keys_file: Path | None = Field(None, description="a file of API key entries, one a line")
    api_anonymous: bool = Field(True, description="requests without a key get the public role; false: 401")
    audit_db_path: Path = Field(Path("var/audit.sqlite"), description="the append-only query log (SQLite)")
    api_max_body_bytes: int = Field(1_048_576, ge=1024, description="largest request body accepted")
    api_workers: int = Field(
        4, ge=1, le=256, description="requests the API works on at once; the rest wait, screening first"
    )
    api_max_batch: int = Field(500, ge=1, le=10_000, description="most subjects in one batch request")
    console_max_rows: int = Field(
        1000, ge=1, le=100_000, description="rows the Cypher console returns at most"
    )
    console_timeout_ms: int = Field(5000, ge=100, description="time limit of one console query")

    @model_validator(mode="after")
    def _no_default_secret_in_production(self) -> Settings:
        if self.env == "production" and self.person_key_secret == DEV_SECRET:
            raise ValueError(
                "GRAPH_CREDIT_PERSON_KEY_SECRET must be set outside development: the default "
                "secret would make person keys guessable from ID numbers"
            )
        if self.engine == "neo4j" and not self.neo4j_uri:
            raise ValueError("GRAPH_CREDIT_ENGINE=neo4j needs GRAPH_CREDIT_NEO4J_URI")
        return self


@cache
def get_settings() -> Settings:
    return Settings()
