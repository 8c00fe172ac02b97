#!/usr/bin/env bash
# Runs setup.asadmin against a running Payara Server 6 domain and fails if any command failed
# (asadmin multimode itself exits 0 then). Idempotent: run it again after an upgrade.
#
#   ASADMIN=/opt/payara6/bin/asadmin ./setup.sh [asadmin options, e.g. --port 4848]
#
# Then restart the domain (the driver and the listener take effect on restart) with DATABASE_URL,
# DATABASE_USER and DATABASE_PASSWORD in its environment. See docs/deploy-payara-server.md.
set -euo pipefail
cd "$(dirname "$0")"
ASADMIN=${ASADMIN:-asadmin}

out=$("$ASADMIN" "$@" multimode --file setup.asadmin 2>&1) || { echo "$out" >&2; exit 1; }
echo "$out"
if grep -q "failed" <<<"$out"; then
  echo "setup: a command failed (see above)" >&2
  exit 1
fi
echo "setup: the domain is ready for paperclip-ee.ear; restart it"
