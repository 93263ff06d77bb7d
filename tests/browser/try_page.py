#!/usr/bin/python3
"""try_page.py PHASEDOC ARTEFACTS — the try-it page of `phasedoc serve` in a real browser.

Starts the server on a free loopback port, opens the page in headless Chromium through
Selenium (Debian's chromium, chromium-driver and python3-selenium), renders the starter's
offer, checks that a PDF is shown, breaks the XML, checks that the error is listed with its
line and that a click on it puts the cursor on that line. Screenshots of both states go to
ARTEFACTS (rendered.png, error.png). Prints 'N passed, N failed'; exits 1 on a failure."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

phasedoc, artefacts = sys.argv[1], sys.argv[2]
os.makedirs(artefacts, exist_ok=True)
passed = failed = 0


def check(what, ok):
    global passed, failed
    if ok:
        passed += 1
        print("ok   browser: " + what)
    else:
        failed += 1
        print("FAIL browser: " + what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


port = free_port()
base = "http://127.0.0.1:%d" % port
server = subprocess.Popen([phasedoc, "serve", "--listen", "127.0.0.1:%d" % port, "-j", "2"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
profile = tempfile.mkdtemp(prefix="pd-chromium-")
driver = None
try:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    # headless on a machine without a network: no background connections, a fresh profile
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--no-first-run", "--disable-quic", "--window-size=1400,900",
              "--user-data-dir=" + profile):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=opts)
    wait = WebDriverWait(driver, 30)
    driver.get(base + "/")
    xml = driver.find_element(By.ID, "xml")
    check("the page opens with the starter project in the editor",
          "urn:phasedoc:project:1" in xml.get_attribute("value"))
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#kind option")) == 4)
    check("the document kinds come from /v1/kinds", True)

    # render the offer of the reference project
    ref = open(os.path.join(os.path.dirname(__file__), "..", "..", "samples", "reference.xml"),
               encoding="utf-8").read()
    driver.execute_script("document.getElementById('xml').value = arguments[0];", ref)
    driver.execute_script("document.getElementById('kind').value = 'offer';")
    driver.find_element(By.ID, "render").click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-state") in ("rendered", "failed"))
    state = driver.find_element(By.TAG_NAME, "body").get_attribute("data-state")
    check("Render shows a PDF (state: %s)" % state, state == "rendered")
    src = driver.find_element(By.ID, "preview").get_attribute("src")
    check("the preview frame holds the PDF (%s)" % src[:20], src.startswith("blob:"))
    blob_type = driver.execute_async_script(
        "const done = arguments[0]; fetch(document.getElementById('preview').src)"
        ".then(r => r.blob()).then(b => done(b.type + ' ' + b.size)).catch(e => done('error ' + e));")
    check("the shown document is application/pdf (%s)" % blob_type,
          blob_type.startswith("application/pdf ") and int(blob_type.split()[1]) > 10000)
    check("the document's name and page count are shown (%s, %s)"
          % (driver.find_element(By.ID, "docname").text, driver.find_element(By.ID, "status").text),
          driver.find_element(By.ID, "docname").text == "NLT-2026-014-offer.pdf"
          and "pages" in driver.find_element(By.ID, "status").text)
    time.sleep(1.5)  # let the PDF viewer draw before the screenshot
    driver.save_screenshot(os.path.join(artefacts, "rendered.png"))

    # break the XML: an unknown billing value on line N
    lines = ref.split("\n")
    bad_line = next(i for i, l in enumerate(lines) if 'billing="' in l) + 1
    lines[bad_line - 1] = lines[bad_line - 1].replace('billing="', 'billing="x', 1)
    driver.execute_script("document.getElementById('xml').value = arguments[0];", "\n".join(lines))
    driver.find_element(By.ID, "render").click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "failed")
    items = driver.find_elements(By.CSS_SELECTOR, "#diagnostics li")
    texts = [i.text for i in items]
    hit = [i for i in items if i.get_attribute("data-line") == str(bad_line)]
    check("the error is listed with its line %d (%s)" % (bad_line, texts[:2]), bool(hit))
    if hit:
        hit[0].click()
        caret = driver.execute_script(
            "const t = document.getElementById('xml');"
            "return t.value.slice(0, t.selectionStart).split('\\n').length;")
        check("a click on the error puts the cursor on line %d (at %s)" % (bad_line, caret), caret == bad_line)
    driver.save_screenshot(os.path.join(artefacts, "error.png"))
    check("screenshots kept in %s" % artefacts,
          all(os.path.getsize(os.path.join(artefacts, f)) > 10000 for f in ("rendered.png", "error.png")))
except Exception as e:  # the browser or the driver failed: a test failure, with the cause
    check("the browser test ran (%s: %s)" % (type(e).__name__, str(e).splitlines()[0] if str(e) else ""), False)
finally:
    if driver:
        driver.quit()
    server.terminate()
    server.wait(timeout=20)
    shutil.rmtree(profile, ignore_errors=True)
print("browser: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
