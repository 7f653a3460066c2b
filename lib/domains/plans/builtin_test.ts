import { assertEquals } from "../../../tests/_helpers/assert.ts";
import { addMonth } from "./builtin.ts";

Deno.test("plans - a month on keeps the day, or the month's last", () => {
  const cases: [string, string][] = [
    ["2026-12-05T10:00:00.000Z", "2027-01-05T10:00:00.000Z"],
    ["2027-01-31T10:00:00.000Z", "2027-02-28T10:00:00.000Z"],
    ["2028-01-31T00:00:00.000Z", "2028-02-29T00:00:00.000Z"],
    ["2027-03-31T23:59:00.000Z", "2027-04-30T23:59:00.000Z"],
  ];
  for (const [from, to] of cases) assertEquals(addMonth(new Date(from)).toISOString(), to, from);
});
