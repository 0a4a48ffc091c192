#!/usr/bin/env bash
# Turns RESULT lines into a markdown table, one row per case, one column group per server.
#   results-table.sh results.txt
set -euo pipefail
awk '
/^RESULT / {
  delete f
  for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
  c = f["case"]; l = f["label"]
  if (!(c in seen)) { seen[c] = 1; order[++n] = c }
  if (!(l in lseen)) { lseen[l] = 1; labels[++m] = l }
  if (f["scenario"] == "idle") {
    v = sprintf("%s KiB PSS, %s KiB RSS /session (%s open, %s dropped)", f["pss_per_session_kb"], f["rss_per_session_kb"], f["open"], f["dropped"])
  } else if (f["scenario"] == "stat") {
    v = sprintf("p50 %s ms, p99 %s ms (%s sessions/s)", f["p50_ms"], f["p99_ms"], f["ops_per_s"])
  } else if (f["scenario"] == "login" || f["scenario"] == "churn") {
    v = sprintf("%s/s, p50 %s ms, p99 %s ms", f["ops_per_s"], f["p50_ms"], f["p99_ms"])
  } else if (f["scenario"] == "lmtp") {
    v = sprintf("%s msg/s, p50 %s ms, p99 %s ms", f["ops_per_s"], f["p50_ms"], f["p99_ms"])
  } else {
    v = sprintf("%s MiB/s, p50 %s ms, p99 %s ms", f["mib_per_s"], f["p50_ms"], f["p99_ms"])
  }
  if (f["errors"] != "0") v = v " **" f["errors"] " errors**"
  cell[c, l] = v " (load " f["load"] ")"
}
END {
  printf "| case |"; for (j = 1; j <= m; j++) printf " %s |", labels[j]; printf "\n"
  printf "|---|"; for (j = 1; j <= m; j++) printf "---|"; printf "\n"
  for (i = 1; i <= n; i++) {
    printf "| %s |", order[i]
    for (j = 1; j <= m; j++) printf " %s |", ((order[i], labels[j]) in cell) ? cell[order[i], labels[j]] : "not run"
    printf "\n"
  }
}' "$1"
