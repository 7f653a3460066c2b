import { z } from "zod";
import { assert, assertEquals, assertRejects } from "../../../tests/_helpers/assert.ts";
import { AiOutputError, parseOutput, strictJsonSchema } from "./port.ts";
import {
  AnnouncementDraft,
  BioDraft,
  ProposalDraft,
  setlistSchema,
  SocialPostDraft,
} from "../../domains/writing/writer.ts";

type Node = Record<string, unknown>;

/** What OpenAI's strict mode demands of every object in the schema. */
function assertStrict(node: Node, path = "$"): void {
  for (const k of ["minLength", "maxLength", "$schema", "format", "default"]) {
    assert(!(k in node), `${path}: ${k} is not accepted in strict mode`);
  }
  if (node.type === "object") {
    const keys = Object.keys(node.properties as Node);
    assertEquals([...(node.required as string[])].sort(), [...keys].sort(), `${path} required`);
    assertEquals(node.additionalProperties, false, `${path} additionalProperties`);
    for (const [k, v] of Object.entries(node.properties as Node)) {
      assertStrict(v as Node, `${path}.${k}`);
    }
  }
  if (node.items) assertStrict(node.items as Node, `${path}[]`);
}

Deno.test("strictJsonSchema - every writer schema is valid for strict structured output", () => {
  for (
    const schema of [BioDraft, ProposalDraft, AnnouncementDraft, SocialPostDraft, setlistSchema(90)]
  ) {
    const json = strictJsonSchema(schema);
    assertEquals(json.type, "object");
    assertStrict(json);
  }
  // Bounds that strict mode does accept are kept (zod still checks lengths).
  const setlist = strictJsonSchema(setlistSchema(60)) as Node;
  const songs = (setlist.properties as Node).songs as Node;
  assertEquals([songs.minItems, songs.maxItems], [1, 160]);
  const energy = ((songs.items as Node).properties as Node).energy as Node;
  assertEquals([energy.type, energy.minimum, energy.maximum], ["integer", 1, 10]);
});

Deno.test("strictJsonSchema - refuses schemas strict mode cannot express", () => {
  let err = "";
  try {
    strictJsonSchema(z.object({ a: z.string(), b: z.string().optional() }));
  } catch (e) {
    err = String(e);
  }
  assert(/optional properties \(b\)/.test(err), err);
  err = "";
  try {
    strictJsonSchema(z.array(z.string()));
  } catch (e) {
    err = String(e);
  }
  assert(/root must be an object/.test(err), err);
});

Deno.test("parseOutput - JSON that fits, or an AiOutputError naming the problem", async () => {
  const S = z.object({ n: z.number().int().min(1) });
  assertEquals(parseOutput('{"n": 3}', S), { n: 3 });
  const cases: [string | null, RegExp][] = [
    [null, /empty/],
    ["not json", /not JSON/],
    ['{"n": 0}', /at n:/],
    ['{"m": 1}', /at n:/],
  ];
  for (const [raw, re] of cases) {
    const e = await assertRejects(() => Promise.resolve().then(() => parseOutput(raw, S)), re);
    assert(e instanceof AiOutputError);
  }
});
