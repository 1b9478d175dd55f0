"""Every Cypher statement of Kaskade passes Neo4j's own front end and stays portable to FalkorDB.

The statements go, as JSON on stdin, to ONE node process (tests/cypher_lint/lint.mjs, which runs
``lintCypherQuery`` of @neo4j-cypher/language-support under CYPHER 5 and CYPHER 25) with the
schema's labels, relationship types and property keys; any error or warning (syntax, undefined
variable, aggregation misuse, removed or deprecated syntax, unknown label, type or property,
unknown function or procedure) fails the test. ``make node-deps`` installs the linter (npm ci).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.build import build_graph
from backends.neo4j_store import DICTS, LABELS, NULLS, REL_TYPES, TEXT, statements
from kaskade.sample import sample_dataset
from backends.neo4j_analyses import statements as query_statements
from backends.neo4j_decisions import DECISION_LABELS, statements as decision_statements

LINT_DIR = Path(__file__).parent / "cypher_lint"

PORTABILITY = {
    "APOC": re.compile(r"\bapoc\.", re.IGNORECASE),
    "elementId()": re.compile(r"\belementId\s*\(", re.IGNORECASE),
    "EXISTS {} subquery": re.compile(r"\bEXISTS\s*\{", re.IGNORECASE),
    "COUNT {} subquery": re.compile(r"\bCOUNT\s*\{", re.IGNORECASE),
    "COLLECT {} subquery": re.compile(r"\bCOLLECT\s*\{", re.IGNORECASE),
    "shortestPath": re.compile(r"shortestPath", re.IGNORECASE),
    "CALL {} IN TRANSACTIONS": re.compile(r"\bIN\s+TRANSACTIONS\b", re.IGNORECASE),
    "quantified path pattern": re.compile(r"\)\s*\{\s*\d*\s*,?\s*\d*\s*\}"),
}


PARAMETER_MAP_KEYS = {"source", "target", "props", "pemda", "tahun"}
"""Keys of the row maps the statements read (``row.source``), which the linter checks like property keys."""


DECISION_KEYS = {"seq", "status", "previous", "note", "who", "at", "undone_at", "undone_by", "last", "kind"}
"""Properties of the desk decision nodes (`backends.neo4j_decisions`)."""


def all_statements() -> dict[str, str]:
    found = dict(statements())
    found.update({f"queries.{name}": text for name, text in query_statements().items()})
    found.update({f"decisions.{name}": text for name, text in decision_statements().items()})
    return found


def _schema() -> dict:
    G = build_graph(sample_dataset())
    keys = {"id", NULLS, DICTS, TEXT} | PARAMETER_MAP_KEYS | DECISION_KEYS
    for _, attrs in G.nodes(data=True):
        keys.update(attrs)
    for _, _, attrs in G.edges(data=True):
        keys.update(attrs)
    return {"labels": sorted([*LABELS.values(), *DECISION_LABELS]), "relationshipTypes": sorted(REL_TYPES.values()),
            "propertyKeys": sorted(keys)}


def lint(named: dict[str, str]) -> list[dict]:
    node = shutil.which("node")
    assert node, "node is not installed: the Cypher lint needs node 20 or later"
    assert (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir(), \
        "the Cypher linter is not installed: run `make node-deps` (npm ci in tests/cypher_lint)"
    payload = {"schema": _schema(), "statements": [{"name": k, "text": v} for k, v in named.items()]}
    done = subprocess.run([node, "lint.mjs"], cwd=LINT_DIR, input=json.dumps(payload), capture_output=True,
                          text=True, timeout=900, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def findings() -> list[dict]:
    return lint(all_statements())


def test_every_statement_passes_neo4j_semantic_analysis(findings):
    assert findings == []


def test_the_linter_reports_what_it_should():
    bad = lint({
        "unknown_label": "MATCH (n:Nope) RETURN n.id AS id",
        "undefined_variable": "MATCH (n:SubKegiatan) RETURN m",
        "removed_syntax": "MATCH (n:SubKegiatan) WHERE exists(n.pagu) RETURN n.id AS id",
        "deprecated_function": "MATCH (n:SubKegiatan) RETURN id(n) AS i",
        "apoc": "RETURN apoc.text.join(['a'], ',') AS x",
    })
    assert {f["name"] for f in bad} == {"unknown_label", "undefined_variable", "removed_syntax",
                                        "deprecated_function", "apoc"}


def test_every_statement_is_portable_to_falkordb():
    problems = [(name, what) for name, text in all_statements().items()
                for what, pattern in PORTABILITY.items() if pattern.search(text)]
    assert problems == []


def test_statements_take_values_only_as_parameters():
    quoted = [name for name, text in all_statements().items() if re.search(r"'[^']*'|\"[^\"]*\"", text)]
    assert quoted == []
