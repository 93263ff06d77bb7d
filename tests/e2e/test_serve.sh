#!/usr/bin/env bash
# End-to-end tests of phasedoc serve on loopback: every route, every refusal, and faults — a
# worker killed mid-request, a render past the time limit, a full queue, a body of 100 MB, a
# client that never finishes sending, 500 idle connections, malformed HTTP, XXE and entity
# bombs — each failing only its own request while other clients are served.
source "$(dirname "$0")/lib.sh"
REF=$ROOT/samples/reference.xml
command -v curl >/dev/null || { echo "test_serve: curl missing (scripts/install-deps)"; exit 1; }

port=$((21000 + RANDOM % 20000))
ts=${PD_TIME_SCALE:-1} # the sanitizer build renders several times slower
base=http://127.0.0.1:$port
serve_pid=
start() { # extra options...
    mkdir -p "$TMP/t"
    TMPDIR=$TMP/t "$PHASEDOC" serve --listen 127.0.0.1:$port "$@" >"$TMP/serve.log" 2>&1 &
    serve_pid=$!
    for _ in $(seq $((100 * ts))); do curl -sf "$base/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
    fail "serve did not become ready: $(head -c 300 "$TMP/serve.log")"
}
stop() {
    kill -TERM "$serve_pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.1; done
    wait "$serve_pid" 2>/dev/null
}
post() { # path, file, [content type]: prints "CODE" and leaves the body in $TMP/body
    curl -s -o "$TMP/body" -w '%{http_code}' -H "Content-Type: ${3:-application/xml}" \
        --data-binary @"$2" "$base$1"
}
code_is() { # what, expected, got
    if [[ $3 == "$2" ]]; then pass; else fail "$1: HTTP $3, expected $2 ($(head -c 200 "$TMP/body" 2>/dev/null))"; fi
}
json_has() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$TMP/body" "$1"; }

start -j 2 --brand-dir "$ROOT/samples/brands" --timeout $((60 * ts))

# ---- routes ------------------------------------------------------------------------------
check "healthz says ok with warm workers" bash -c "curl -sf $base/healthz | grep -q '\"status\":\"ok\"'"
check "kinds lists the four documents" bash -c "curl -sf $base/v1/kinds | grep -q '\"offer\",\"concept\",\"implementation\",\"approval\"'"
check "brands lists the installed pack and the --brand-dir ones" bash -c "curl -sf $base/v1/brands | grep -q '\"default\",\"kalkberg\",\"lakeshore\"'"

c=$(curl -s -D "$TMP/h" -o "$TMP/offer.pdf" -w '%{http_code}' -H 'Content-Type: application/xml' --data-binary @"$REF" "$base/v1/render?kind=offer")
code_is "render an offer" 200 "$c"
check "the offer is a sound PDF" pdf_ok "$TMP/offer.pdf"
check "Content-Disposition names it as batch would" grep -qi '^Content-Disposition: attachment; filename="NLT-2026-014-offer.pdf"' "$TMP/h"
pages=$(pdf_pages "$TMP/offer.pdf")
check "X-Phasedoc-Pages is the page count ($pages)" grep -qi "^X-Phasedoc-Pages: $pages" "$TMP/h"
"$PHASEDOC" render "$REF" -k offer -o "$TMP/cli.pdf" >/dev/null 2>&1
check "the same bytes as the command line" cmp -s "$TMP/offer.pdf" "$TMP/cli.pdf"

c=$(post "/v1/render?kind=approval&brand=lakeshore&lang=de" "$REF"); code_is "a partner brand by name, in German" 200 "$c"
check "… is the lakeshore approval sheet in German" has_text "$TMP/body" "Seite 1 von"
c=$(curl -s -D "$TMP/h" -o "$TMP/p.png" -w '%{http_code}' -H 'Content-Type: application/xml' --data-binary @"$REF" "$base/v1/render?kind=offer&format=png&page=2")
code_is "a PNG preview of page 2" 200 "$c"
check "… is a PNG named after its page" bash -c "file '$TMP/p.png' | grep -q 'PNG image' && grep -qi 'filename=\"NLT-2026-014-offer-2.png\"' '$TMP/h'"
c=$(post "/v1/render?kind=offer&format=png&page=99" "$REF"); code_is "a page past the end" 400 "$c"

c=$(post /v1/validate "$REF"); code_is "validate a good project" 200 "$c"
check "… status 0, no errors" json_has 'd["status"] == 0 and not [x for x in d["diagnostics"] if x["severity"] == "error"]'
python3 - "$REF" "$TMP/bad.xml" <<'PY'
import sys
t = open(sys.argv[1]).read().replace('billing="yearly"', 'billing="sometimes"', 1)
open(sys.argv[2], "w").write(t)
PY
c=$(post /v1/validate "$TMP/bad.xml"); code_is "validate a wrong project" 200 "$c"
check "… status 1 and an error with its line" json_has 'd["status"] == 1 and any(x["line"] > 0 and x["severity"] == "error" for x in d["diagnostics"])'

# ---- refusals ------------------------------------------------------------------------------
head -c 3000 "$REF" > "$TMP/broken.xml"
c=$(post "/v1/render?kind=offer" "$TMP/broken.xml"); code_is "broken XML" 400 "$c"
check "… JSON diagnostics with line and column" json_has 'd["status"] == 1 and d["diagnostics"][0]["line"] > 0 and d["diagnostics"][0]["column"] > 0'
check "… never the worker's folder in a message" bash -c "! grep -q 'phasedoc-serve-' '$TMP/body'"
c=$(post "/v1/render?kind=nosuchkind" "$REF"); code_is "unknown kind" 400 "$c"
c=$(post "/v1/render?kind=offer&brand=nosuchbrand" "$REF"); code_is "unknown brand" 400 "$c"
c=$(post "/v1/render?kind=offer&brand=..%2F..%2Fetc" "$REF"); code_is "a path as brand" 400 "$c"
c=$(post "/v1/render?kind=offer&lang=xx" "$REF"); code_is "unknown language" 400 "$c"
c=$(post "/v1/render?kind=offer" "$REF" text/plain); code_is "wrong content type" 415 "$c"
c=$(curl -s -o "$TMP/body" -w '%{http_code}' "$base/v1/render"); code_is "GET on a POST route" 405 "$c"
c=$(curl -s -o "$TMP/body" -w '%{http_code}' "$base/nothing-here"); code_is "unknown route" 404 "$c"
: > "$TMP/empty.xml"
c=$(post "/v1/render?kind=offer" "$TMP/empty.xml"); code_is "empty body" 400 "$c"
c=$(post "/v1/render?kind=offer" "$ROOT/tests/hardening/xinclude.xml"); code_is "XInclude body" 400 "$c"
c=$(post "/v1/render?kind=offer" "$ROOT/tests/hardening/entity-bomb.xml"); code_is "entity bomb body" 400 "$c"
cat > "$TMP/xxe.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE project [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<project xmlns="urn:phasedoc:project:1" id="X">&x;</project>
EOF
c=$(post "/v1/render?kind=offer" "$TMP/xxe.xml"); code_is "XXE body" 400 "$c"
check "… and nothing of /etc/passwd in the answer" bash -c "! grep -q 'root:' '$TMP/body'"

# 100 MB, refused from its Content-Length without being read
c=$(head -c 100000000 /dev/zero | curl -s -o "$TMP/body" -w '%{http_code}' -H 'Content-Type: application/xml' --data-binary @- "$base/v1/render?kind=offer")
code_is "a body of 100 MB" 413 "$c"
# chunked (no Content-Length) past the limit
c=$(head -c 9000000 /dev/zero | tr '\0' a | curl -s -o "$TMP/body" -w '%{http_code}' -H 'Content-Type: application/xml' -H 'Transfer-Encoding: chunked' --data-binary @- "$base/v1/render?kind=offer")
code_is "a chunked body past 8 MB" 413 "$c"

# ---- faults while others are served -----------------------------------------------------
python3 - "$port" "$TMP/faults.log" <<'PY' &
# a client that never finishes sending, 500 idle connections, malformed HTTP
import socket, sys, time
port, log = int(sys.argv[1]), open(sys.argv[2], "w")
idle = []
for _ in range(500):
    s = socket.create_connection(("127.0.0.1", port)); idle.append(s)
slow = socket.create_connection(("127.0.0.1", port))
slow.sendall(b"POST /v1/render?kind=offer HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 100000\r\n\r\n<project")
bad = socket.create_connection(("127.0.0.1", port))
bad.sendall(b"GARBAGE / HTTP/9.9\r\n\x00\x01\r\n\r\n")
bad.settimeout(5)
try: log.write("malformed: %r\n" % bad.recv(64)[:12])
except Exception as e: log.write("malformed: %s\n" % e)
time.sleep(4)
log.write("held %d idle connections\n" % len(idle)); log.close()
for s in idle + [slow, bad]: s.close()
PY
faults=$!
sleep 1.5
ok=0
for i in 1 2 3 4 5 6; do c=$(post "/v1/render?kind=approval" "$REF"); [[ $c == 200 ]] && ok=$((ok + 1)); done
check "6 renders served while 500 idle connections, a stalled upload and malformed HTTP are open ($ok of 6)" test $ok = 6
wait $faults
check "malformed HTTP gets an HTTP error answer" grep -qE "malformed: b'HTTP/1.1 (4|505)" "$TMP/faults.log"
check "500 idle connections were accepted" grep -q "held 500 idle" "$TMP/faults.log"

# a worker killed while it renders fails only its request
python3 - "$REF" "$TMP/slow.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "urn:phasedoc:project:1"; ET.register_namespace("", ns); N = "{%s}" % ns
t = ET.parse(sys.argv[1]); a = t.getroot().find(N+"approval"); i = list(a).index(a.find(N+"criterion"))
for k in range(12000):
    e = ET.Element(N+"criterion", id="AC-%05d" % (k+100), status="passed"); ET.SubElement(e, N+"text").text = "Criterion %d holds." % k; a.insert(i, e)
t.write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
PY
# two long renders on the two workers; one worker is killed: its request fails, the other's not
pids=()
for k in 1 2; do
    curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/xml' --data-binary @"$TMP/slow.xml" "$base/v1/render?kind=approval" > "$TMP/killed.$k" &
    pids+=($!)
done
sleep 1
zygote=$(pgrep -P "$serve_pid" | head -1)
victim=$(pgrep -P "$zygote" | head -1)
kill -KILL "$victim" 2>/dev/null
wait "${pids[@]}"
codes=$(cat "$TMP/killed.1" "$TMP/killed.2" | sort | tr '\n' ' ')
check "a worker killed mid-render fails its request only (codes: $codes)" test "$codes" = "200 500 "
# a worker killed while idle is noticed before a request is sent to it
zygote=$(pgrep -P "$serve_pid" | head -1)
kill -KILL $(pgrep -P "$zygote") 2>/dev/null; sleep 0.3
c=$(post "/v1/render?kind=approval" "$REF"); code_is "the next request after a worker was killed" 200 "$c"
check "metrics count the restart" bash -c "curl -sf $base/metrics | grep -q '^phasedoc_worker_restarts_total [1-9]'"
check "metrics count requests by route and status" bash -c "curl -sf $base/metrics | grep -q '^phasedoc_requests_total{route=\"render\",status=\"200\"}'"
check "metrics have a latency histogram" bash -c "curl -sf $base/metrics | grep -q '^phasedoc_request_seconds_bucket{route=\"render\",le=\"+Inf\"}'"

# SIGHUP: a brand pack added while running is offered after it
mkdir -p "$TMP/packs"
cp -r "$ROOT/samples/brands/lakeshore" "$TMP/packs/harbour"
stop
start -j 1 --brand-dir "$TMP/packs" --timeout $ts --drain $((10 * ts)) --queue 0 --token-file <(echo "t0ken-for-the-serve-test")
cp -r "$ROOT/samples/brands/kalkberg" "$TMP/packs/quarry"
kill -HUP "$serve_pid"; sleep 1.5
check "SIGHUP: a pack added since start is listed" bash -c "curl -sf -H 'Authorization: Bearer t0ken-for-the-serve-test' $base/v1/brands | grep -q quarry"
c=$(curl -s -o "$TMP/body" -w '%{http_code}' "$base/v1/kinds"); code_is "no token" 401 "$c"
c=$(curl -s -o "$TMP/body" -w '%{http_code}' -H 'Authorization: Bearer t0ken-for-the-serve-testX' "$base/v1/kinds"); code_is "a wrong token" 401 "$c"
check "healthz needs no token (probes)" curl -sf "$base/healthz"
auth=(-H 'Authorization: Bearer t0ken-for-the-serve-test')
# one worker, no queue: a long render holds it; the next request gets 503; the long one 504
curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/xml' --data-binary @"$TMP/slow.xml" "$base/v1/render?kind=approval" > "$TMP/long.code" &
long=$!
sleep 0.4
c=$(curl -s -D "$TMP/h" -o "$TMP/body" -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/xml' --data-binary @"$REF" "$base/v1/render?kind=offer")
code_is "a full queue" 503 "$c"
check "… with Retry-After" grep -qi '^Retry-After: ' "$TMP/h"
wait $long
code_is "a render past --timeout" 504 "$(cat "$TMP/long.code")"
c=$(curl -s -o "$TMP/body" -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/xml' --data-binary @"$REF" "$base/v1/render?kind=approval")
code_is "after a timeout the replaced worker serves" 200 "$c"

# SIGTERM drains: a request in flight is finished, then exit 0
python3 - "$REF" "$TMP/medium.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "urn:phasedoc:project:1"; ET.register_namespace("", ns); N = "{%s}" % ns
t = ET.parse(sys.argv[1]); a = t.getroot().find(N+"approval"); i = list(a).index(a.find(N+"criterion"))
for k in range(400):
    e = ET.Element(N+"criterion", id="AC-%05d" % (k+100), status="passed"); ET.SubElement(e, N+"text").text = "Criterion %d holds." % k; a.insert(i, e)
t.write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
PY
curl -s -o "$TMP/drain.pdf" -w '%{http_code}' "${auth[@]}" -H 'Content-Type: application/xml' --data-binary @"$TMP/medium.xml" "$base/v1/render?kind=approval" > "$TMP/drain.code" &
drain=$!
sleep 0.3
kill -TERM "$serve_pid"; wait "$serve_pid"; rc=$?
wait $drain
check "SIGTERM: exit 0 (got $rc)" test "$rc" = 0
code_is "SIGTERM: the request in flight was finished" 200 "$(cat "$TMP/drain.code")"
sleep 0.3
left=$(ls -A "$TMP/t" | wc -l)
check "no worker processes left" test -z "$(pgrep -f "^$PHASEDOC serve --listen 127.0.0.1:$port")"
check "no worker folders left in TMPDIR ($left)" test "$left" = 0

"$PHASEDOC" serve --listen nonsense >/dev/null 2>&1; code_is "a malformed --listen is a usage error" 2 "$?"
"$PHASEDOC" serve --listen 127.0.0.1:$port --token-file /nonexistent >/dev/null 2>&1; code_is "a missing token file" 2 "$?"
finish
