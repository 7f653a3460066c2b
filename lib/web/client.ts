/**
 * Who is on the other end of the socket. Forwarding headers are believed only when the peer is
 * one of `TRUSTED_PROXIES` (addresses or CIDR ranges): anyone else could write them.
 */

export interface ProxyTrust {
  /** True when `address` is a trusted proxy. */
  trusts(address: string): boolean;
}

/** `"10.0.0.1, 10.1.0.0/16, ::1"` → a matcher. Unknown shapes are a configuration error. */
export function parseTrustedProxies(list: string | undefined): ProxyTrust {
  const rules = (list ?? "").split(",").map((s) => s.trim()).filter(Boolean).map(parseRule);
  return {
    trusts: (address) => rules.some((r) => r(normalise(address))),
  };
}

function normalise(address: string): string {
  const a = address.replace(/^\[|\]$/g, "").toLowerCase();
  return a.startsWith("::ffff:") && a.includes(".") ? a.slice(7) : a;
}

function parseRule(rule: string): (a: string) => boolean {
  const [base, bits] = rule.split("/");
  const addr = normalise(base);
  if (bits === undefined) return (a) => a === addr;
  const v4 = ipv4(addr);
  const n = Number(bits);
  if (!v4 || !Number.isInteger(n) || n < 0 || n > 32) {
    throw new Error(`TRUSTED_PROXIES: "${rule}" is not an address or an IPv4 CIDR range`);
  }
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return (a) => {
    const x = ipv4(a);
    return x !== null && ((x & mask) >>> 0) === ((v4 & mask) >>> 0);
  };
}

function ipv4(a: string): number | null {
  const m = a.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** The peer's address from the connection, or "unknown" when the app runs without a socket. */
export function peerAddress(info: Deno.ServeHandlerInfo | undefined): string {
  const addr = info?.remoteAddr as Deno.NetAddr | undefined;
  return addr?.hostname ? normalise(addr.hostname) : "unknown";
}

/**
 * The client's address: the socket peer, or — only behind a trusted proxy — the nearest
 * untrusted address in `X-Forwarded-For` (read right to left, as each proxy appends).
 */
export function clientAddress(
  req: Request,
  info: Deno.ServeHandlerInfo | undefined,
  trust: ProxyTrust,
): string {
  const peer = peerAddress(info);
  if (!trust.trusts(peer)) return peer;
  const hops = (req.headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(
    Boolean,
  );
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!trust.trusts(hops[i])) return normalise(hops[i]);
  }
  return normalise(req.headers.get("x-real-ip")?.trim() || peer);
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function isLoopback(address: string): boolean {
  return LOOPBACK.test(normalise(address));
}
