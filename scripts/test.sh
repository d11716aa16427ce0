#!/usr/bin/env bash
# The whole suite, as CI runs it (.ci/run -> make test -> here); docs/testing.md explains it.
#
#   1 env         virtualenv + Debian packages (make install; quick when nothing changed)
#   2 lint        ruff check .
#   3 migrations  makemigrations --check --dry-run (SQLite)
#   4 sqlite      pytest -m "not browser and not serve" on SQLite
#   5 postgres    the same tests on a throwaway PostgreSQL 15 server (started and removed here;
#                 it starts before phase 4 and migrates the test database template meanwhile)
#   6 browser     pytest -m browser: Playwright driving Debian's chromium against live_server
#   7 clock       the date-sensitive tests again under a shifted process clock (Debian's
#                 faketime): tonight at 23:30 WIB and at 00:30 WIB on 1 January (issue #14)
#   8 serve       pytest -m serve: scripts/serve.sh brings up gunicorn, PostgreSQL, Redis and the
#                 task worker on free ports; a buyer's journey and the shared rate limit (issue #22)
#
# Every phase runs even when an earlier one failed, so one run shows every problem; the exit
# status is non-zero when any phase failed. A pytest phase that collects no test fails too
# (pytest exit code 5): a phase that silently tests nothing is a broken phase.
# Extra arguments go to every pytest phase, e.g. `scripts/test.sh -k registration -x`.

set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=config.settings.test
export PYTHONUNBUFFERED=1
export PYTHONDONTWRITEBYTECODE=1

PYTEST_ARGS=(--create-db)
if [[ ${CI:-} == true ]]; then
    # No .pytest_cache in the clean clone; colour codes only clutter CI logs.
    PYTEST_ARGS+=(-p no:cacheprovider --color=no)
fi
PYTEST_ARGS+=("$@")

# The serve tests start their own servers: they run once, in their own phase.
NOT_BROWSER="not browser and not serve"

PHASES=()
RESULTS=()
DURATIONS=()
FAILED=0

# run_phase NAME COMMAND...: run it, time it, remember how it went.
run_phase() {
    local name=$1
    shift
    local start=$EPOCHREALTIME rc result
    printf '\n==== %s: %s\n' "$name" "$*"
    "$@"
    rc=$?
    case $rc in
        0) result=PASS ;;
        5) result="FAIL (pytest collected no tests)" ;;
        *) result="FAIL (exit $rc)" ;;
    esac
    [[ $rc == 0 ]] || FAILED=1
    PHASES+=("$name")
    RESULTS+=("$result")
    DURATIONS+=("$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')")
    printf '==== %s: %s\n' "$name" "$result"
}

# The SQLite phases must not pick up a DATABASE_URL from the caller's environment.
on_sqlite() { env -u DATABASE_URL "$@"; }

# --- PostgreSQL: a private server in a temporary folder, removed on exit -----------------------
PG_TMP=""
PG_URL=""
PG_TEMPLATE_PID=""
PG_USER=""
PG_BIN=""

pg_bin_dir() {
    local dir
    for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV)
    do
        [[ -x $dir/initdb ]] && { echo "$dir"; return 0; }
    done
    command -v initdb >/dev/null && dirname "$(command -v initdb)"
}

# as_pg COMMAND...: initdb and postgres refuse to run as root, so root runs them as a system user.
as_pg() {
    if [[ -n $PG_USER ]]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

free_port() {
    "$PY" - <<'EOF'
import socket

def free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return None
        return s.getsockname()[1]

print(free(54329) or free(0))
EOF
}

pg_stop() {
    [[ -n $PG_TMP ]] || return 0
    if [[ -f $PG_TMP/data/postmaster.pid ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$PG_TMP"
    PG_TMP=""
    PG_URL=""
}
# The migrated templates of the test database (tests/dbtemplate.py): built within this run,
# shared by its phases, deleted with it, so no database outlives a run.
PST_TEST_TEMPLATE_DIR=$(mktemp -d /tmp/pst-templates.XXXXXX)
export PST_TEST_TEMPLATE_DIR
cleanup() {
    [[ -z $PG_TEMPLATE_PID ]] || kill "$PG_TEMPLATE_PID" 2>/dev/null
    pg_stop
    rm -rf "$PST_TEST_TEMPLATE_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# pg_start: initdb and start the server, create the database `pst`; sets PG_URL. The server
# starts before the SQLite phase, so that the migrated template of the test database is built
# in the background while the SQLite tests run (tests/dbtemplate.py, docs/testing.md).
pg_start() {
    PG_BIN=$(pg_bin_dir) || { echo "PostgreSQL binaries not found (make install)" >&2; return 1; }
    if (( EUID == 0 )); then
        if id postgres >/dev/null 2>&1; then
            PG_USER=postgres
        else
            id pst-pg >/dev/null 2>&1 ||
                useradd --system --no-create-home --shell /usr/sbin/nologin pst-pg || return 1
            PG_USER=pst-pg
        fi
    fi
    PG_TMP=$(mktemp -d /tmp/pst-pg.XXXXXX) || return 1
    local password port
    password=$("$PY" -c 'import secrets; print(secrets.token_hex(16))')
    port=$(free_port) || return 1
    printf '%s\n' "$password" >"$PG_TMP/pwfile"
    [[ -z $PG_USER ]] || chown -R "$PG_USER" "$PG_TMP"

    echo "PostgreSQL: $("$PG_BIN/postgres" --version), 127.0.0.1:$port, $PG_TMP${PG_USER:+, as $PG_USER}"
    # Durability settings off: the cluster lives for one run; fsync only slows the tests down.
    as_pg "$PG_BIN/initdb" -D "$PG_TMP/data" -U pst --pwfile="$PG_TMP/pwfile" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
        --no-sync --no-instructions >"$PG_TMP/initdb.log" 2>&1 ||
        { cat "$PG_TMP/initdb.log" >&2; return 1; }
    as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$PG_TMP \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null ||
        { cat "$PG_TMP/server.log" >&2; return 1; }
    PGPASSWORD=$password "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U pst pst || return 1
    PG_URL="postgres://pst:$password@127.0.0.1:$port/pst"
}

# pg_template_start: migrate the PostgreSQL template in the background (its log in $PG_TMP).
pg_template_start() {
    [[ -n $PG_URL ]] || return 0
    DATABASE_URL=$PG_URL "$PY" -m tests.dbtemplate build >"$PG_TMP/template.log" 2>&1 &
    PG_TEMPLATE_PID=$!
}

# postgres_phase: the database tests against the server, then stop it.
postgres_phase() {
    if [[ -z $PG_URL ]]; then pg_stop; pg_start || return 1; fi
    if [[ -n $PG_TEMPLATE_PID ]]; then
        # A failed build is only slower: the test run builds the template itself (or migrates).
        wait "$PG_TEMPLATE_PID" || { echo "template build failed:" >&2; cat "$PG_TMP/template.log" >&2; }
        PG_TEMPLATE_PID=""
    fi
    local rc=0
    # PST_PG_BIN: the backup/restore tests (tests/recovery) run this server's own pg_dump and
    # pg_restore (pst/backup.py), never an older client found on PATH.
    DATABASE_URL=$PG_URL PST_PG_BIN=$PG_BIN \
        "$PY" -m pytest -m "$NOT_BROWSER" "${PYTEST_ARGS[@]}" || rc=$?
    pg_stop
    return $rc
}

# --- clock: the date-sensitive tests at hostile instants of the process clock -----------------
# An hour-dependent test fails here, in CI, instead of at somebody's evening. The instants are
# computed from today, so they never go stale: 23:30 WIB today (16:30 UTC) and 00:30 WIB on
# 1 January of next year (17:30 UTC on 31 December, when the UTC year is still the old one).
CLOCK_TESTS=(
    tests/unit/pst/test_clock_rule.py
    tests/unit/demo/test_demo_catalogue_data.py
    tests/integration/test_clock_boundaries.py
    tests/integration/test_order_documents.py
    tests/integration/test_treasury_reconcile.py
    tests/integration/test_billing_receipts.py
    tests/functional/test_invoice_expiry.py
    tests/functional/test_roles_and_pages.py::test_scheduled_publications_stay_hidden_until_release
)
clock_phase() {
    command -v faketime >/dev/null || { echo "faketime not installed (make install)" >&2; return 1; }
    local rc=0 instant
    for instant in "$(date -u +%Y-%m-%d) 16:30:00" "$(date -u +%Y)-12-31 17:30:00"; do
        echo "-- process clock starts at $instant UTC"
        env -u DATABASE_URL TZ=UTC faketime "$instant" "$PY" -m pytest -m "$NOT_BROWSER" "${PYTEST_ARGS[@]}" \
            "${CLOCK_TESTS[@]}" || rc=$?
    done
    return $rc
}

# --- the phases ---------------------------------------------------------------------------
run_phase env make --no-print-directory install
if [[ ${RESULTS[0]} != PASS ]]; then
    echo "The environment could not be set up; no test ran." >&2
    exit 1
fi
run_phase lint .venv/bin/ruff check .
run_phase migrations on_sqlite "$PY" manage.py makemigrations --check --dry-run
# The PostgreSQL server starts now and migrates its template while the SQLite phase runs; a
# server that cannot start fails the postgres phase (which tries once more), not this one.
pg_start && pg_template_start || echo "PostgreSQL did not start; the postgres phase will retry" >&2
run_phase sqlite on_sqlite "$PY" -m pytest -m "$NOT_BROWSER" "${PYTEST_ARGS[@]}"
run_phase postgres postgres_phase
run_phase browser on_sqlite "$PY" -m pytest -m browser "${PYTEST_ARGS[@]}"
run_phase clock clock_phase
run_phase serve env -u DATABASE_URL "$PY" -m pytest -m serve "${PYTEST_ARGS[@]}" tests/serve

printf '\n==== Summary\n'
total=0
for i in "${!PHASES[@]}"; do
    printf '  %-11s %8ss  %s\n' "${PHASES[$i]}" "${DURATIONS[$i]}" "${RESULTS[$i]}"
    total=$(awk -v a="$total" -v b="${DURATIONS[$i]}" 'BEGIN { printf "%.1f", a + b }')
done
printf '  %-11s %8ss  %s\n' total "$total" "$( ((FAILED)) && echo FAILED || echo ALL PASSED)"
exit $FAILED
