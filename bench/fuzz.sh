#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for SECONDS each (default 300), from its committed
# seeds (fuzz/seeds/TARGET) and the corpus it grows (fuzz/corpus/TARGET, not committed).
# Exits non-zero on the first crash; libFuzzer leaves the input in fuzz/artifacts/TARGET/.
#
#   bash bench/fuzz.sh 600               # ten minutes per target
#   bash bench/fuzz.sh 60 api_command    # one target
#   FUZZ_SANITIZER=address bash bench/fuzz.sh 600   # with AddressSanitizer (a rebuild)
#   FUZZ_PROFILE=dev bash bench/fuzz.sh 15           # unoptimised: builds in a fraction of
#                                                    # the time, runs slower (CI's choice)
#
# Reproduce a crash: cargo fuzz run -s none -a TARGET fuzz/artifacts/TARGET/crash-...
#
# cargo-fuzz (`cargo install cargo-fuzz --locked`) needs no nightly toolchain here. Without a
# sanitizer (the default) its rustc flags (-Cpasses=sancov-module, -Cllvm-args=...) are stable
# ones; a sanitizer adds -Zsanitizer=..., which stable rustc accepts with RUSTC_BOOTSTRAP=1,
# set below only then. Checked with rustc 1.95.0 and cargo-fuzz 0.13.2. No sanitizer by
# default: our crates forbid unsafe code, so libFuzzer's coverage, panics and debug
# assertions (-a: overflow checks) find what matters.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-300}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(scenario decide api_command api_create_meeting)
fi
sanitizer="${FUZZ_SANITIZER:-none}"
# release (cargo-fuzz's default: optimised, one codegen unit, slow to build) or dev.
profile=()
if [ "${FUZZ_PROFILE:-release}" = dev ]; then profile=(--dev); fi

# Sanitizers need -Zsanitizer, which stable rustc accepts only with RUSTC_BOOTSTRAP=1;
# without one cargo-fuzz passes stable flags only, and setting it anyway would make cargo
# rebuild everything (it tracks the variable), so it is set only when needed.
if [ "$sanitizer" != none ]; then export RUSTC_BOOTSTRAP=1; fi
command -v cargo-fuzz >/dev/null 2>&1 || {
  echo "cargo-fuzz is not installed: cargo install cargo-fuzz --locked" >&2
  exit 1
}

build_started=$SECONDS
cargo fuzz build "${profile[@]}" --sanitizer "$sanitizer" --debug-assertions
echo "fuzz: built in $((SECONDS - build_started)) s"

for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  echo "fuzz: $target for ${seconds} s"
  # The first directory receives what libFuzzer finds; the seeds are only read.
  cargo fuzz run "${profile[@]}" --sanitizer "$sanitizer" --debug-assertions "$target" \
    "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1
done
echo "fuzz: no crash in ${#targets[@]} targets, ${seconds} s each"
