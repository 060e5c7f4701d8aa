#!/usr/bin/env bash
# Create bench/.venv-peers (git-ignored) with the peer tools the benchmarks compare against:
# ftfy, JioNLP and data-juicer. They are never project dependencies: the project venv never
# imports them; bench/peers_worker.py runs inside this venv as a subprocess.
#
#   bash bench/setup_peers.sh            # create or update the venv (about 3 minutes)
#   PYTHON=python3.12 bash bench/setup_peers.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv-peers"
python="${PYTHON:-python3}"
"$python" -c 'import sys; assert sys.version_info >= (3, 10), sys.version' \
    || { echo "setup_peers: data-juicer needs Python >= 3.10 (set PYTHON=...)" >&2; exit 1; }

# Versions pinned so that a re-run compares against the same peers.
FTFY="ftfy==6.3.1"
JIONLP="jionlp==1.5.31"
DATA_JUICER="py-data-juicer==1.6.1"
# data-juicer's text mappers import these lazily and would install them at run time (its lazy
# loader calls uv/pip): ftfy for fix_unicode_mapper, opencc for chinese_convert_mapper; its package
# metadata also misses aiohttp, which it imports on start. Install them up front.
EXTRAS=("opencc==1.1.9" "aiohttp")

pip_install() {  # quiet, minus the warnings about this machine's pip configuration
    "$venv/bin/python" -m pip install -q "$@" 2> >(grep -v "Location 'file:" >&2)
}

if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
pip_install --upgrade pip
pip_install "$FTFY" "$JIONLP" "${EXTRAS[@]}"
# The smallest install that provides the text mappers: the base package, no extras.
if ! pip_install "$DATA_JUICER"; then
    echo "setup_peers: data-juicer could not be installed; the benchmark reports it as missing" >&2
fi
# Build the five mappers once, so that whatever data-juicer installs on first use (it fetches
# ray) is installed now and not in the middle of a timed run.
"$venv/bin/python" - <<'PY' > /dev/null 2>&1 || echo "setup_peers: data-juicer's mappers do not load" >&2
from data_juicer.ops.mapper import (ChineseConvertMapper, FixUnicodeMapper, PunctuationNormalizationMapper,
                                    RemoveRepeatSentencesMapper, WhitespaceNormalizationMapper)
ops = [FixUnicodeMapper(), PunctuationNormalizationMapper(), WhitespaceNormalizationMapper(),
       ChineseConvertMapper(mode="t2s"), RemoveRepeatSentencesMapper()]
batch = {"text": ["政府工作報告。"]}
for op in ops:
    batch = op.process_batched(batch)
PY
"$venv/bin/python" - <<'PY'
import importlib.metadata as md
for name in ("ftfy", "jionlp", "py-data-juicer", "opencc", "ray"):
    try:
        print(f"{name} {md.version(name)}")
    except md.PackageNotFoundError:
        print(f"{name} missing")
PY
