/**
 * Which addresses the scout may connect to: public unicast only. Private (RFC 1918, unique-local),
 * loopback, link-local (cloud metadata lives at 169.254.169.254), CGNAT, multicast, reserved and
 * unspecified ranges are refused, IPv4-mapped and NAT64-embedded IPv6 by the IPv4 inside.
 *
 * @module
 */

/** The four octets of a dotted IPv4 address, or null. */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const octets = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return octets.every((o) => o >= 0 && o <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address (brackets, zone and embedded IPv4 allowed), or null. */
export function parseIpv6(text: string): number[] | null {
  let s = text.replace(/^\[|\]$/g, "").split("%")[0].toLowerCase();
  if (!s.includes(":")) return null;
  const lastColon = s.lastIndexOf(":");
  const last = s.slice(lastColon + 1);
  if (last.includes(".")) {
    // A trailing dotted IPv4 is the last two groups.
    const v4 = parseIpv4(last);
    if (!v4) return null;
    const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
    s = `${s.slice(0, lastColon + 1)}${hex(v4[0], v4[1])}:${hex(v4[2], v4[3])}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const read = (h: string) => (h === "" ? [] : h.split(":"));
  const head = read(halves[0]);
  const rest = halves.length === 2 ? read(halves[1]) : [];
  const groups = [...head, ...rest];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  if (halves.length === 2 ? groups.length > 7 : groups.length !== 8) return null;
  const fill = Array(8 - groups.length).fill("0");
  return [...head, ...(halves.length === 2 ? fill : []), ...rest].map((g) => parseInt(g, 16));
}

function v4Blocked([a, b, c]: number[]): string | null {
  if (a === 0) return "an unspecified address";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) {
    return "a private address";
  }
  if (a === 127) return "a loopback address";
  if (a === 169 && b === 254) return "a link-local address";
  if (a === 100 && b >= 64 && b <= 127) return "a shared (CGNAT) address";
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return "a reserved address";
  if (a === 198 && (b === 18 || b === 19)) return "a benchmarking address";
  if ((a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) {
    return "a documentation address";
  }
  if (a >= 224 && a <= 239) return "a multicast address";
  if (a >= 240) return "a reserved address";
  return null;
}

function v6Blocked(w: number[]): string | null {
  const zeros = (n: number) => w.slice(0, n).every((x) => x === 0);
  if (zeros(8)) return "an unspecified address";
  if (zeros(7) && w[7] === 1) return "a loopback address";
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64): the IPv4 decides.
  const embedded = (zeros(5) && (w[5] === 0xffff || w[5] === 0)) ||
    (w[0] === 0x64 && w[1] === 0xff9b && w.slice(2, 6).every((x) => x === 0));
  if (embedded) {
    return v4Blocked([w[6] >> 8, w[6] & 255, w[7] >> 8, w[7] & 255]) ?? "an IPv4-mapped address";
  }
  if ((w[0] & 0xfe00) === 0xfc00) return "a unique-local address";
  if ((w[0] & 0xffc0) === 0xfe80) return "a link-local address";
  if ((w[0] & 0xff00) === 0xff00) return "a multicast address";
  if (w[0] === 0x2001 && w[1] === 0x0db8) return "a documentation address";
  if (w[0] === 0x0100 && zeros(4)) return "a discard address";
  return null;
}

/**
 * Why the scout must not connect to `ip` ("a private address"…), or null when it is public. Text
 * that is no IP address at all is refused too.
 */
export function blockedAddress(ip: string): string | null {
  const v4 = parseIpv4(ip);
  if (v4) return v4Blocked(v4);
  const v6 = parseIpv6(ip);
  if (v6) return v6Blocked(v6);
  return "not an IP address";
}

/** True when `host` (a URL's hostname) is an IP literal rather than a name. */
export function isIpLiteral(host: string): boolean {
  return parseIpv4(host) !== null || parseIpv6(host) !== null;
}
