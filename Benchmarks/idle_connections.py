"""Opens N keep-alive connections, each answered once, holds them, and reports the server's RSS."""
import resource, socket, sys, time

port, count, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

def rss():
    with open(f"/proc/{pid}/status") as f:
        return {l.split(":")[0]: l.split(":")[1].strip() for l in f if l.startswith(("VmRSS", "VmHWM"))}

before = rss()
sockets = []
for _ in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n")
    sockets.append(s)
answered = 0
for s in sockets:
    data = b""
    while not data.endswith(b"ok"):
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    answered += data.endswith(b"ok")
time.sleep(0.5)
probe = socket.create_connection(("127.0.0.1", port))
start = time.perf_counter()
probe.sendall(b"GET /healthz HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
reply = probe.recv(4096)
elapsed = (time.perf_counter() - start) * 1000
during = rss()
print(f"{answered}/{count} connections answered and held open; RSS before {before['VmRSS']}, with them {during['VmRSS']}")
print(f"a new request while they are open: {reply.split(b' ')[1].decode()} in {elapsed:.2f}ms")
for s in sockets:
    s.close()
