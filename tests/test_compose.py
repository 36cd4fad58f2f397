"""docker-compose.yml deploys the Neo4j release the tests run, and Compose accepts the file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
POM = ROOT / "tools" / "neo4j-server" / "pom.xml"
REQUIRED = {"NEO4J_PASSWORD": "pw", "GRAPH_CREDIT_PERSON_KEY_SECRET": "s", "GRAPH_CREDIT_API_KEYS": "k"}


def _tested_version() -> str:
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    version = ElementTree.parse(POM).getroot().findtext("m:properties/m:neo4j.version", namespaces=ns)
    assert version and re.fullmatch(r"5\.26\.\d+", version), version
    return version


def test_the_image_is_the_release_the_tests_run() -> None:
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    assert services["neo4j"]["image"] == f"neo4j:{_tested_version()}-community"
    env = services["neo4j"]["environment"]
    assert env["NEO4J_dbms_security_allow__csv__import__from__file__urls"] == "false"


def _compose() -> list[str] | None:
    """`docker compose` (the plugin), else the standalone `docker-compose`; both parse the file
    without a Docker engine."""
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True, timeout=60)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_compose_accepts_the_file_and_names_what_is_missing() -> None:
    compose = _compose()
    if compose is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed to parse the file")
    base = {k: v for k, v in os.environ.items() if k not in REQUIRED}
    run = [*compose, "-f", str(COMPOSE), "config"]
    ok = subprocess.run(run, capture_output=True, text=True, env=base | REQUIRED, cwd=ROOT, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert f"neo4j:{_tested_version()}-community" in ok.stdout
    missing = subprocess.run(run, capture_output=True, text=True, env=base, cwd=ROOT, timeout=120)
    assert missing.returncode != 0 and "NEO4J_PASSWORD" in missing.stderr + missing.stdout
