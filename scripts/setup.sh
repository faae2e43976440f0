#!/usr/bin/env bash
# Prepares a Debian/Ubuntu development machine for Atende:
#   - PostgreSQL server installed and accepting connections (PGHOST/PGPORT)
#   - the pgvector extension available to that server
#   - Redis answering on 127.0.0.1:6379
#   - Node.js >= 20
#   - Chromium at /usr/bin/chromium (Debian's package), for the browser tests of /console
#
# Idempotent: when everything is already in place it only runs a few checks
# (about a second) and never calls apt.
#
# Environment:
#   PGHOST / PGPORT       server to check (default 127.0.0.1 / 5432)
#   PGUSER                user for SQL checks (default postgres)
#   SKIP_SYSTEM_SETUP=1   skip everything (you manage PostgreSQL/Redis yourself)
#   DEBIAN_MIRROR         mirror URI to fetch the pgvector source package from
#                         (default: derived from this machine's apt sources)
set -euo pipefail

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER
REDIS_HOST=127.0.0.1
REDIS_PORT=6379
MIN_NODE_MAJOR=20
FALLBACK_PG_MAJOR=15
PGVECTOR_SRC_SUITE=trixie
TMP_SOURCES_FILE=/etc/apt/sources.list.d/atende-pgvector-src.list

log() { printf '[setup] %s\n' "$*"; }
die() {
  printf '[setup] ERROR: %s\n' "$1" >&2
  shift
  local line
  for line in "$@"; do printf '[setup]   %s\n' "$line" >&2; done
  exit 1
}

if [[ "${SKIP_SYSTEM_SETUP:-0}" == "1" ]]; then
  log "SKIP_SYSTEM_SETUP=1: skipping system checks (PostgreSQL + pgvector, Redis, Node.js are up to you)"
  exit 0
fi

# ---------------------------------------------------------------- privileges
SUDO=()
CAN_ROOT=1
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    CAN_ROOT=0
  fi
fi

# as_root CMD...  - runs CMD as root (directly, or through sudo)
as_root() {
  if [[ "$CAN_ROOT" -ne 1 ]]; then
    die "root privileges are needed to run: $*" \
      "Run this script as root, install sudo, or set things up yourself and use SKIP_SYSTEM_SETUP=1."
  fi
  "${SUDO[@]}" "$@"
}

# ---------------------------------------------------------------- temp files and cleanup
WORKDIR=""
TMP_SOURCES_ADDED=0
APT_LOG=""

cleanup() {
  local rc=$?
  if [[ "$TMP_SOURCES_ADDED" -eq 1 ]]; then
    # Never leave the temporary deb-src entry behind, whatever happened.
    "${SUDO[@]}" rm -f "$TMP_SOURCES_FILE" || true
    "${SUDO[@]}" apt-get update -qq >/dev/null 2>&1 || true
    TMP_SOURCES_ADDED=0
  fi
  if [[ -n "$WORKDIR" && -d "$WORKDIR" ]]; then
    "${SUDO[@]}" rm -rf "$WORKDIR" || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_workdir() {
  if [[ -z "$WORKDIR" ]]; then
    WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/atende-setup.XXXXXX")"
    APT_LOG="$WORKDIR/apt.log"
    : >"$APT_LOG"
  fi
}

# ---------------------------------------------------------------- apt helpers
APT_UPDATED=0

have_apt() { command -v apt-get >/dev/null 2>&1; }

# apt_run ARGS... - apt-get quietly, output kept in a log shown on failure
apt_run() {
  ensure_workdir
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -y "$@" >>"$APT_LOG" 2>&1; then
    printf '[setup] apt-get %s failed; last lines of its output:\n' "$*" >&2
    tail -n 25 "$APT_LOG" | sed 's/^/[setup]   | /' >&2
    return 1
  fi
}

apt_update_once() {
  if [[ "$APT_UPDATED" -eq 0 ]]; then
    log "apt-get update"
    apt_run update || die "apt-get update failed" "Check the apt sources and network access, then run this script again."
    APT_UPDATED=1
  fi
}

# apt_install WHAT-FOR PACKAGES...
apt_install() {
  local what="$1"
  shift
  if ! have_apt; then
    die "$what is missing and apt-get is not available to install it" \
      "Install these packages (or their equivalent) yourself: $*"
  fi
  if [[ "$CAN_ROOT" -ne 1 ]]; then
    die "$what is missing; installing it needs root" \
      "Run: sudo apt-get install -y $*   (or run this script as root)"
  fi
  apt_update_once
  log "apt-get install $*"
  apt_run install --no-install-recommends "$@" ||
    die "could not install $*" "Install it manually: apt-get install -y $*"
}

apt_has_package() {
  apt-cache show "$1" >/dev/null 2>&1
}

# ---------------------------------------------------------------- Node.js
check_node() {
  if ! command -v node >/dev/null 2>&1; then
    die "Node.js is not installed (need >= ${MIN_NODE_MAJOR}; 22 LTS recommended)" \
      "Install Node.js 22 LTS, e.g. with nvm ('nvm install 22') or your distribution's nodejs packages."
  fi
  local version major
  version="$(node -p 'process.versions.node' 2>/dev/null || true)"
  major="${version%%.*}"
  if ! [[ "$major" =~ ^[0-9]+$ ]] || ((major < MIN_NODE_MAJOR)); then
    die "Node.js ${version:-unknown} is too old (need >= ${MIN_NODE_MAJOR}; 22 LTS recommended)" \
      "Install Node.js 22 LTS, e.g. with nvm ('nvm install 22')."
  fi
  log "Node.js ${version} ok"
}

# ---------------------------------------------------------------- PostgreSQL
is_local_pg() {
  case "$PGHOST" in
    127.0.0.1 | localhost | ::1 | /*) return 0 ;;
    *) return 1 ;;
  esac
}

detect_pg_major() {
  local v=""
  if [[ -d /etc/postgresql ]]; then
    v="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null |
      grep -E '^[0-9]+$' | sort -n | tail -n 1 || true)"
  fi
  if [[ -z "$v" && -d /usr/lib/postgresql ]]; then
    v="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null |
      sed -E 's#^/usr/lib/postgresql/([0-9]+)/.*#\1#' | sort -n | tail -n 1 || true)"
  fi
  if [[ -z "$v" ]] && command -v pg_config >/dev/null 2>&1; then
    v="$(pg_config --version 2>/dev/null | sed -nE 's/^PostgreSQL ([0-9]+).*/\1/p' || true)"
  fi
  printf '%s\n' "${v:-$FALLBACK_PG_MAJOR}"
}

pg_server_installed() {
  [[ -x "/usr/lib/postgresql/$PG_MAJOR/bin/postgres" ]]
}

pg_accepting() {
  local isready=""
  if command -v pg_isready >/dev/null 2>&1; then
    isready="pg_isready"
  elif [[ -x "/usr/lib/postgresql/$PG_MAJOR/bin/pg_isready" ]]; then
    isready="/usr/lib/postgresql/$PG_MAJOR/bin/pg_isready"
  fi
  if [[ -n "$isready" ]]; then
    "$isready" -q -h "$PGHOST" -p "$PGPORT" -t 3 >/dev/null 2>&1
  else
    timeout 3 bash -c "exec 3<>/dev/tcp/$PGHOST/$PGPORT" >/dev/null 2>&1
  fi
}

wait_for_pg() {
  local i
  for ((i = 0; i < 30; i++)); do
    pg_accepting && return 0
    sleep 0.5
  done
  return 1
}

start_pg_cluster() {
  local major="$PG_MAJOR" cluster=main
  if [[ ! -d "/etc/postgresql/$major/$cluster" ]]; then
    log "no PostgreSQL $major cluster found; creating cluster '$cluster'"
    as_root pg_createcluster "$major" "$cluster" >/dev/null ||
      die "pg_createcluster $major $cluster failed"
  fi
  log "starting PostgreSQL $major/$cluster"
  as_root pg_ctlcluster --skip-systemctl-redirect "$major" "$cluster" start ||
    die "could not start PostgreSQL $major/$cluster" \
      "See /var/log/postgresql/postgresql-$major-$cluster.log"
}

ensure_postgres() {
  PG_MAJOR="$(detect_pg_major)"
  if ! is_local_pg; then
    # A remote server is not ours to install or start: only check it.
    if pg_accepting; then
      log "PostgreSQL at $PGHOST:$PGPORT accepting connections"
      return 0
    fi
    die "PostgreSQL at $PGHOST:$PGPORT is not accepting connections" \
      "Start that server, or unset PGHOST to use a local one (127.0.0.1)."
  fi

  local fresh_install=0
  if ! pg_server_installed || ! command -v psql >/dev/null 2>&1; then
    if pg_accepting; then
      # Something else (another build, a container) serves the port; use it.
      log "PostgreSQL at $PGHOST:$PGPORT accepting connections (server not managed by this machine's packages)"
      return 0
    fi
    log "PostgreSQL server not found; installing it"
    apt_install "PostgreSQL server" postgresql postgresql-contrib
    PG_MAJOR="$(detect_pg_major)"
    fresh_install=1
  fi

  if ! pg_accepting; then
    start_pg_cluster
    wait_for_pg || die "PostgreSQL $PG_MAJOR does not accept connections on $PGHOST:$PGPORT" \
      "Check its port in /etc/postgresql/$PG_MAJOR/main/postgresql.conf and the log in /var/log/postgresql/."
  fi
  log "PostgreSQL $PG_MAJOR accepting connections on $PGHOST:$PGPORT"

  if [[ "$fresh_install" -eq 1 ]]; then
    # Debian's default pg_hba.conf asks for a password over TCP; give the
    # superuser the development password the .env examples use.
    log "setting development password 'postgres' for role postgres (fresh install)"
    local sql="ALTER ROLE postgres PASSWORD 'postgres'"
    if [[ "$(id -u)" -eq 0 ]]; then
      runuser -u postgres -- psql -X -q -h /var/run/postgresql -p "$PGPORT" -c "$sql" >/dev/null ||
        log "warning: could not set the password; do it with: runuser -u postgres -- psql -c \"$sql\""
    else
      sudo -u postgres psql -X -q -h /var/run/postgresql -p "$PGPORT" -c "$sql" >/dev/null ||
        log "warning: could not set the password; do it with: sudo -u postgres psql -c \"$sql\""
    fi
  fi
}

# ---------------------------------------------------------------- pgvector
server_pg_config() {
  printf '/usr/lib/postgresql/%s/bin/pg_config\n' "$PG_MAJOR"
}

pgvector_available() {
  local pgc
  pgc="$(server_pg_config)"
  if [[ -x "$pgc" ]]; then
    local sharedir
    sharedir="$("$pgc" --sharedir 2>/dev/null || true)"
    if [[ -n "$sharedir" && -f "$sharedir/extension/vector.control" ]]; then
      return 0
    fi
  fi
  # Fallback (and the only way for a remote server): ask the server.
  if command -v psql >/dev/null 2>&1; then
    local out
    out="$(psql -X -A -t -q -d postgres -c "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'" 2>/dev/null || true)"
    [[ "$out" == "1" ]] && return 0
  fi
  return 1
}

# Prints "URI<TAB>SIGNED-BY" of the distribution's main archive, from this
# machine's apt sources (one-line .list files and deb822 .sources files).
derive_debian_mirror() {
  local codename="$1" f
  local -a files=()
  [[ -f /etc/apt/sources.list ]] && files+=(/etc/apt/sources.list)
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" && "$f" != "$TMP_SOURCES_FILE" ]] && files+=("$f")
  done
  for f in "${files[@]}"; do
    case "$f" in
      *.sources)
        awk -v cn="$codename" '
          function flush(   n, i, s, u) {
            if (!done && types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no") {
              n = split(suites, s, /[ \t]+/)
              for (i = 1; i <= n; i++) {
                if (s[i] == cn) {
                  split(uris, u, /[ \t]+/)
                  if (u[1] != "" && u[1] !~ /security/) {
                    if (signed !~ /^\//) signed = ""
                    print u[1] "\t" signed
                    done = 1
                  }
                  break
                }
              }
            }
            types = uris = suites = signed = enabled = ""
          }
          /^[ \t]*#/ { next }
          /^[ \t]*$/ { flush(); next }
          /^[A-Za-z][A-Za-z0-9-]*:/ {
            key = tolower(substr($0, 1, index($0, ":") - 1))
            val = substr($0, index($0, ":") + 1)
            gsub(/^[ \t]+|[ \t]+$/, "", val)
            if (key == "types") types = val
            else if (key == "uris") uris = val
            else if (key == "suites") suites = val
            else if (key == "signed-by") signed = val
            else if (key == "enabled") enabled = tolower(val)
          }
          END { flush() }
        ' "$f"
        ;;
      *)
        awk -v cn="$codename" '
          /^[ \t]*deb[ \t]/ {
            i = 2; signed = ""
            if ($2 ~ /^\[/) {
              opts = ""
              for (; i <= NF; i++) { opts = opts " " $i; if ($i ~ /\]$/) { i++; break } }
              if (match(opts, /signed-by=[^] \t]+/)) signed = substr(opts, RSTART + 10, RLENGTH - 10)
            }
            uri = $i; suite = $(i + 1)
            if (suite == cn && uri !~ /security/) {
              if (signed !~ /^\//) signed = ""
              print uri "\t" signed
              exit
            }
          }
        ' "$f"
        ;;
    esac
  done | head -n 1
}

build_pgvector_from_source() {
  local os_id codename mirror_line mirror signed_by
  os_id="$(. /etc/os-release 2>/dev/null && printf '%s' "${ID:-}")"
  codename="$(. /etc/os-release 2>/dev/null && printf '%s' "${VERSION_CODENAME:-}")"
  if [[ "$os_id" != "debian" ]]; then
    die "no postgresql-$PG_MAJOR-pgvector package is available, and building from Debian's source package is only supported on Debian" \
      "Install pgvector for PostgreSQL $PG_MAJOR yourself (e.g. from the PostgreSQL apt repository: postgresql-$PG_MAJOR-pgvector, or build it from source)."
  fi

  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then
    mirror="$DEBIAN_MIRROR"
    signed_by=""
  else
    mirror_line="$(derive_debian_mirror "$codename" || true)"
    mirror="${mirror_line%%$'\t'*}"
    signed_by="${mirror_line#*$'\t'}"
  fi
  if [[ -z "$mirror" ]]; then
    die "could not find a Debian mirror for '$codename' in the apt sources" \
      "Set DEBIAN_MIRROR to the URI of a Debian mirror and run this script again."
  fi
  if [[ -n "$signed_by" && ! -r "$signed_by" ]]; then
    signed_by=""
  fi

  log "pgvector: no binary package; building it from Debian $PGVECTOR_SRC_SUITE's source package"
  apt_install "pgvector build dependencies" build-essential "postgresql-server-dev-$PG_MAJOR" dpkg-dev

  ensure_workdir
  local entry="deb-src"
  [[ -n "$signed_by" ]] && entry+=" [signed-by=$signed_by]"
  entry+=" $mirror $PGVECTOR_SRC_SUITE main"

  # Source entry only, and only for as long as `apt-get source` runs: a
  # binary (deb) entry for trixie would let apt upgrade base packages.
  TMP_SOURCES_ADDED=1
  printf '# temporary, added by atende scripts/setup.sh; removed automatically\n%s\n' "$entry" |
    as_root tee "$TMP_SOURCES_FILE" >/dev/null
  log "apt-get update (with temporary $PGVECTOR_SRC_SUITE deb-src entry)"
  apt_run update || die "apt-get update with the $PGVECTOR_SRC_SUITE deb-src entry failed"

  local srcdir="$WORKDIR/src"
  mkdir -p "$srcdir"
  log "apt-get source pgvector"
  if ! (cd "$srcdir" && apt-get -q source pgvector >>"$APT_LOG" 2>&1); then
    tail -n 25 "$APT_LOG" | sed 's/^/[setup]   | /' >&2
    die "apt-get source pgvector failed"
  fi

  as_root rm -f "$TMP_SOURCES_FILE"
  log "apt-get update (temporary entry removed)"
  apt_run update || die "apt-get update after removing $TMP_SOURCES_FILE failed"
  TMP_SOURCES_ADDED=0

  local pkgdir
  pkgdir="$(find "$srcdir" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1 || true)"
  [[ -n "$pkgdir" && -f "$pkgdir/Makefile" ]] || die "unpacked pgvector source not found in $srcdir"

  local pgc jobs
  pgc="$(server_pg_config)"
  jobs="$(nproc 2>/dev/null || echo 2)"
  log "building $(basename "$pkgdir") against $pgc"
  # OPTFLAGS="" as in Debian's own package: no -march=native, so the build
  # keeps working if the machine image moves to another CPU.
  if ! make -C "$pkgdir" -j"$jobs" PG_CONFIG="$pgc" OPTFLAGS="" >>"$APT_LOG" 2>&1; then
    tail -n 25 "$APT_LOG" | sed 's/^/[setup]   | /' >&2
    die "building pgvector failed"
  fi
  if ! as_root make -C "$pkgdir" install PG_CONFIG="$pgc" OPTFLAGS="" >>"$APT_LOG" 2>&1; then
    tail -n 25 "$APT_LOG" | sed 's/^/[setup]   | /' >&2
    die "installing pgvector failed"
  fi
}

ensure_pgvector() {
  if pgvector_available; then
    log "pgvector available"
    return 0
  fi
  if ! is_local_pg || ! pg_server_installed; then
    die "the pgvector extension is not available on PostgreSQL at $PGHOST:$PGPORT" \
      "Install pgvector on that server (package postgresql-<major>-pgvector, or build it from source), or use the pgvector/pgvector Docker image."
  fi
  if [[ "$CAN_ROOT" -ne 1 ]]; then
    die "the pgvector extension is missing for PostgreSQL $PG_MAJOR; installing it needs root" \
      "Run this script as root (or with sudo available), or install postgresql-$PG_MAJOR-pgvector / build pgvector yourself."
  fi
  have_apt || die "pgvector is missing and apt-get is not available" \
    "Build pgvector from source with PG_CONFIG=$(server_pg_config)."

  apt_update_once
  if apt_has_package "postgresql-$PG_MAJOR-pgvector"; then
    apt_install "pgvector" "postgresql-$PG_MAJOR-pgvector"
  else
    build_pgvector_from_source
  fi
  pgvector_available || die "pgvector was installed but PostgreSQL $PG_MAJOR still does not list it"
  log "pgvector installed"
}

# ---------------------------------------------------------------- Redis
redis_ping() {
  if command -v redis-cli >/dev/null 2>&1; then
    [[ "$(timeout 3 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null || true)" == "PONG" ]]
  else
    # shellcheck disable=SC2016 # expanded by the inner bash, from its arguments
    timeout 3 bash -c '
      exec 3<>"/dev/tcp/$1/$2" || exit 1
      printf "PING\r\n" >&3
      IFS= read -r line <&3 || exit 1
      [[ "$line" == +PONG* ]]
    ' _ "$REDIS_HOST" "$REDIS_PORT" >/dev/null 2>&1
  fi
}

ensure_redis() {
  if redis_ping; then
    log "Redis answering on $REDIS_HOST:$REDIS_PORT"
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    log "Redis not found; installing it"
    apt_install "Redis" redis-server
    # The package may have started its own service already.
    local i
    for ((i = 0; i < 10; i++)); do
      redis_ping && break
      sleep 0.3
    done
  fi
  if ! redis_ping; then
    log "starting redis-server on $REDIS_HOST:$REDIS_PORT"
    # Append-only file: a restart keeps every queued job (the reconciler recovers even a loss of all of Redis's data).
    local dir=/var/lib/redis
    [[ -d $dir && -w $dir ]] || { dir="${XDG_STATE_HOME:-$HOME/.local/state}/atende/redis"; mkdir -p "$dir"; }
    local -a args=(--daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly yes --dir "$dir")
    [[ -d /var/log/redis && -w /var/log/redis ]] && args+=(--logfile /var/log/redis/redis-server.log)
    redis-server "${args[@]}" >/dev/null ||
      die "could not start redis-server" "Start Redis on $REDIS_HOST:$REDIS_PORT yourself."
    local i
    for ((i = 0; i < 20; i++)); do
      redis_ping && break
      sleep 0.25
    done
    redis_ping || die "redis-server started but does not answer on $REDIS_HOST:$REDIS_PORT"
  fi
  log "Redis answering on $REDIS_HOST:$REDIS_PORT"
}

# ---------------------------------------------------------------- Chromium
CHROMIUM_BIN=/usr/bin/chromium

# The browser tests (playwright-core) drive Debian's Chromium, not a downloaded browser build.
ensure_chromium() {
  if [[ -x "$CHROMIUM_BIN" ]]; then
    log "Chromium available at $CHROMIUM_BIN"
    return 0
  fi
  log "Chromium not found at $CHROMIUM_BIN; installing Debian's chromium package (for the browser tests)"
  apt_install "Chromium" chromium
  [[ -x "$CHROMIUM_BIN" ]] || die "the chromium package was installed but $CHROMIUM_BIN is missing" \
    "Install Chromium so that $CHROMIUM_BIN exists (apt-get install -y chromium)."
  log "Chromium installed: $("$CHROMIUM_BIN" --version 2>/dev/null || echo "$CHROMIUM_BIN")"
}

# ---------------------------------------------------------------- main
check_node
ensure_postgres
ensure_pgvector
ensure_redis
ensure_chromium
log "done"
