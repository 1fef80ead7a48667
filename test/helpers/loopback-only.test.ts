import net from "node:net";
import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "./loopback-only.js";

describe("loopback-only test guard", () => {
  it("refuses a connection off this machine before any packet is sent, and lets loopback through", async () => {
    expect(() => net.connect({ host: "169.254.169.254", port: 80 })).toThrow(/a test tried to connect to 169\.254\.169\.254/);
    expect(() => net.connect(443, "192.0.2.1")).toThrow(/192\.0\.2\.1/);
    const err = await fetch("http://169.254.169.254/openstack/latest/securitykey").catch((e: unknown) => e);
    expect(String((err as Error).cause)).toMatch(/a test tried to connect to 169\.254\.169\.254/);
    const server = net.createServer((s) => s.end()).listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const { port } = server.address() as net.AddressInfo;
      const socket = net.connect(port, "127.0.0.1");
      await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
      socket.destroy();
    } finally {
      server.close();
    }
  });

  it("knows loopback in each spelling, and nothing else", () => {
    for (const h of ["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1"]) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ["169.254.169.254", "10.0.0.1", "example.com", "::", "0.0.0.0", "128.0.0.1"]) expect(isLoopbackHost(h)).toBe(false);
  });

  it("turns the metadata provider off for every test unless the test says otherwise", () => {
    expect(process.env.HUAWEICLOUD_SDK_METADATA_DISABLED).toBe("true");
  });
});
