import { assertEquals } from "../../../tests/_helpers/assert.ts";
import { blockedAddress, parseIpv6 } from "./address.ts";

Deno.test("blockedAddress - public addresses pass", () => {
  for (
    const ip of ["93.184.216.34", "8.8.8.8", "2606:4700::6810:85e5", "2a00:1450:4001:80b::200e"]
  ) {
    assertEquals(blockedAddress(ip), null, ip);
  }
});

Deno.test("blockedAddress - private, loopback, link-local, CGNAT, multicast, mapped are refused", () => {
  const cases: [string, string][] = [
    ["127.0.0.1", "a loopback address"],
    ["10.1.2.3", "a private address"],
    ["172.16.0.1", "a private address"],
    ["192.168.1.1", "a private address"],
    ["169.254.169.254", "a link-local address"],
    ["100.64.0.1", "a shared (CGNAT) address"],
    ["0.0.0.0", "an unspecified address"],
    ["224.0.0.1", "a multicast address"],
    ["255.255.255.255", "a reserved address"],
    ["::1", "a loopback address"],
    ["::", "an unspecified address"],
    ["fe80::1", "a link-local address"],
    ["fd00::1", "a unique-local address"],
    ["ff02::1", "a multicast address"],
    ["::ffff:127.0.0.1", "a loopback address"],
    ["::ffff:7f00:1", "a loopback address"],
    ["[::ffff:10.0.0.1]", "a private address"],
    ["64:ff9b::a9fe:a9fe", "a link-local address"],
    ["not-an-ip", "not an IP address"],
  ];
  for (const [ip, why] of cases) assertEquals(blockedAddress(ip), why, ip);
});

Deno.test("parseIpv6 - compressed, full and embedded IPv4 forms", () => {
  assertEquals(parseIpv6("::1"), [0, 0, 0, 0, 0, 0, 0, 1]);
  assertEquals(parseIpv6("1:2:3:4:5:6:7:8"), [1, 2, 3, 4, 5, 6, 7, 8]);
  assertEquals(parseIpv6("::ffff:1.2.3.4"), [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
  assertEquals(parseIpv6("1::2::3"), null);
  assertEquals(parseIpv6("1:2:3:4:5:6:7:8:9"), null);
});
