#!/usr/bin/env bash
# Runs before admin-ui's tests (exec-maven-plugin, phase process-test-classes) so that `mvn verify` on a
# fresh machine has the browser the console's browser test drives: Debian's Chromium and chromedriver.
# A test tool's own browser download cannot work on these machines; the distribution's packages do.
# When it cannot install (not root, no passwordless sudo, no apt-get) it says so and leaves the decision
# to the browser test, which then fails with the same instruction.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
hint="install Debian's packages: apt-get update && apt-get install -y chromium chromium-driver"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[buzon] browser test: no apt-get here; $hint (or put Chromium and chromedriver at /usr/bin)" >&2
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "[buzon] browser test: not root and no passwordless sudo; $hint" >&2
  exit 0
fi
echo "[buzon] installing Chromium and chromedriver for the browser test (Debian packages)"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq chromium chromium-driver >/dev/null
