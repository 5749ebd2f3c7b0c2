# shellcheck shell=bash
# Reading wrk's --latency output, sourced by the benchmark scripts.
# wrk_percentile FILE P [DECIMALS=1]: the latency percentile P ("50%" or "99%") in milliseconds, whatever unit wrk printed.
wrk_percentile() {
  awk -v p="$2" -v decimals="${3:-1}" '$1 == p { v = $2
    if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
    printf "%." decimals "f", v }' "$1"
}
# wrk_rate FILE: requests per second, whole.
wrk_rate() { awk '/^Requests\/sec/ { printf "%d", $2 }' "$1"; }
