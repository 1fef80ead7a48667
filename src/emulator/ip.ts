/** IP literal helpers shared by the seed checks and the APIG handlers. */
import { isIPv6 } from "node:net";

/** Canonical text of an IP literal, so `2001:db8::10` and `2001:0db8:0:0:0:0:0:10` compare equal. IPv4 is returned as is. */
export function canonicalIp(ip: string): string {
  if (!isIPv6(ip)) return ip;
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return ip.toLowerCase();
  }
}
