"""Sends N GET /healthz requests one after another on one keep-alive connection; prints p50/p99."""
import socket, sys, time

port, count = int(sys.argv[1]), int(sys.argv[2])
s = socket.create_connection(("127.0.0.1", port))
request = b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n"
latencies = []
for _ in range(count):
    start = time.perf_counter()
    s.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data or not data.endswith(b"ok"):
        chunk = s.recv(4096)
        if not chunk:
            raise SystemExit("connection closed")
        data += chunk
    latencies.append((time.perf_counter() - start) * 1000)
latencies.sort()
pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"{count} requests  p50 {pick(0.50):.3f}ms  p99 {pick(0.99):.3f}ms  max {latencies[-1]:.3f}ms")
