#!/usr/bin/env bash
# The README's test command: installs what the tests need (Chromium, poppler-utils, wrk, nginx, PostgreSQL), starts a
# throwaway PostgreSQL on loopback, then runs every test in the solution.
# Browser tests drive Debian's Chromium (/usr/bin/chromium); Playwright's own browser download is never used.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium from Debian's packages for the browser tests..."
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium >/dev/null
fi

# The PDF report's tests open it with poppler (pdftoppm renders every page, pdftotext reads it back).
if ! command -v pdftoppm >/dev/null 2>&1; then
  echo "Installing poppler-utils from Debian's packages for the PDF report tests..."
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq poppler-utils >/dev/null
fi

# The throughput load run's smoke test drives Debian's wrk against the app on loopback.
if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk from Debian's packages for the throughput load run's smoke test..."
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq wrk >/dev/null
fi

# The two-instance test puts Debian's nginx in front of two app processes; it runs nginx itself, in the foreground,
# on loopback. Installing the package must not start the system's nginx on port 80, so services are held back
# (policy-rc.d answers 101, "not allowed") for the length of the install.
if [ ! -x /usr/sbin/nginx ]; then
  echo "Installing nginx from Debian's packages for the two-instance test..."
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
  held_back=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $as_root tee /usr/sbin/policy-rc.d >/dev/null
    $as_root chmod 755 /usr/sbin/policy-rc.d
    held_back=yes
  fi
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq nginx >/dev/null
  if [ -n "$held_back" ]; then $as_root rm -f /usr/sbin/policy-rc.d; fi
fi

# The Data tests also run against PostgreSQL (issue 16): Debian's server, installed when missing, in a throwaway
# cluster of this run's own (its own data folder and port, loopback only, trust auth), never the system's, stopped
# and deleted when the run ends however it ends.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "Installing PostgreSQL from Debian's packages for the Data tests on PostgreSQL..."
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo"; fi
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq postgresql >/dev/null
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
pg_dir=$(mktemp -d /tmp/healingcompass-pg.XXXXXX)
# initdb and postgres refuse to run as root: there, the cluster belongs to Debian's postgres user.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$pg_dir"
  as_pg=(runuser -u postgres -- env -C /) # from /: the postgres user may not enter this run's folder
fi
pg_port=""
for candidate in $(seq 55432 55532); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then pg_port=$candidate; break; fi
done
stop_postgres() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U healingcompass -E UTF8 --no-locale >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=300" start >/dev/null \
  || { cat "$pg_dir/server.log" >&2; exit 1; }
export HEALINGCOMPASS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=healingcompass"
export HEALINGCOMPASS_TEST_PG_BIN="$pg_bin" HEALINGCOMPASS_TEST_PG_DATA="$pg_dir/data"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$pg_port (data in $pg_dir, removed at the end)."

# Extra arguments go to dotnet test; one that names its own --project runs just that project.
case " $* " in
  *" --project "*) dotnet test "$@" ;;
  *) dotnet test --solution HealingCompass.sln "$@" ;;
esac
