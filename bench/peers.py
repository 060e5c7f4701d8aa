"""Run the peer tools from the project venv: each in bench/.venv-peers, through peers_worker.py.

The project venv never imports a peer. ``bash bench/setup_peers.sh`` creates the venv; without
it the peers are reported as missing, never guessed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import BENCH_DIR, WORK_DIR

PEERS = ("ftfy", "jionlp", "data-juicer")
PEER_VENV = BENCH_DIR / ".venv-peers"
WORKER = BENCH_DIR / "peers_worker.py"


@dataclass(frozen=True)
class PeerRun:
    """A peer's outputs (in input order), errors per output, time inside the tool, versions."""

    tool: str
    outputs: list[str]
    errors: list[str | None]
    seconds: float

    @property
    def failed(self) -> int:
        return sum(error is not None for error in self.errors)


def peer_python() -> Path | None:
    python = PEER_VENV / "bin" / "python"
    return python if python.exists() else None


def peer_versions() -> dict[str, str]:
    """Installed versions of the peers ('missing' when the venv or the package is absent)."""
    python = peer_python()
    if python is None:
        return dict.fromkeys(PEERS, "missing (run bash bench/setup_peers.sh)")
    code = ("import importlib.metadata as m, json\n"
            "out = {}\n"
            "for tool, dist in (('ftfy', 'ftfy'), ('jionlp', 'jionlp'), ('data-juicer', 'py-data-juicer')):\n"
            "    try: out[tool] = m.version(dist)\n"
            "    except m.PackageNotFoundError: out[tool] = 'missing'\n"
            "print(json.dumps(out))\n")
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=False)
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        return dict.fromkeys(PEERS, f"unavailable: {done.stderr.strip()[-200:]}")


def run_peer(tool: str, texts: list[str], *, label: str = "fidelity", timeout: float = 3600
             ) -> PeerRun:
    """Run ``tool`` over ``texts`` in the peer venv; raises RuntimeError if it cannot run."""
    python = peer_python()
    if python is None:
        raise RuntimeError("bench/.venv-peers is missing: run bash bench/setup_peers.sh")
    work = WORK_DIR / "peers"
    work.mkdir(parents=True, exist_ok=True)
    source, target = work / f"{label}-{tool}-in.jsonl", work / f"{label}-{tool}-out.jsonl"
    with open(source, "w", encoding="utf-8") as handle:
        for index, text in enumerate(texts):
            handle.write(json.dumps({"id": index, "text": text}, ensure_ascii=False) + "\n")
    done = subprocess.run([str(python), str(WORKER), tool, str(source), str(target)],
                          capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{tool} failed (exit {done.returncode}): {done.stderr.strip()[-800:]}")
    with open(target, encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle]
    seconds = lines.pop()["seconds"]
    lines.sort(key=lambda r: r["id"])
    return PeerRun(tool, [r["text"] for r in lines], [r["error"] for r in lines], seconds)


if __name__ == "__main__":
    print(json.dumps(peer_versions(), indent=2), file=sys.stdout)
