"""One declaration of the arguments the questions share (graph_credit.params): the domain function's
default, the CLI option and the API's query parameter are all made from it, so they agree."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
import typer.main

from api.contract import openapi_document
from graph_credit import investigate as inv
from graph_credit import ownership as own
from graph_credit import params as P
from graph_credit.cli import app
from graph_credit.errors import InvalidInput

# (domain function, CLI command, API path, argument, its declaration)
SHARED: list[tuple[Callable[..., Any], str | None, str | None, str, P.Limit]] = [
    (inv.neighbourhood, "neighbours", "/investigate/{subject}/neighbourhood", "hops", P.NEIGHBOUR_HOPS),
    (inv.neighbourhood, "neighbours", "/investigate/{subject}/neighbourhood", "max_nodes", P.NEIGHBOUR_MAX_NODES),
    (inv.neighbourhood, "neighbours", "/investigate/{subject}/neighbourhood", "max_neighbours", P.NEIGHBOUR_MAX_NEIGHBOURS),
    (inv.shortest_path, "path", "/investigate/paths/shortest", "max_hops", P.SHORTEST_PATH_HOPS),
    (inv.shortest_path, "path", "/investigate/paths/shortest", "max_paths", P.SHORTEST_MAX_PATHS),
    (inv.all_paths, "paths", "/investigate/paths/all", "max_hops", P.ALL_PATHS_HOPS),
    (inv.all_paths, "paths", "/investigate/paths/all", "max_paths", P.ALL_PATHS_MAX_PATHS),
    (inv.shared_links, "shared-links", "/investigate/{uscc}/shared-links", "per_link", P.SHARED_PER_LINK),
    (inv.circular_holdings, "cycles", "/investigate/{uscc}/cycles", "max_hops", P.CYCLE_HOPS),
    (inv.guarantee_circles, "cycles", "/investigate/{uscc}/cycles", "max_cycles", P.MAX_CYCLES),
    (inv.guarantee_chains, "guarantee-chains", "/investigate/{uscc}/guarantee-chains", "max_hops", P.CHAIN_HOPS),
    (inv.guarantee_chains, None, "/investigate/{uscc}/guarantee-chains", "max_nodes", P.CHAIN_MAX_NODES),
    (inv.guarantee_chains, None, "/investigate/{uscc}/guarantee-chains", "max_chains", P.CHAIN_MAX_CHAINS),
    (inv.records_near, "records-near", "/investigate/{subject}/records-near", "hops", P.RECORDS_NEAR_HOPS),
    (own.ownership_up, "ownership-up", "/ownership/{subject}/up", "depth", P.OWNERSHIP_DEPTH),
    (own.ownership_up, "ownership-up", "/ownership/{subject}/up", "max_nodes", P.OWNERSHIP_MAX_NODES),
    (own.actual_controller, "controller", "/ownership/{uscc}/controller", "depth", P.OWNERSHIP_DEPTH),
    (own.beneficial_owners, "beneficial-owners", "/ownership/{uscc}/beneficial-owners", "depth", P.OWNERSHIP_DEPTH),
]  # fmt: skip


def _cli_params(command: str) -> dict[str, Any]:
    group: Any = typer.main.get_command(app)  # typer's own click: checked by what it has, not its class
    cmd = group.commands[command]
    return {p.name: p for p in cmd.params if p.name}


def _api_params(path: str) -> dict[str, dict[str, Any]]:
    op = openapi_document()["paths"][path]["get"]
    return {p["name"]: p["schema"] for p in op.get("parameters", [])}


@pytest.mark.parametrize(
    ("fn", "command", "path", "arg", "limit"), SHARED, ids=lambda v: getattr(v, "name", None)
)
def test_domain_cli_and_api_take_the_argument_from_one_declaration(
    fn: Callable[..., Any], command: str | None, path: str | None, arg: str, limit: P.Limit
) -> None:
    assert inspect.signature(fn).parameters[arg].default == limit.default
    if command is not None:
        option = _cli_params(command)[arg]
        assert (option.min, option.max, option.default) == (limit.low, limit.high, limit.default)
    if path is not None:
        schema = _api_params(path)[arg]
        assert (schema["minimum"], schema["maximum"], schema["default"]) == (
            limit.low,
            limit.api_high,
            limit.default,
        )
        assert limit.api_high <= limit.high  # the API never serves more than the domain accepts


def test_the_domain_refuses_a_value_out_of_range_naming_the_argument() -> None:
    with pytest.raises(InvalidInput, match="hops must be between 1 and 4, not 5"):
        P.NEIGHBOUR_HOPS.check(5)
    P.NEIGHBOUR_HOPS.check(4)
