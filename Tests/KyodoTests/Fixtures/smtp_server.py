"""A small real SMTP server for the mail tests (RFC 5321 with STARTTLS and AUTH PLAIN/LOGIN).

Usage: smtp_server.py OUTDIR [--port N] [--tls CERT KEY] [--auth USER PASS] [--only-login]
Prints the port it listens on, then writes each accepted message as OUTDIR/N.eml (the bytes
after DATA, dot-unstuffed) with OUTDIR/N.json (envelope, whether TLS was on, who signed in).
Recipients containing "reject" get 550. Runs until killed.
"""
import base64, json, os, socketserver, ssl, sys, threading

args = sys.argv[1:]
outdir = args.pop(0)
port, tls, auth, only_login = 0, None, None, False
while args:
    a = args.pop(0)
    if a == "--port": port = int(args.pop(0))
    elif a == "--tls": tls = (args.pop(0), args.pop(0))
    elif a == "--auth": auth = (args.pop(0), args.pop(0))
    elif a == "--only-login": only_login = True
counter = [0]
lock = threading.Lock()


class Handler(socketserver.StreamRequestHandler):
    def send(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def readline(self):
        line = self.rfile.readline(65536)
        if not line:
            raise EOFError
        return line.rstrip(b"\r\n").decode("utf-8", "replace")

    def handle(self):
        self.tls_on, self.user = False, None
        self.reset()
        self.send("220 test.example ESMTP ready")
        try:
            while True:
                self.command(self.readline())
        except (EOFError, ConnectionError, ssl.SSLError, StopIteration):
            pass

    def reset(self):
        self.mail_from, self.rcpt = None, []

    def command(self, line):
        verb = line.split(" ", 1)[0].upper()
        if verb in ("EHLO", "HELO"):
            caps = ["test.example"]
            if tls and not self.tls_on: caps.append("STARTTLS")
            if auth: caps.append("AUTH LOGIN" if only_login else "AUTH PLAIN LOGIN")
            caps.append("8BITMIME")
            for c in caps[:-1]: self.send("250-" + c)
            self.send("250 " + caps[-1])
        elif verb == "STARTTLS" and tls:
            self.send("220 go ahead")
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.request = context.wrap_socket(self.request, server_side=True)
            self.rfile = self.request.makefile("rb")
            self.wfile = self.request.makefile("wb")
            self.tls_on = True
        elif verb == "AUTH" and auth:
            parts = line.split(" ")
            if parts[1].upper() == "PLAIN" and not only_login:
                token = parts[2] if len(parts) > 2 else self.ask("")
                _, user, password = base64.b64decode(token).decode().split("\0")
            elif parts[1].upper() == "LOGIN":
                user = base64.b64decode(self.ask(base64.b64encode(b"Username:").decode())).decode()
                password = base64.b64decode(self.ask(base64.b64encode(b"Password:").decode())).decode()
            else:
                return self.send("504 unknown mechanism")
            if (user, password) == auth:
                self.user = user
                self.send("235 authenticated")
            else:
                self.send("535 bad credentials")
        elif verb == "MAIL":
            if auth and not self.user: return self.send("530 authentication required")
            self.mail_from = line[10:].strip()
            self.send("250 ok")
        elif verb == "RCPT":
            to = line[8:].strip()
            if "reject" in to: return self.send("550 no such user")
            self.rcpt.append(to)
            self.send("250 ok")
        elif verb == "DATA":
            if not self.rcpt: return self.send("503 no recipients")
            self.send("354 end with .")
            data = bytearray()
            while True:
                line = self.rfile.readline(65536)
                if not line: raise EOFError
                if line in (b".\r\n", b".\n"): break
                data += line[1:] if line.startswith(b".") else line
            with lock:
                counter[0] += 1
                n = counter[0]
            with open(os.path.join(outdir, f"{n}.eml"), "wb") as f: f.write(bytes(data))
            with open(os.path.join(outdir, f"{n}.json"), "w") as f:
                json.dump({"from": self.mail_from, "to": self.rcpt, "tls": self.tls_on, "user": self.user}, f)
            self.reset()
            self.send("250 queued as %d" % n)
        elif verb == "RSET":
            self.reset()
            self.send("250 ok")
        elif verb == "NOOP":
            self.send("250 ok")
        elif verb == "QUIT":
            self.send("221 bye")
            raise StopIteration
        else:
            self.send("502 not implemented")

    def ask(self, prompt):
        self.send("334 " + prompt)
        return self.readline()


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


server = Server(("127.0.0.1", port), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
