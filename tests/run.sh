#!/usr/bin/env bash
# The README's test command: installs what the tests need (Chromium, poppler-utils), then runs every test in the solution.
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

# Extra arguments go to dotnet test; one that names its own --project runs just that project.
case " $* " in
  *" --project "*) exec dotnet test "$@" ;;
  *) exec dotnet test --solution HealingCompass.sln "$@" ;;
esac
