"""Benchmarks for cleaner: fidelity against exact gold, throughput, peers (see bench/README.md).

Scripts, not tests: run them as ``python -m bench.fidelity`` and ``python -m bench.throughput``
from the repository root. ``tests/test_bench_smoke.py`` runs a small fidelity check in CI.
"""
