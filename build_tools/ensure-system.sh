#!/usr/bin/env bash
# Make sure the system programs the build needs are present: Graphviz's `dot`, and a
# Python 3 that can create virtual environments. On Debian/Ubuntu they are installed
# with apt-get when we may (root, or sudo without a password); otherwise we stop and
# say exactly what to install.
set -euo pipefail

# With the argument "test", also what the test suite needs: Chromium (browser tests, driven
# by Playwright; never a browser download), Node.js and npm (the browser's status
# evaluation, the Argdown CLI).
python=${PYTHON:-python3}
missing_apt=()
for_tests=${1:-}

have_venv() {
  command -v "$python" >/dev/null 2>&1 || return 1
  # `python3 -m venv` needs ensurepip, which Debian ships separately (python3-venv).
  "$python" -c 'import ensurepip, venv' >/dev/null 2>&1
}

command -v dot >/dev/null 2>&1 || missing_apt+=(graphviz)
if [ "$for_tests" = test ]; then
  [ -x "${ARGMAP_CHROMIUM:-/usr/bin/chromium}" ] || missing_apt+=(chromium)
  command -v node >/dev/null 2>&1 || missing_apt+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing_apt+=(npm)
fi
if ! have_venv; then
  if command -v "$python" >/dev/null 2>&1; then
    ver=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    missing_apt+=("python3-venv" "python${ver}-venv")
  else
    missing_apt+=(python3 python3-venv)
  fi
fi

[ ${#missing_apt[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
fi
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; then
  echo "Installing system packages: ${missing_apt[*]}" >&2
  $sudo apt-get update -qq >&2
  # python3.X-venv may not exist as a separate package on every release: try the full
  # list, then the packages one by one.
  log=$(mktemp)
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing_apt[@]}" >"$log" 2>&1; then
    for pkg in "${missing_apt[@]}"; do
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$pkg" >>"$log" 2>&1 || true
    done
  fi
  tail -n 3 "$log" >&2
  rm -f "$log"
fi

status=0
if ! command -v dot >/dev/null 2>&1; then
  status=1
  cat >&2 <<'MSG'
error: Graphviz (the `dot` program) is not installed, and it could not be installed here.
  Debian/Ubuntu:  sudo apt-get install graphviz
  macOS:          brew install graphviz
  Windows:        winget install graphviz   (or choco install graphviz), then add its bin folder to PATH
MSG
fi
if ! have_venv; then
  status=1
  cat >&2 <<MSG
error: $python cannot create a virtual environment (python3 -m venv), and it could not be fixed here.
  Debian/Ubuntu:  sudo apt-get install python3-venv
  macOS:          brew install python@3.12
  Windows:        install Python 3.10 or newer from python.org (venv is included)
MSG
fi
if [ "$for_tests" = test ] && [ ! -x "${ARGMAP_CHROMIUM:-/usr/bin/chromium}" ]; then
  status=1
  cat >&2 <<'MSG'
error: Chromium is not installed (the browser tests drive it), and it could not be installed here.
  Debian/Ubuntu:  sudo apt-get install chromium   (or set ARGMAP_CHROMIUM to a Chromium or Chrome binary)
  macOS:          brew install --cask chromium, then ARGMAP_CHROMIUM=/Applications/Chromium.app/Contents/MacOS/Chromium
  Windows:        install Chrome, then set ARGMAP_CHROMIUM to chrome.exe
MSG
fi
if [ "$for_tests" = test ] && ! { command -v node && command -v npm; } >/dev/null 2>&1; then
  status=1
  cat >&2 <<'MSG'
error: Node.js and npm are not installed (tests run the browser's status evaluation and the Argdown CLI).
  Debian/Ubuntu:  sudo apt-get install nodejs npm
  macOS:          brew install node
  Windows:        winget install OpenJS.NodeJS
MSG
fi
exit $status
