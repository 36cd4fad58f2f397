"""The bundle sizes `generate` knows, and the files a bundle holds."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    enterprises: int
    persons_per_enterprise: float = 1.1


SCALES: dict[str, Scale] = {
    "tiny": Scale(300),  # for tests: seconds
    "demo": Scale(20_000),
    "city": Scale(1_000_000),
}

FILES = (
    "enterprises.csv",
    "persons.csv",
    "holdings.csv",
    "roles.csv",
    "records.csv",
    "projects.csv",
    "participations.csv",
    "guarantees.csv",
)
