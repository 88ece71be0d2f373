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
}

build_solution() {
  echo "==> building"
  dotnet build PokerTracker.sln -c "${CONFIGURATION:-Debug}" -nologo -v q -clp:ErrorsOnly
}
