# Installs what the run and test commands need and is missing; sourced by ./run.sh and ./test.sh.
# Everything is checked first, so a second run installs nothing.

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> installing ${missing[*]} (apt)"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The engines the app host starts as local processes when no container engine runs.
ensure_engines() {
  apt_install redis-server
  ensure_chdb
}

# The player's app (SvelteKit): dependencies from the committed lock, built into Web/wwwroot.
build_web() {
  echo "==> building the web app"
  ( cd Web/client
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      npm ci --no-audit --no-fund >/dev/null
    fi
    npm run build --silent >/dev/null )
}

# Debian's Chromium, for the browser tests (driven by Playwright; no browser download).
ensure_browser() {
  apt_install chromium
}

build_solution() {
  echo "==> building"
  dotnet build PokerTracker.sln -c "${CONFIGURATION:-Debug}" -nologo -v q -clp:ErrorsOnly
}

# The ClickHouse engine as a library (chDB), behind tools/ClickHouseHost. Pinned; kept when present.
# Unpacked once per user (~570 MB) and linked into each clone, so a fresh clone does not unpack it again.
CHDB_VERSION="26.7.3-stable.1"
CHDB_PACKAGE="@chdb/lib-linux-x64-gnu@$CHDB_VERSION"
CHDB_LIB=".tools/chdb/node_modules/@chdb/lib-linux-x64-gnu/libchdb.so"
CHDB_SHARED="${XDG_CACHE_HOME:-$HOME/.cache}/pokertracker/chdb-$CHDB_VERSION"
chdb_installed() {
  [ -f "$1/node_modules/@chdb/lib-linux-x64-gnu/libchdb.so" ] && grep -q "\"version\": \"$CHDB_VERSION\"" "$1/node_modules/@chdb/lib-linux-x64-gnu/package.json" 2>/dev/null
}
ensure_chdb() {
  chdb_installed .tools/chdb && return 0
  if ! chdb_installed "$CHDB_SHARED"; then
    echo "==> installing $CHDB_PACKAGE (npm, ~570 MB)"
    rm -rf "$CHDB_SHARED.partial" && mkdir -p "$CHDB_SHARED.partial"
    npm install --prefix "$CHDB_SHARED.partial" --no-save --no-package-lock --no-audit --no-fund "$CHDB_PACKAGE" >/dev/null
    rm -rf "$CHDB_SHARED" && mv "$CHDB_SHARED.partial" "$CHDB_SHARED"
  fi
  mkdir -p .tools && rm -rf .tools/chdb && ln -s "$CHDB_SHARED" .tools/chdb
  [ -f "$CHDB_LIB" ] || { echo "libchdb.so missing after npm install" >&2; return 1; }
}

# The HTTPS development certificate. The orchestrator uses it for its own API and the dashboard
# checks for it: without one, every dashboard page starts with a certificate warning. It is made
# once per user (`dotnet dev-certs https --trust`). On Linux that trust is per tool: .NET trusts
# it through its own store; OpenSSL-based clients do when the certificate's folder is in
# SSL_CERT_DIR, which is set here for the processes the app host starts (besides the system's
# certificates). Browsers keep their own list: the app and the dashboard are served over plain
# HTTP on localhost, so no browser needs it.
ensure_dev_certificate() {
  if ! dotnet dev-certs https --check --trust >/dev/null 2>&1; then
    echo "==> creating the HTTPS development certificate"
    dotnet dev-certs https --trust >/dev/null 2>&1 || dotnet dev-certs https >/dev/null 2>&1 || true
  fi
  local trust="$HOME/.aspnet/dev-certs/trust"
  if [ -d "$trust" ]; then
    local system_certs
    system_certs="$(openssl version -d 2>/dev/null | sed -n 's/^OPENSSLDIR: "\(.*\)"$/\1/p')/certs"
    export SSL_CERT_DIR="$trust:${SSL_CERT_DIR:-$system_certs}"
  fi
}
