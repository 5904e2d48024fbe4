"""Times Dragnet's pages on the demo data over HTTP, one kept-alive client, printing JSON.

    dragnet --data DIR demo --synthetic 10000 > creds.txt
    dragnet --data DIR serve --port 18080 &
    python3 bench/pages_on_demo.py 18080 creds.txt
"""
import http.client, json, re, statistics, sys, time, urllib.parse
HOST, PORT = "127.0.0.1", int(sys.argv[1])
CREDENTIALS = sys.argv[2]
creds = {l.split()[0]: l.split()[2] for l in open(CREDENTIALS) if l.startswith("  ")}

class Session:
    def __init__(self):
        self.conn = http.client.HTTPConnection(HOST, PORT)
        self.cookies = {}
    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            body = urllib.parse.urlencode(body); headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse(); data = r.read().decode()
        for h, v in r.getheaders():
            if h.lower() == "set-cookie":
                k, _, rest = v.partition("="); self.cookies[k] = rest.split(";")[0]
        return r.status, data
    def sign_in(self, name):
        _, page = self.request("GET", "/sign-in")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        status, _ = self.request("POST", "/sign-in", {"name": name, "password": creds[name], "csrf": csrf})
        assert status == 303, status
        return self

def timed(session, method, path, body=None, n=100):
    took = []
    for _ in range(n):
        t = time.perf_counter(); status, _ = session.request(method, path, body); took.append((time.perf_counter() - t) * 1000)
        assert status == 200, (path, status)
    took.sort()
    return {"median_ms": round(statistics.median(took), 2), "p99_ms": round(took[int(len(took) * 0.99) - 1], 2), "max_ms": round(took[-1], 2)}

results = {}
reviewer = Session().sign_in("reviewer.one")
_, queue = reviewer.request("GET", "/review")
seed = re.search(r'href="/review/(\d+)', queue).group(1)
results["/review (queue)"] = timed(reviewer, "GET", "/review")
results["/review/{id} (the drone-strike request)"] = timed(reviewer, "GET", f"/review/{seed}")
results["/review/{id}?lang=ar"] = timed(reviewer, "GET", f"/review/{seed}?lang=ar")
bureau = Session().sign_in("ncb.fr")
results["/requests (ncb.fr, 10,000 notices)"] = timed(bureau, "GET", "/requests")
results["/requests/new"] = timed(bureau, "GET", "/requests/new")
border = Session().sign_in("border.de")
_, form = border.request("GET", "/screening")
csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
results["POST /screening (one traveller)"] = timed(border, "POST", "/screening", {"csrf": csrf, "name": "Luca Marchetti", "date_of_birth": "1988-03-11"})
auditor = Session().sign_in("auditor")
results["/audit"] = timed(auditor, "GET", "/audit")
public = Session()
results["/notices (public list)"] = timed(public, "GET", "/notices")
results["/notices?name=Rossi&forename=Luca"] = timed(public, "GET", "/notices?kind=red&name=Rossi&forename=Luca")
_, listing = public.request("GET", "/notices")
one = re.search(r'href="/notices/(\d{4}-\d+)', listing).group(1)
results["/notices/{id}"] = timed(public, "GET", f"/notices/{one}")
results["GET /notices/v1/red?resultPerPage=200"] = timed(public, "GET", "/notices/v1/red?resultPerPage=200")
results["GET /notices/v1/red?name=Alghasi-Mehr&forename=Ali"] = timed(public, "GET", "/notices/v1/red?name=Alghasi-Mehr&forename=Ali")
print(json.dumps({"benchmark": "pages over HTTP on `dragnet demo --synthetic 10000`, SQLite, release build, one kept-alive client, 100 calls each", "pages": results}, indent=2))
