#!/usr/bin/env bash
# Times `portfolio analyze FILE --format json` against DuckDB's per-year query
# (../shared/bench/duck.py) on the same files, alternating the two, and prints the
# median wall times, their ratio and the peak memory (`/usr/bin/time`).
#
# usage: benches/compare.sh                 1M and 10M rows, 5 runs each, 2 threads
#        ROWS="20000" RUNS=1 benches/compare.sh    (the smoke run CI does)
# Five runs each by default: on a shared 2-core host one run varies by 15 to 25 %.
# Files are generated once, with the Rust generator (benches/gen_invoices.rs), under
# target/bench-data/. DuckDB is installed with pip into target/bench-venv.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-"1000000 10000000"}
RUNS=${RUNS:-5}
THREADS=${THREADS:-2}
DATA=${DATA:-target/bench-data}
SHARED=${SHARED:-../shared}
DUCK="$SHARED/bench/duck.py"
VENV=target/bench-venv

cargo build --release --locked --quiet --bin portfolio --example gen_invoices
BIN=target/release/portfolio
GEN=target/release/examples/gen_invoices
mkdir -p "$DATA"

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -c 'import duckdb' 2>/dev/null || "$VENV/bin/pip" install --quiet duckdb

# "seconds kilobytes" of one command, its output discarded.
measure() {
  /usr/bin/time -f '%e %M' -o "$DATA/time.txt" "$@" >/dev/null 2>"$DATA/stderr.txt" || {
    cat "$DATA/stderr.txt" >&2
    return 1
  }
  cat "$DATA/time.txt"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-28s %10s %10s %8s %12s %12s\n' file portfolio duckdb ratio "peak MiB" "duck MiB"
for rows in $ROWS; do
  file="$DATA/invoices-$rows.csv"
  [ -s "$file" ] || "$GEN" "$rows" "$file"
  : >"$DATA/ours.txt"
  : >"$DATA/duck.txt"
  : >"$DATA/one.txt"
  for _ in $(seq "$RUNS"); do
    measure "$BIN" analyze "$file" --format json --quiet --threads "$THREADS" >>"$DATA/ours.txt"
    measure "$VENV/bin/python" "$DUCK" "$file" "$THREADS" >>"$DATA/duck.txt"
    measure "$BIN" analyze "$file" --format json --quiet --threads 1 >>"$DATA/one.txt"
  done
  ours=$(cut -d' ' -f1 "$DATA/ours.txt" | median)
  duck=$(cut -d' ' -f1 "$DATA/duck.txt" | median)
  one=$(cut -d' ' -f1 "$DATA/one.txt" | median)
  peak=$(cut -d' ' -f2 "$DATA/ours.txt" | sort -n | tail -1)
  duck_peak=$(cut -d' ' -f2 "$DATA/duck.txt" | sort -n | tail -1)
  printf '%-28s %9ss %9ss %8s %12s %12s\n' "$(basename "$file")" "$ours" "$duck" \
    "$(awk -v a="$ours" -v b="$duck" 'BEGIN { printf "%.2f", a / b }')" \
    "$((peak / 1024))" "$((duck_peak / 1024))"
  printf '%-28s 1 thread %ss, %s threads %ss: speed-up %s\n' "" "$one" "$THREADS" "$ours" \
    "$(awk -v a="$one" -v b="$ours" 'BEGIN { printf "%.2f", a / b }')"
done

# One report per group (--by COLUMN) of FILE: seconds, groups and peak memory.
by_group() {
  local file=$1 column=$2 what=$3 secs kib
  /usr/bin/time -f '%e %M' -o "$DATA/time.txt" "$BIN" analyze "$file" --by "$column" --quiet \
    --format json --threads "$THREADS" >"$DATA/by.ndjson" 2>"$DATA/stderr.txt" || true
  read -r secs kib < <(tail -n 1 "$DATA/time.txt")
  printf '%-28s %9ss for --by %s (%s groups%s), peak %s MiB\n' "$(basename "$file")" "$secs" \
    "$column" "$(wc -l <"$DATA/by.ndjson")" "$what" "$((kib / 1024))"
}

# On the largest file: its statuses are four large groups (the cancelled one with nothing
# to analyse, so that command exits 1).
largest_rows=${ROWS##* }
by_group "$DATA/invoices-$largest_rows.csv" status ""
# A cooperative's export of as many rows: 1,000 freelancers of 50 clients each.
file="$DATA/freelancers-$largest_rows.csv"
[ -s "$file" ] || "$GEN" "$largest_rows" "$file" --freelancers 1000
by_group "$file" freelancer ", $largest_rows rows"

# Nothing quadratic in clients: a file where every row is a new client.
clients_rows=${CLIENTS_ROWS:-1000000}
file="$DATA/clients-$clients_rows.csv"
[ -s "$file" ] || "$GEN" "$clients_rows" "$file" --clients "$clients_rows" --unique
read -r secs kib < <(measure "$BIN" analyze "$file" --format json --quiet --threads "$THREADS")
distinct=$("$BIN" check "$file" --quiet | sed -n 's/^ready to analyse: \([0-9]*\) clients.*/\1/p')
printf '%-28s %9ss for %s distinct clients, peak %s MiB\n' "$(basename "$file")" "$secs" "$distinct" "$((kib / 1024))"
