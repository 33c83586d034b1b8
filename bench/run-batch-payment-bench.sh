#!/usr/bin/env bash
# Payments per second through POST /payments/batch against PostgreSQL, next to raw JDBC batch inserts of the same rows
# in the same run (issue "Money from the tax channels", target >= 0.5x): bench/run-payment-bench.sh with
# cn.canbao.bench.BatchPaymentLoad, without its production-account reruns. See docs/benchmarks.md.
#
#   [CANBAO_PORT_OFFSET=800] [CANBAO_BENCH_DB=canbao_perf] bench/run-batch-payment-bench.sh [--persons 20000] [--workers 2] [--batch 1000]
CANBAO_BENCH_MAIN=cn.canbao.bench.BatchPaymentLoad CANBAO_BENCH_PRODUCTION_ACCOUNT=0 exec "$(dirname "$0")/run-payment-bench.sh" "$@"
