import { assertEquals } from "../../../tests/_helpers/assert.ts";
import { crc32, unzip, zip } from "./zip.ts";

const enc = new TextEncoder();

Deno.test("zip - CRC-32 of the standard check string", () => {
  assertEquals(crc32(enc.encode("123456789")), 0xcbf43926);
  assertEquals(crc32(new Uint8Array()), 0);
});

Deno.test("zip - entries come back as written, deflated or stored", async () => {
  const json = enc.encode(JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ i }))));
  const noise = crypto.getRandomValues(new Uint8Array(4096));
  const archive = await zip([
    { name: "data/rows.json", data: json },
    { name: "files/ñ/noise.bin", data: noise },
    { name: "empty.txt", data: new Uint8Array() },
  ]);
  // The JSON shrank (deflated); the random bytes could not, so they are stored as they are.
  assertEquals(archive.length < json.length + noise.length, true);
  const back = await unzip(archive);
  assertEquals([...back.keys()], ["data/rows.json", "files/ñ/noise.bin", "empty.txt"]);
  assertEquals(back.get("data/rows.json"), json);
  assertEquals(back.get("files/ñ/noise.bin"), noise);
  assertEquals(back.get("empty.txt"), new Uint8Array());
});

Deno.test("zip - a duplicate name is refused", async () => {
  const data = enc.encode("x");
  let refused = false;
  await zip([{ name: "a", data }, { name: "a", data }]).catch(() => refused = true);
  assertEquals(refused, true);
});
