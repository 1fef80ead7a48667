// The HTTP server scripts/bench.mjs calls: answers every request with the spec's ShowInstance example, on
// 127.0.0.1 and a free port, which it prints on stdout (one line). It runs as its own process so that its work is
// not counted as the client's CPU. It exits when its stdin closes, so it cannot outlive the bench.
//
//   node scripts/bench-server.mjs [--delay-ms N]     N: ms to wait after the request body ends (default 0)
//
// The delay stands in for a real service's latency: over bare loopback a round trip is ~0.3 ms, so any per-call
// work looks large; against a 5 ms answer the same CPU shows at its real share of the call.
import http from "node:http";

const i = process.argv.indexOf("--delay-ms");
const delayMs = i > 0 ? Number(process.argv[i + 1]) : 0;
if (!Number.isFinite(delayMs) || delayMs < 0) {
  process.stderr.write(`bench-server: --delay-ms needs a number ≥ 0, got ${process.argv[i + 1]}\n`);
  process.exit(2);
}

const INSTANCE = "6a7d71827fd54572b1f31aa9548fcc81";
const body = JSON.stringify({
  id: INSTANCE,
  instance_name: "apig-nlb-prod",
  status: "Running",
  instance_status: 6,
  loadbalancer_provider: "elb",
  ingress_ip: "192.0.2.10",
  ingress_ip_v6: "2001:db8::10",
  publicips: [{ ip_address: "198.51.100.7", ipv6_address: "2001:db8::7", bandwidth_size: 5 }],
  privateips: [{ ip_address: "192.0.2.10", ipv6_address: "2001:db8::10" }],
  unreliable_ips: [],
  cbc_operation_locks: [],
});
const length = Buffer.byteLength(body);
let n = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const answer = () => res.writeHead(200, { "content-type": "application/json", "content-length": length, "x-request-id": `bench-${++n}` }).end(body);
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
process.stdin.resume();
process.stdin.on("end", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
