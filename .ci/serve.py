"""The static file server of the browser checks (.ci/browser.sh, .ci/determinism.sh).

  serve.py ROOT PORT_FILE [REPORT_FILE]

Serves ROOT on 127.0.0.1 at a free port, which it writes to PORT_FILE once listening; .wasm goes out as
application/wasm, which browsers require for streaming compilation. With REPORT_FILE, a POST to /determinism writes
its body there (to a .part file first, then renamed, so a reader never sees half of it); other POSTs are ignored.
"""
import functools, http.server, os, sys

root, port_file = sys.argv[1], sys.argv[2]
report_file = sys.argv[3] if len(sys.argv) > 3 else None


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if report_file and self.path.rstrip("/").endswith("/determinism"):
            with open(report_file + ".part", "wb") as f:
                f.write(body)
            os.replace(report_file + ".part", report_file)
        self.send_response(204)
        self.end_headers()


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=root))
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
