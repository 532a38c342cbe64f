"""Reads issgraph's GEXF and GraphML exports with NetworkX, the reader
Gephi users and analysts script with, and checks what it finds.

Usage: check_exports.py EXPECTATIONS.json

EXPECTATIONS is a JSON list of {"file", "format", "nodes", "edges",
"truncated", "dated"}; each file must parse, hold that many nodes and
edges, spell kinds as the API does, and (GEXF) put dated nodes on the
timeline. Prints one line per file; exits 1 on the first failure.
"""

import json
import sys

import networkx as nx

KINDS = {"INSTITUTION", "PERSON", "PROCEDURE", "DOCUMENT", "OBJECTIVE", "AGENCY", "EVENT"}


def fail(msg):
    print(f"check_exports: {msg}", file=sys.stderr)
    sys.exit(1)


def check(x):
    path, fmt = x["file"], x["format"]
    if fmt == "gexf":
        g = nx.read_gexf(path, version="1.3")
    elif fmt == "graphml":
        g = nx.read_graphml(path)
    else:
        fail(f"{path}: unknown format {fmt}")
    if g.number_of_nodes() != x["nodes"] or g.number_of_edges() != x["edges"]:
        fail(f"{path}: {g.number_of_nodes()} nodes and {g.number_of_edges()} edges, want {x['nodes']} and {x['edges']}")
    dated = 0
    for n, d in g.nodes(data=True):
        if d.get("kind") not in KINDS:
            fail(f"{path}: node {n} has kind {d.get('kind')!r}")
        if not isinstance(d.get("degree"), int):
            fail(f"{path}: node {n} has degree {d.get('degree')!r}, not an integer")
        if not d.get("shortLabel"):
            fail(f"{path}: node {n} has no shortLabel")
        if fmt == "gexf":
            # A date known to the year or month starts on its first day.
            if d.get("date") and not str(d.get("start", "")).startswith(d["date"]):
                fail(f"{path}: node {n} is dated {d.get('date')} but starts at {d.get('start')!r}")
            if d.get("kind") == "EVENT" and not d.get("start"):
                fail(f"{path}: event {n} is not on the timeline")
            if "viz" not in d or "color" not in d["viz"]:
                fail(f"{path}: node {n} has no colour")
        if d.get("date"):
            dated += 1
    if dated < x.get("dated", 0):
        fail(f"{path}: {dated} dated nodes, want at least {x['dated']}")
    for u, v, d in g.edges(data=True):
        if not d.get("type"):
            fail(f"{path}: edge {u} -> {v} has no type")
    if fmt == "graphml":
        truncated = g.graph.get("truncated")
        if truncated is not x["truncated"]:
            fail(f"{path}: truncated = {truncated!r}, want {x['truncated']}")
    print(f"ok {fmt} {path}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, {dated} dated")


def main():
    if len(sys.argv) != 2:
        fail("usage: check_exports.py EXPECTATIONS.json")
    with open(sys.argv[1]) as f:
        for x in json.load(f):
            check(x)


if __name__ == "__main__":
    main()
