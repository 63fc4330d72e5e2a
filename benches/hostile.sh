#!/usr/bin/env bash
# Peak memory and time of `portfolio` on hostile inputs (issue "Hostile and huge inputs,
# round two"; SPEC 6): one huge line, many survey and client rows for few clients,
# --by with many groups, very wide rows, a megabyte client name in a table. Prints one
# line a case: wall seconds, peak MiB, exit code. Files are generated once under
# target/hostile-data. Small versions of each case run in the test suite
# (tests/hostile.rs, tests/bad_inputs.rs); these are the full sizes.
#
# usage: benches/hostile.sh                  the binary of this checkout
#        BIN=/path/to/portfolio benches/hostile.sh   another build, to compare
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-target/hostile-data}
BIN=${BIN:-target/release/portfolio}
if [ "$BIN" = target/release/portfolio ]; then
  cargo build --release --locked --quiet --bin portfolio
fi
mkdir -p "$DATA"

generate() {
  local file="$DATA/$1"
  [ -s "$file" ] && return
  python3 - "$1" "$file" <<'PY'
import sys
case, path = sys.argv[1], sys.argv[2]
with open(path, "w") as out:
    if case == "one_line.csv":
        out.write("Date,Client,Amount\n2024-01-02,")
        chunk = "x" * (1 << 20)
        for _ in range(100):
            out.write(chunk)
    elif case == "invoices_1000.csv":
        out.write("Date,Client,Amount\n")
        for i in range(1000):
            out.write(f"2024-01-{1 + i % 28:02d},Client {i},100.00\n")
    elif case == "surveys_5m.csv":
        out.write("Client,Date,Score\n")
        for i in range(5_000_000):
            out.write(f"Client {i % 1000},2024-{1 + i % 12:02d}-{1 + i % 28:02d},{i % 11}\n")
    elif case == "clients_3m.csv":
        out.write("Client,Channel,Referred by\n")
        for i in range(3_000_000):
            out.write(f"Client {i % 1000},website,\n")
    elif case == "groups_250k.csv":
        out.write("Date,Client,Amount,Freelancer\n")
        for i in range(1_000_000):
            out.write(f"2024-01-{1 + i % 28:02d},Client {i % 7},10.00,F{i % 250_000}\n")
    elif case == "groups_250k_contiguous.csv":
        out.write("Date,Client,Amount,Freelancer\n")
        for i in range(1_000_000):
            out.write(f"2024-01-{1 + i % 28:02d},Client {i % 7},10.00,F{i // 4}\n")
    elif case == "empty_columns.csv":
        out.write("Date,Client,Amount" + "," * 100_000 + "\n")
        row = "2024-01-02,Acme,10.00" + "," * 100_000 + "\n"
        for _ in range(5_000):
            out.write(row)
    elif case == "columns_16k.csv":
        out.write("Date,Client,Amount," + ",".join(f"c{i}" for i in range(16_381)) + "\n")
        row = "2024-01-02,Acme,10.00," + ",".join("1" for _ in range(16_381)) + "\n"
        for _ in range(6_000):
            out.write(row)
    elif case == "long_name.csv":
        out.write("Date,Client,Amount\n2024-01-02," + "word " * 200_000 + ",10.00\n2024-01-03,Acme,5.00\n")
PY
}

measure() {
  local name=$1
  shift
  set +e
  /usr/bin/time -f '%e %M' -o "$DATA/time.txt" "$BIN" "$@" >/dev/null 2>"$DATA/stderr.txt"
  local code=$?
  set -e
  read -r seconds kib <"$DATA/time.txt" || true
  # /usr/bin/time writes "Command exited…" first when the command failed.
  if [ "$code" -ne 0 ]; then
    seconds=$(tail -n 1 "$DATA/time.txt" | cut -d' ' -f1)
    kib=$(tail -n 1 "$DATA/time.txt" | cut -d' ' -f2)
  fi
  printf '%-22s %8ss %8s MiB   exit %s   %s\n' "$name" "$seconds" "$((kib / 1024))" "$code" \
    "$(head -c 100 "$DATA/stderr.txt" | tr '\n' ' ')"
}

for file in one_line.csv invoices_1000.csv surveys_5m.csv clients_3m.csv groups_250k.csv \
  groups_250k_contiguous.csv empty_columns.csv columns_16k.csv long_name.csv; do
  generate "$file"
done
measure "100 MB line" analyze "$DATA/one_line.csv" --format json
measure "surveys 5M rows" analyze "$DATA/invoices_1000.csv" --surveys "$DATA/surveys_5m.csv" --format json
measure "clients 3M rows" analyze "$DATA/invoices_1000.csv" --clients "$DATA/clients_3m.csv" --format json
measure "--by 250k groups" analyze "$DATA/groups_250k.csv" --by Freelancer --format json
measure "--by 250k, contiguous" analyze "$DATA/groups_250k_contiguous.csv" --by Freelancer --format json
measure "--by 250k, summary" analyze "$DATA/groups_250k_contiguous.csv" --by Freelancer --format csv
measure "100k empty columns" analyze "$DATA/empty_columns.csv" --format json
measure "16,384 columns" analyze "$DATA/columns_16k.csv" --format json
measure "1 MB name, table" analyze "$DATA/long_name.csv"
