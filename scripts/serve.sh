#!/usr/bin/env bash
# The production-shaped run on this machine (issue #22; docs/operations.md, "make serve"):
# PostgreSQL, Redis, the task worker and several gunicorn workers with config.settings.production,
# all on 127.0.0.1, over plain HTTP through the documented switches.
#
#   scripts/serve.sh          start everything, wait; Ctrl-C (or `make serve-stop`) stops it all
#   scripts/serve.sh up       start everything and return once the site answers
#   scripts/serve.sh down     stop what `up` started (the data stays)
#   scripts/serve.sh status   which of the four runs
#   scripts/serve.sh manage … a manage.py command against the served site (production settings)
#   scripts/serve.sh env      print that environment (`set -a; source <(scripts/serve.sh env)`)
#
# State lives under $PST_SERVE_DIR (default var/serve/): a persistent PostgreSQL data folder
# (pg/), Redis's dump (redis/), the site's files (data/), generated secrets (serve.env, mode 600),
# logs (log/) and pid files (run/). The first start creates the database, migrates and seeds the
# demo; later starts migrate (a no-op when nothing changed) and keep the data. `rm -rf var/serve`
# starts afresh. Ports: PST_SERVE_ADDR (127.0.0.1:8000), PST_SERVE_PG_PORT (54330),
# PST_SERVE_REDIS_PORT (6380); PST_SERVE_WORKERS gunicorn workers (3); PST_SERVE_SEED=0 skips the
# demo seed, PST_SERVE_SEED=N seeds N publications instead of the full demo;
# PST_SERVE_THROWAWAY=1 runs PostgreSQL without fsync (a run that is deleted afterwards: the test).

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

PY=$ROOT/.venv/bin/python
SERVE_DIR=$(realpath -m "${PST_SERVE_DIR:-var/serve}")
ADDR=${PST_SERVE_ADDR:-127.0.0.1:8000}
PG_PORT=${PST_SERVE_PG_PORT:-54330}
REDIS_PORT=${PST_SERVE_REDIS_PORT:-6380}
WORKERS=${PST_SERVE_WORKERS:-3}
RUN=$SERVE_DIR/run
LOG=$SERVE_DIR/log

say() { printf 'serve: %s\n' "$*"; }
die() { printf 'serve: %s\n' "$*" >&2; exit 1; }

pg_bin_dir() {
    local dir
    for dir in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV)
    do
        [[ -x $dir/initdb ]] && { echo "$dir"; return 0; }
    done
    die "PostgreSQL binaries not found (make install)"
}
PG_BIN=$(pg_bin_dir)

# initdb and postgres refuse to run as root: root runs them as a system user (as scripts/test.sh).
PG_USER=""
if (( EUID == 0 )); then
    if id postgres >/dev/null 2>&1; then PG_USER=postgres; else
        id pst-pg >/dev/null 2>&1 ||
            useradd --system --no-create-home --shell /usr/sbin/nologin pst-pg
        PG_USER=pst-pg
    fi
fi
as_pg() { if [[ -n $PG_USER ]]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }

# pid_alive FILE: the process named in FILE still runs.
pid_alive() { [[ -f $1 ]] && kill -0 "$(head -n 1 "$1")" 2>/dev/null; }

secrets() {
    mkdir -p "$SERVE_DIR" "$RUN" "$LOG" "$SERVE_DIR/data" "$SERVE_DIR/redis"
    if [[ ! -f $SERVE_DIR/serve.env ]]; then
        (
            umask 077
            "$PY" - >"$SERVE_DIR/serve.env" <<'EOF'
import secrets
for name in ("DJANGO_SECRET_KEY", "SIMPONI_NOTIFICATION_SECRET", "PG_PASSWORD", "REDIS_PASSWORD"):
    print(f"{name}={secrets.token_hex(32)}")
EOF
        )
    fi
    # shellcheck disable=SC1091
    source "$SERVE_DIR/serve.env"
}

production_environment() {
    export DJANGO_SETTINGS_MODULE=config.settings.production
    export DJANGO_SECRET_KEY SIMPONI_NOTIFICATION_SECRET
    export DATABASE_URL="postgres://pst:$PG_PASSWORD@127.0.0.1:$PG_PORT/pst"
    export PST_CACHE_URL="redis://:$REDIS_PASSWORD@127.0.0.1:$REDIS_PORT/0"
    export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
    export PST_BASE_URL="http://$ADDR"
    export DJANGO_CSRF_TRUSTED_ORIGINS="http://$ADDR"
    # Plain HTTP on loopback: the documented switches (config/settings/production.py).
    export PST_SECURE_SSL_REDIRECT=0
    export PST_HSTS_SECONDS=0
    export SIMPONI_ADAPTER=shop.billing.simponi.simulator.SimulatorAdapter
    export SIMPONI_ALLOW_SIMULATOR=1
    export PST_DATA_DIR=$SERVE_DIR/data
    # Mail goes through the task queue to files under data/mail (no SMTP server here).
    export DJANGO_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
    export PYTHONUNBUFFERED=1
}

postgres_up() {
    local pg=$SERVE_DIR/pg
    if [[ ! -f $pg/data/PG_VERSION ]]; then
        say "PostgreSQL: new data folder $pg/data"
        rm -rf "$pg"
        mkdir -p "$pg"
        printf '%s\n' "$PG_PASSWORD" >"$pg/pwfile"
        if [[ -n $PG_USER ]]; then
            chown -R "$PG_USER" "$pg"
            runuser -u "$PG_USER" -- test -x "$pg" ||
                die "$PG_USER cannot reach $pg: every folder above it must be searchable (chmod o+x)"
        fi
        chmod 700 "$pg"
        as_pg "$PG_BIN/initdb" -D "$pg/data" -U pst --pwfile="$pg/pwfile" \
            --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 \
            --no-instructions >"$LOG/initdb.log" 2>&1 || { cat "$LOG/initdb.log" >&2; exit 1; }
        rm -f "$pg/pwfile"
    fi
    if ! as_pg "$PG_BIN/pg_ctl" -D "$pg/data" status >/dev/null 2>&1; then
        [[ -z $PG_USER ]] || chown "$PG_USER" "$LOG"
        local options="-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$pg"
        [[ ${PST_SERVE_THROWAWAY:-0} != 1 ]] ||
            options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        as_pg "$PG_BIN/pg_ctl" -D "$pg/data" -l "$LOG/postgresql.log" -w -t 60 -o "$options" \
            start >/dev/null || { tail -n 20 "$LOG/postgresql.log" >&2; exit 1; }
    fi
    if ! PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U pst -d postgres \
        -tAc "SELECT 1 FROM pg_database WHERE datname = 'pst'" | grep -q 1; then
        PGPASSWORD=$PG_PASSWORD "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U pst pst
    fi
    say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

redis_up() {
    command -v redis-server >/dev/null || die "redis-server not installed (make install)"
    if ! pid_alive "$RUN/redis.pid"; then
        # The password on the command line would show in ps: it goes in through stdin instead.
        printf 'requirepass %s\n' "$REDIS_PASSWORD" | redis-server - \
            --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$SERVE_DIR/redis" \
            --daemonize yes --pidfile "$RUN/redis.pid" --logfile "$LOG/redis.log" \
            --save 300 1 --protected-mode yes
        for _ in $(seq 50); do pid_alive "$RUN/redis.pid" && break; sleep 0.1; done
        pid_alive "$RUN/redis.pid" || { tail -n 20 "$LOG/redis.log" >&2; exit 1; }
    fi
    say "Redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$REDIS_PORT"
}

site_prepare() {
    "$PY" manage.py migrate --noinput -v 0
    "$PY" manage.py collectstatic --noinput -v 0
    local seed=${PST_SERVE_SEED:-1} args=()
    [[ $seed =~ ^[0-9]+$ ]] || die "PST_SERVE_SEED must be 0, 1 or a number of publications"
    (( seed > 1 )) && args=(--count "$seed")
    if (( seed > 0 )); then
        local count
        count=$("$PY" manage.py shell --no-imports -v 0 -c \
            'from library.models import PublicationPage; print(PublicationPage.objects.count())' \
            2>/dev/null | tail -n 1 || true)
        if [[ $count =~ ^[1-9][0-9]*$ ]]; then say "demo data present ($count publications)"
        else say "seeding the demo (first start)"; "$PY" manage.py seed_demo "${args[@]}"; fi
    fi
}

# start NAME COMMAND...: run it in its own session, output to log/NAME.log, pid to run/NAME.pid.
start() {
    local name=$1
    shift
    pid_alive "$RUN/$name.pid" && return 0
    setsid "$@" >>"$LOG/$name.log" 2>&1 </dev/null &
    echo $! >"$RUN/$name.pid"
}

up() {
    secrets
    production_environment
    postgres_up
    redis_up
    site_prepare
    start worker "$PY" manage.py pst_worker --no-startup-delay --interval 1
    start gunicorn "$ROOT/.venv/bin/gunicorn" config.wsgi:application \
        --bind "$ADDR" --workers "$WORKERS" --timeout 120 --graceful-timeout 20 \
        --access-logfile - --error-logfile -
    local i
    for i in $(seq 120); do
        if "$PY" - "$ADDR" <<'EOF' 2>/dev/null; then break; fi
import sys, urllib.request
urllib.request.urlopen(f"http://{sys.argv[1]}/", timeout=2)
EOF
        pid_alive "$RUN/gunicorn.pid" || { tail -n 30 "$LOG/gunicorn.log" >&2; down; exit 1; }
        sleep 0.5
    done
    (( i < 120 )) || { tail -n 30 "$LOG/gunicorn.log" >&2; down; die "the site did not answer"; }
    say "worker running (pid $(cat "$RUN/worker.pid"), log $LOG/worker.log)"
    say "gunicorn: $WORKERS workers on http://$ADDR/ (log $LOG/gunicorn.log)"
}

# stop NAME SIGNAL: signal the process group started for NAME and wait up to 30 s for it.
stop() {
    local name=$1 signal=$2 pid
    pid_alive "$RUN/$name.pid" || { rm -f "$RUN/$name.pid"; return 0; }
    pid=$(cat "$RUN/$name.pid")
    kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        say "$name did not stop in 30 s; killing it"
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$RUN/$name.pid"
}

down() {
    [[ -d $SERVE_DIR ]] || return 0
    stop gunicorn TERM   # graceful: workers finish their requests
    stop worker TERM     # db_worker finishes its current task, then exits
    if pid_alive "$RUN/redis.pid"; then
        # SHUTDOWN saves the dump, then exits (redis-cli would need the password; SIGTERM does
        # the same as SHUTDOWN).
        kill -TERM "$(cat "$RUN/redis.pid")"
        for _ in $(seq 100); do pid_alive "$RUN/redis.pid" || break; sleep 0.1; done
    fi
    if [[ -f $SERVE_DIR/pg/data/postmaster.pid ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$SERVE_DIR/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    say "stopped (data kept in $SERVE_DIR)"
}

status() {
    local name rc=0
    for name in gunicorn worker redis; do
        if pid_alive "$RUN/$name.pid"; then echo "$name: running"; else echo "$name: stopped"; rc=1; fi
    done
    if [[ -f $SERVE_DIR/pg/data/postmaster.pid ]]; then echo "postgresql: running"
    else echo "postgresql: stopped"; rc=1; fi
    return $rc
}

case ${1:-run} in
    up) up ;;
    down) down ;;
    status) status ;;
    env)
        secrets; production_environment
        for name in DJANGO_SETTINGS_MODULE DJANGO_SECRET_KEY SIMPONI_NOTIFICATION_SECRET \
            DATABASE_URL PST_CACHE_URL DJANGO_ALLOWED_HOSTS PST_BASE_URL \
            DJANGO_CSRF_TRUSTED_ORIGINS PST_SECURE_SSL_REDIRECT PST_HSTS_SECONDS SIMPONI_ADAPTER \
            SIMPONI_ALLOW_SIMULATOR PST_DATA_DIR DJANGO_EMAIL_BACKEND; do
            printf '%s=%q\n' "$name" "${!name}"
        done
        ;;
    manage) shift; secrets; production_environment; exec "$PY" manage.py "$@" ;;
    run)
        trap 'echo; down; exit 0' INT TERM HUP
        up
        say "Ctrl-C (or make serve-stop) stops everything"
        # Wait while the site runs; if gunicorn dies on its own, stop the rest too.
        while pid_alive "$RUN/gunicorn.pid"; do sleep 1 & wait $!; done
        say "gunicorn ended"
        down
        ;;
    *) die "usage: scripts/serve.sh [run|up|down|status]" ;;
esac
