#!/usr/bin/env python3
"""serve-load.py — phasedoc serve under load on loopback, against batch on the same machine.

  bench/serve-load.py PHASEDOC [REQUESTS] [CLIENTS] [OUT.md]

Generates 200 different projects (bench/gen.py), starts `phasedoc serve -j CORES` on a free
loopback port, and sends REQUESTS approval-sheet renders (default 2,000) from CLIENTS
concurrent clients (default 16), cycling through the projects; then renders the same 200
projects with `phasedoc batch -j CORES`, REQUESTS/200 times over. Reports failures, throughput,
the ratio to batch, and p50/p90/p99 latency. Bounded: every request has a 60 s limit and the
whole load stops after 15 minutes. Writes a Markdown table to OUT.md (default
bench/serve-results.md)."""
import glob
import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
pd = os.path.abspath(sys.argv[1])
total = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
clients = int(sys.argv[3]) if len(sys.argv) > 3 else 16
out_md = sys.argv[4] if len(sys.argv) > 4 else os.path.join(HERE, "serve-results.md")
cores = os.cpu_count() or 1
DEADLINE = 15 * 60

work = tempfile.mkdtemp(prefix="pd-serve-load-")
try:
    subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), "projects",
                    os.path.join(work, "projects"), "200"], check=True, stdout=subprocess.DEVNULL)
    files = sorted(glob.glob(os.path.join(work, "projects", "*.xml")))
    bodies = [open(f, "rb").read() for f in files]

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([pd, "serve", "--listen", "127.0.0.1:%d" % port, "-j", str(cores),
                               "--queue", str(clients * 2)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port, timeout=1)
            break
        except OSError:
            time.sleep(0.1)

    lat, codes, lock, nxt = [], {}, threading.Lock(), [0]
    started = time.monotonic()

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                i = nxt[0]
                nxt[0] += 1
            if i >= total or time.monotonic() - started > DEADLINE:
                break
            t0 = time.monotonic()
            try:
                conn.request("POST", "/v1/render?kind=approval", bodies[i % len(bodies)],
                             {"Content-Type": "application/xml"})
                r = conn.getresponse()
                r.read()
                code = r.status
            except (OSError, http.client.HTTPException):
                code = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            with lock:
                lat.append(time.monotonic() - t0)
                codes[code] = codes.get(code, 0) + 1
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    serve_s = time.monotonic() - started
    server.terminate()
    server.wait(timeout=30)

    # batch on the same projects, as many documents
    rounds = max(1, total // len(files))
    os.makedirs(os.path.join(work, "out"))
    t0 = time.monotonic()
    for _ in range(rounds):
        subprocess.run([pd, "batch", "-j", str(cores), "-k", "approval", "-d",
                        os.path.join(work, "out"), "--name", "{stem}.pdf"] + files,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    batch_s = time.monotonic() - t0
    batch_docs = rounds * len(files)
finally:
    shutil.rmtree(work, ignore_errors=True)

lat.sort()
pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000 if lat else float("nan")
ok = codes.get(200, 0)
serve_rate, batch_rate = ok / serve_s, batch_docs / batch_s
ratio = serve_rate / batch_rate
rows = [
    ("requests", "%d from %d clients, %d workers" % (len(lat), clients, cores)),
    ("answers", ", ".join("%s: %d" % (k if k else "no answer", v) for k, v in sorted(codes.items()))),
    ("serve throughput", "%.1f documents/s" % serve_rate),
    ("batch throughput (same projects)", "%.1f documents/s" % batch_rate),
    ("serve / batch", "%.0f %% (target ≥ 80 %%: %s)" % (100 * ratio, "pass" if ratio >= 0.8 else "miss")),
    ("latency p50 / p90 / p99", "%.0f / %.0f / %.0f ms" % (pct(50), pct(90), pct(99))),
]
text = "| serve under load | |\n|---|---|\n" + "".join("| %s | %s |\n" % r for r in rows)
print(text)
with open(out_md, "w") as f:
    f.write("# phasedoc serve under load\n\n`bench/serve-load.py build/phasedoc %d %d` "
            "(from `make bench`), on this machine (%d cores), loopback.\n\n" % (total, clients, cores) + text)
sys.exit(0 if ok == len(lat) == total else 1)
