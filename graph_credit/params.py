"""The arguments the questions share, declared once: the domain checks them, and the CLI options and
the API's query parameters are made from them (graph_credit.cli.app, api.params), so a range, a
default or a meaning cannot differ between the three."""

from __future__ import annotations

from dataclasses import dataclass

from graph_credit.errors import InvalidInput


@dataclass(frozen=True)
class Limit:
    """A whole-number argument: its default, the range the domain accepts and what it means. The
    HTTP API may serve a narrower range (`served_high`): one request must not hold a worker long."""

    name: str
    default: int
    low: int
    high: int
    meaning: str
    served_high: int | None = None

    def check(self, value: int) -> None:
        if not self.low <= value <= self.high:
            raise InvalidInput(f"{self.name} must be between {self.low:,} and {self.high:,}, not {value}")

    @property
    def api_high(self) -> int:
        return self.served_high if self.served_high is not None else self.high


# Ownership: how far up or down a chain goes and how much of it is fetched.
OWNERSHIP_DEPTH = Limit("depth", 10, 1, 30, "hops to follow at most")
OWNERSHIP_MAX_NODES = Limit("max_nodes", 5_000, 1, 50_000, "nodes to fetch at most", served_high=20_000)

# Investigator walks.
NEIGHBOUR_HOPS = Limit("hops", 2, 1, 4, "hops from the subject")
NEIGHBOUR_MAX_NODES = Limit("max_nodes", 300, 1, 10_000, "nodes in the answer at most", served_high=2_000)
NEIGHBOUR_MAX_NEIGHBOURS = Limit(
    "max_neighbours", 25, 1, 10_000, "new neighbours taken from one node at most", served_high=500
)
SHORTEST_PATH_HOPS = Limit("max_hops", 8, 1, 8, "hops a path may have at most")
SHORTEST_MAX_PATHS = Limit("max_paths", 1, 1, 1_000, "paths of the shortest length at most", served_high=50)
ALL_PATHS_HOPS = Limit("max_hops", 4, 1, 6, "hops a path may have at most")
ALL_PATHS_MAX_PATHS = Limit("max_paths", 100, 1, 10_000, "paths at most", served_high=500)
SHARED_PER_LINK = Limit(
    "per_link", 50, 1, 10_000, "enterprises listed per shared link at most", served_high=500
)
CYCLE_HOPS = Limit("max_hops", 6, 1, 8, "edges a cycle may have at most")
MAX_CYCLES = Limit("max_cycles", 50, 1, 10_000, "cycles at most", served_high=500)
CHAIN_HOPS = Limit("max_hops", 4, 1, 6, "hops along the chain at most")
CHAIN_MAX_NODES = Limit("max_nodes", 300, 1, 10_000, "nodes in the answer at most", served_high=2_000)
CHAIN_MAX_CHAINS = Limit("max_chains", 200, 1, 10_000, "chains at most", served_high=1_000)
RECORDS_NEAR_HOPS = Limit("hops", 2, 0, 4, "hops from the subject (0: its own records only)")

# The date a question is asked for, in its two senses.
AS_OF_TODAY = "the day to answer for (YYYY-MM-DD; default: today)"
AS_OF_ANY_PERIOD = "only edges and records in force on this day (YYYY-MM-DD; default: any period)"
