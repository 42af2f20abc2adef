"""A local stand-in for the Hugging Face hub and its file store, for end-to-end tests.

Two real HTTP servers (http.server.ThreadingHTTPServer) on 127.0.0.1 with ephemeral ports:

* the *hub* serves one dataset repository from a local folder: the revision API
  (GET /api/datasets/{repo}/revision/{rev} -> {"sha": ...}), the tree API
  (GET /api/datasets/{repo}/tree/{rev}/{path}, paginated with a Link rel="next" header,
  entries with type/path/size/oid and lfs{oid,size,pointerSize} for *.parquet), and
  HEAD/GET /datasets/{repo}/resolve/{rev}/{path}: LFS files answer 302 to the store with
  X-Linked-Etag / X-Linked-Size / X-Repo-Commit (what the real hub does), other files are
  served directly. Every hub request needs `Authorization: Bearer <token>`.
* the *store* serves LFS blobs by SHA-256 at signed URLs on another origin (host name
  "localhost" and its own port), honouring Range. It needs no token and records whether
  one arrived anyway.

Both record every request with its headers (`records`). Fault switches (`faults.add`)
inject: N x 500, N x 429 with Retry-After, a connection dropped mid-body, Range ignored,
a wrong Content-Range, and signed URLs that work only once.

Run by hand:  python hub_server.py FOLDER [--token T] [--repo OWNER/NAME]
"""

import argparse
import hashlib
import hmac
import json
import os
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHUNK = 64 * 1024


class Faults:
    """Counters of faults to inject, keyed by (server, kind); thread-safe."""

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = {}
        self.retry_after = "1"
        self.ignore_range = False
        self.single_use_urls = False

    def add(self, server, kind, count=1):
        with self._lock:
            self._counts[(server, kind)] = self._counts.get((server, kind), 0) + count

    def take(self, server, kind):
        with self._lock:
            left = self._counts.get((server, kind), 0)
            if left <= 0:
                return False
            self._counts[(server, kind)] = left - 1
            return True


class RepoFile:
    def __init__(self, path, data):
        self.path = path
        self.data = data
        self.size = len(data)
        self.git_oid = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.lfs = path.endswith(".parquet")


def parse_range(value, size):
    """Returns (first, last) for a single "bytes=" range, None if absent, "bad" if unsatisfiable."""
    if not value:
        return None
    if not value.startswith("bytes=") or "," in value:
        return None
    first, _, last = value[len("bytes="):].partition("-")
    try:
        if first == "":
            n = int(last)
            if n == 0:
                return "bad"
            return (max(0, size - n), size - 1)
        first = int(first)
        last = int(last) if last else size - 1
    except ValueError:
        return None
    if first >= size or last < first:
        return "bad"
    return (first, min(last, size - 1))


class HubFixture:
    def __init__(self, root, repo="test-org/test-data", token="hf_testtoken_0123456789",
                 page_size=2, tags=("v1.0",), store_host="localhost"):
        self.repo = repo
        self.token = token
        self.page_size = page_size
        self.faults = Faults()
        self.records = []
        self._records_lock = threading.Lock()
        self._secret = os.urandom(16)
        self._used_signatures = set()
        self.aborted_transfers = 0
        self.files = {}
        for dirpath, _, names in os.walk(root):
            for name in names:
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(os.sep, "/")
                with open(full, "rb") as f:
                    self.files[rel] = RepoFile(rel, f.read())
        digest = hashlib.sha1()
        for path in sorted(self.files):
            digest.update(path.encode() + b"\0" + self.files[path].git_oid.encode())
        self.commit = digest.hexdigest()
        self.revisions = {"main": self.commit, self.commit: self.commit}
        for tag in tags:
            self.revisions[tag] = self.commit
        self.blobs = {f.sha256: f for f in self.files.values() if f.lfs}

        self.store = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self, "store"))
        self.hub = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self, "hub"))
        for server in (self.store, self.hub):
            server.daemon_threads = True
        self.store_origin = "http://%s:%d" % (store_host, self.store.server_address[1])
        self.endpoint = "http://127.0.0.1:%d" % self.hub.server_address[1]
        self._threads = [threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.05},
                                          daemon=True)
                         for s in (self.store, self.hub)]
        for t in self._threads:
            t.start()

    def close(self):
        for server in (self.hub, self.store):
            server.shutdown()
            server.server_close()

    def record(self, entry):
        with self._records_lock:
            self.records.append(entry)

    def requests(self, server=None, method=None, contains=None):
        with self._records_lock:
            return [r for r in self.records
                    if (server is None or r["server"] == server)
                    and (method is None or r["method"] == method)
                    and (contains is None or contains in r["path"])]

    def sign(self, sha256, nonce):
        return hmac.new(self._secret, ("%s:%s" % (sha256, nonce)).encode(), "sha256").hexdigest()


def _make_handler(fixture, server_name):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "FakeHub/1.0"

        def log_message(self, *args):
            pass

        # --- plumbing -------------------------------------------------------
        def _send(self, status, body=b"", headers=None, content_type="application/json"):
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _json(self, status, value, headers=None):
            self._send(status, json.dumps(value).encode(), headers)

        def _error(self, status, code, message):
            self._json(status, {"error": message},
                       {"X-Error-Code": code, "X-Error-Message": message})

        def _serve_bytes(self, data, extra_headers, allow_range=True):
            size = len(data)
            wanted = parse_range(self.headers.get("Range"), size) if allow_range else None
            if wanted == "bad":
                self._send(416, b"", dict(extra_headers, **{"Content-Range": "bytes */%d" % size}))
                return
            status, first, last = 200, 0, size - 1
            headers = dict(extra_headers)
            headers["Accept-Ranges"] = "bytes"
            if wanted is not None:
                status, (first, last) = 206, wanted
                if fixture.faults.take(server_name, "bad_range"):
                    # A misbehaving server: the Content-Range does not match the request.
                    first, last = first + 1, min(last + 1, size - 1)
                headers["Content-Range"] = "bytes %d-%d/%d" % (first, last, size)
            body = data[first:last + 1]
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "HEAD":
                return
            if fixture.faults.take(server_name, "drop"):
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            try:
                for pos in range(0, len(body), CHUNK):
                    self.wfile.write(body[pos:pos + CHUNK])
            except (BrokenPipeError, ConnectionResetError):
                fixture.aborted_transfers += 1
                self.close_connection = True

        # --- dispatch -------------------------------------------------------
        def do_GET(self):
            self._handle()

        def do_HEAD(self):
            self._handle()

        def _handle(self):
            fixture.record({
                "server": server_name,
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "time": time.monotonic(),
            })
            if fixture.faults.take(server_name, "500"):
                self._error(500, "InternalError", "injected failure")
                return
            if fixture.faults.take(server_name, "429"):
                self._send(429, b'{"error": "rate limited"}',
                           {"Retry-After": fixture.faults.retry_after})
                return
            if server_name == "hub":
                self._hub()
            else:
                self._store()

        def _hub(self):
            if fixture.token is not None:
                auth = self.headers.get("Authorization")
                if auth is None:
                    self._error(401, "GatedRepo", "Access to dataset %s is restricted. You must "
                                "be authenticated to access it." % fixture.repo)
                    return
                if auth != "Bearer " + fixture.token:
                    self._error(401, "Unauthorized", "Invalid credentials in Authorization header")
                    return
            url = urllib.parse.urlsplit(self.path)
            path = url.path
            api = "/api/datasets/%s/" % fixture.repo
            resolve = "/datasets/%s/resolve/" % fixture.repo
            if path.startswith(api + "revision/") and self.command == "GET":
                rev = urllib.parse.unquote(path[len(api + "revision/"):])
                if rev not in fixture.revisions:
                    self._error(404, "RevisionNotFound", "Invalid rev id: %s" % rev)
                    return
                sha = fixture.revisions[rev]
                self._json(200, {"id": fixture.repo, "sha": sha, "private": False,
                                 "siblings": [{"rfilename": p} for p in sorted(fixture.files)]})
            elif path.startswith(api + "tree/") and self.command == "GET":
                self._tree(urllib.parse.unquote(path[len(api + "tree/"):]), url.query)
            elif path.startswith(resolve):
                self._resolve(urllib.parse.unquote(path[len(resolve):]))
            elif path.startswith("/api/datasets/") or path.startswith("/datasets/"):
                self._error(404, "RepoNotFound", "Repository not found")
            else:
                self._error(404, "NotFound", "no such route")

        def _tree(self, rest, query):
            rev, _, folder = rest.partition("/")
            folder = folder.strip("/")
            if rev not in fixture.revisions:
                self._error(404, "RevisionNotFound", "Invalid rev id: %s" % rev)
                return
            prefix = folder + "/" if folder else ""
            children = {}
            for path, f in fixture.files.items():
                if not path.startswith(prefix):
                    continue
                head, sep, _ = path[len(prefix):].partition("/")
                if sep:
                    children.setdefault(prefix + head, {"type": "directory", "oid": "0" * 40,
                                                         "size": 0, "path": prefix + head})
                else:
                    entry = {"type": "file", "oid": f.git_oid, "size": f.size, "path": path}
                    if f.lfs:
                        entry["lfs"] = {"oid": f.sha256, "size": f.size, "pointerSize": 134}
                    children[path] = entry
            if not children:
                self._error(404, "EntryNotFound", "%s does not exist on %s" % (folder, rev))
                return
            entries = [children[k] for k in sorted(children)]
            cursor = int(urllib.parse.parse_qs(query).get("cursor", ["0"])[0])
            page = entries[cursor:cursor + fixture.page_size]
            headers = {}
            if cursor + fixture.page_size < len(entries):
                base = "%s/api/datasets/%s/tree/%s" % (fixture.endpoint, fixture.repo, rev)
                if folder:
                    base += "/" + urllib.parse.quote(folder)
                headers["Link"] = '<%s?cursor=%d>; rel="next"' % (base, cursor + fixture.page_size)
            self._json(200, page, headers)

        def _resolve(self, rest):
            rev, _, path = rest.partition("/")
            if rev not in fixture.revisions:
                self._error(404, "RevisionNotFound", "Invalid rev id: %s" % rev)
                return
            f = fixture.files.get(path)
            if f is None:
                self._error(404, "EntryNotFound", "%s does not exist on %s" % (path, rev))
                return
            commit = fixture.revisions[rev]
            if not f.lfs:
                self._serve_bytes(f.data, {"ETag": '"%s"' % f.git_oid, "X-Repo-Commit": commit})
                return
            nonce = os.urandom(8).hex()
            location = "%s/blobs/%s?nonce=%s&sig=%s" % (fixture.store_origin, f.sha256, nonce,
                                                        fixture.sign(f.sha256, nonce))
            self._send(302, b"Found. Redirecting", {
                "Location": location,
                "ETag": '"%s"' % f.git_oid,
                "X-Linked-Etag": '"%s"' % f.sha256,
                "X-Linked-Size": str(f.size),
                "X-Repo-Commit": commit,
            }, content_type="text/plain")

        def _store(self):
            url = urllib.parse.urlsplit(self.path)
            if not url.path.startswith("/blobs/"):
                self._send(404, b"not found", content_type="text/plain")
                return
            sha = url.path[len("/blobs/"):]
            query = urllib.parse.parse_qs(url.query)
            nonce = query.get("nonce", [""])[0]
            sig = query.get("sig", [""])[0]
            if sha not in fixture.blobs or not hmac.compare_digest(sig, fixture.sign(sha, nonce)):
                self._send(403, b"<Error>SignatureDoesNotMatch</Error>", content_type="text/xml")
                return
            if fixture.faults.single_use_urls:
                with fixture._records_lock:
                    used = sig in fixture._used_signatures
                    fixture._used_signatures.add(sig)
                if used:
                    self._send(403, b"<Error>Request has expired</Error>", content_type="text/xml")
                    return
            blob = fixture.blobs[sha]
            self._serve_bytes(blob.data, {"ETag": '"%s"' % blob.sha256},
                              allow_range=not fixture.faults.ignore_range)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder")
    parser.add_argument("--token", default="hf_testtoken_0123456789")
    parser.add_argument("--repo", default="test-org/test-data")
    parser.add_argument("--page-size", type=int, default=50)
    args = parser.parse_args()
    fixture = HubFixture(args.folder, repo=args.repo, token=args.token, page_size=args.page_size)
    print("HF_ENDPOINT=%s  (store at %s, commit %s)" % (fixture.endpoint, fixture.store_origin,
                                                       fixture.commit), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fixture.close()


if __name__ == "__main__":
    main()
