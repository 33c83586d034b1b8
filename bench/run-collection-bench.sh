#!/usr/bin/env bash
# Collection lines per second through the collection-import job against set-based SQL doing the same checks and
# writes, in the same run on the same PostgreSQL database (issue "Money from the tax channels", target job <= 1.5x the
# SQL time): bench/run-batch-bench.sh (fresh database, server on its own port offset, dropped at the end) with
# cn.canbao.bench.CollectionBench. See docs/benchmarks.md.
#
#   [CANBAO_PORT_OFFSET=400] [CANBAO_BENCH_DB=canbao_bench_collection] bench/run-collection-bench.sh [--lines 1000000] [--file-lines 100000]
CANBAO_BENCH_MAIN=cn.canbao.bench.CollectionBench CANBAO_BENCH_DB=${CANBAO_BENCH_DB:-canbao_bench_collection} \
    exec "$(dirname "$0")/run-batch-bench.sh" "$@"
