/** What an id is (UUIDs, message ids), the zod form of it, and that islands can bundle the rules. */
import { z } from "zod";
import { assertEquals } from "../../tests/_helpers/assert.ts";
import { isMessageId, isUuid, UUID_SOURCE } from "./ids.ts";
import { Uuid } from "./schemas.ts";

const UUIDS = [
  crypto.randomUUID(),
  crypto.randomUUID().toUpperCase(),
  "00000000-0000-0000-0000-000000000000",
  "00000000-0000-4000-8000-00000000d001",
];
const NOT_UUIDS = [
  "",
  "not-a-uuid",
  `${crypto.randomUUID()}0`,
  ` ${crypto.randomUUID()}`,
  `${crypto.randomUUID()}\n`,
  "00000000-0000-0000-0000-00000000000g",
  "000000000000000000000000000000000000",
  "{00000000-0000-0000-0000-000000000000}",
];

Deno.test("ids - isUuid takes the canonical form in either case, nothing else", () => {
  assertEquals(UUIDS.map(isUuid), UUIDS.map(() => true));
  assertEquals(NOT_UUIDS.map(isUuid), NOT_UUIDS.map(() => false));
  assertEquals([undefined, null, 7, {}].map(isUuid), [false, false, false, false]);
});

Deno.test("ids - the zod Uuid agrees with isUuid and is documented as format uuid", () => {
  for (const v of [...UUIDS, ...NOT_UUIDS]) {
    assertEquals(Uuid().safeParse(v).success, isUuid(v), JSON.stringify(v));
  }
  assertEquals(Uuid("Not a gig id").safeParse("x").error?.issues[0].message, "Not a gig id");
  const schema = z.toJSONSchema(Uuid()) as { format?: string; pattern?: string };
  assertEquals(schema.format, "uuid");
  assertEquals(schema.pattern, `^${UUID_SOURCE}$`);
});

Deno.test("ids - isMessageId takes digits that JavaScript holds exactly", () => {
  const yes = ["0", "1", "42", "9007199254740991"];
  const no = ["", "-1", "+1", "1.5", "1e3", "0x10", " 1", "9007199254740993", "9".repeat(17)];
  assertEquals(yes.map(isMessageId), yes.map(() => true));
  assertEquals(no.map(isMessageId), no.map(() => false));
});

Deno.test("shared - ids.ts and limits.ts import nothing, so islands bundle them as they are", async () => {
  for (const file of ["ids.ts", "limits.ts"]) {
    const text = await Deno.readTextFile(new URL(file, import.meta.url));
    assertEquals(text.match(/^\s*(import|export .* from)\b.*$/gm), null, file);
  }
});
