#!/usr/bin/env bash
# Runs the benchmark games through council-power and through the `powerindex` package from
# PyPI, checks that the values agree to 1e-9 where powerindex computes them, and prints the
# time ratios, index by index (Banzhaf alone, Shapley-Shubik, both). Usage:
# bench/compare.sh [GAME...], where GAME is a built-in game or random-N (N members, weights
# 1..100); POWERINDEX_TIMEOUT (seconds, default 120) bounds each powerindex index. It installs
# powerindex into a virtual environment of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${COUNCIL_BENCH_VENV:-${TMPDIR:-/tmp}/council-bench-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check 'powerindex==0.3.5'

cargo build --quiet --release -p council-power --example power_bench
binary="target/release/examples/power_bench"

games=("$@")
if [ ${#games[@]} -eq 0 ]; then
  games=(security-council us-electoral-college-2024 eu-council-2024 random-150 random-200 random-1000)
fi
exec "$venv/bin/python" bench/compare.py "$binary" "${POWERINDEX_TIMEOUT:-120}" "${games[@]}"
