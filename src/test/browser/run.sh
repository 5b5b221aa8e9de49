#!/usr/bin/env bash
# The browser tests (README "Testing"): every form rendered by form-js and every model by bpmn-js in headless
# Chromium, against `java -jar target/clearpost.jar` on an in-memory H2 with the demo users and sandbox connectors.
# Needs target/clearpost.jar (./mvnw verify or package), Debian's chromium and node/npm; installs the npm
# packages from package-lock.json. Screenshots: target/forms/, target/models/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
jar="$root/target/clearpost.jar"
log="$root/target/browser-app.log"

[ -f "$jar" ] || { echo "$jar is missing: run ./mvnw verify first" >&2; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "no chromium at ${CHROMIUM:-/usr/bin/chromium} (apt-get install chromium)" >&2; exit 1; }
cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi

port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
# the sandbox refuses nova-foods' pinterest posts, so that resolve-publication is reached
SPRING_DATASOURCE_URL="jdbc:h2:mem:browser" SERVER_PORT="$port" \
  java -jar "$jar" '--clearpost.connectors.sandbox.failures[nova-foods/pinterest]=PERMANENT' >"$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then echo "the application did not start:" >&2; tail -60 "$log" >&2; exit 1; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null || { echo "not ready after 180 s" >&2; tail -60 "$log" >&2; exit 1; }

CLEARPOST_URL="http://127.0.0.1:$port" node --test models.test.mjs forms.test.mjs
