#!/usr/bin/env bash
# A throw-away PostgreSQL for the tests, from Debian's packages: no system service, nothing left behind.
#   source scripts/test-postgres.sh   # starts it, exports PTMREUSE_TEST_POSTGRES, stops it when the shell exits
# initdb runs in a temporary folder as a non-root user (the `postgres` system user when run as root, since PostgreSQL
# refuses to run as root), and the server listens on 127.0.0.1 on a free port only, with its socket in that folder.
# Trust authentication is enough for a loopback server that lives as long as one test run.

test_postgres_start() {
  local bin=""
  for candidate in /usr/lib/postgresql/*/bin; do [ -x "$candidate/initdb" ] && bin="$candidate"; done
  if [ -z "$bin" ]; then
    echo "Installing Debian's postgresql for the PostgreSQL tests..." >&2
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
    for candidate in /usr/lib/postgresql/*/bin; do [ -x "$candidate/initdb" ] && bin="$candidate"; done
  fi
  [ -n "$bin" ] || { echo "PostgreSQL's initdb not found under /usr/lib/postgresql/*/bin" >&2; return 1; }

  TEST_POSTGRES_DIR=$(mktemp -d /tmp/ptmreuse-pg.XXXXXX)
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    # Debian's package creates the `postgres` user; a bare image may lack it.
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$TEST_POSTGRES_DIR"
    run=(runuser -u postgres --)
  fi
  TEST_POSTGRES_RUN=("${run[@]}")
  TEST_POSTGRES_BIN=$bin

  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  "${run[@]}" "$bin/initdb" -D "$TEST_POSTGRES_DIR/data" -U ptmreuse -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$TEST_POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$TEST_POSTGRES_DIR/initdb.log" >&2; return 1; }
  # fsync off: a test server's data need not survive a power cut; max_connections covers several hosts' pools.
  "${run[@]}" "$bin/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -l "$TEST_POSTGRES_DIR/server.log" -w -t 60 \
    -o "-p $port -k $TEST_POSTGRES_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
    || { cat "$TEST_POSTGRES_DIR/server.log" >&2; return 1; }
  export PTMREUSE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=ptmreuse;Database=postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$port" >&2
}

test_postgres_stop() {
  if [ -n "${TEST_POSTGRES_DIR:-}" ] && [ -d "$TEST_POSTGRES_DIR" ]; then
    "${TEST_POSTGRES_RUN[@]}" "$TEST_POSTGRES_BIN/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$TEST_POSTGRES_DIR"
  fi
}
