import { assert, assertEquals, assertMatch } from "../../../../tests/_helpers/assert.ts";
import { type ArtPersona, artPrompt, initials, paletteOf, personaArt } from "./art.ts";

const LUNA: ArtPersona = {
  name: "Luna Vale",
  visual_identity: "Deep violet and neon pink palette; a rooftop at golden hour; grainy film",
  genres: ["synth-pop", "dance-pop"],
  moods: ["euphoric", "wistful"],
};

/** Tags balance, attributes are quoted, and no raw `<` or `&` sits in text or attributes. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of svg.matchAll(tag)) {
    const between = svg.slice(last, m.index);
    assert(!/[<>]|&(?!(?:amp|lt|gt|quot|apos);)/.test(between), `bad text: ${between}`);
    assert(!/&(?!(?:amp|lt|gt|quot|apos);)/.test(m[3]), `bad attribute: ${m[3]}`);
    last = m.index! + m[0].length;
    if (m[4]) continue;
    if (m[1]) assertEquals(stack.pop(), m[2], "closing tag");
    else stack.push(m[2]);
  }
  assertEquals(svg.slice(last).trim(), "");
  assertEquals(stack, []);
}

function assertSafe(svg: string): void {
  assert(svg.length < 20_000, `${svg.length} bytes`);
  assert(!/<script|on\w+=|href|<image|<foreignObject|@import|url\((?!#)/i.test(svg), svg);
  assertEquals(svg.match(/https?:\/\//g), ["http://"]);
  assertMatch(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /);
}

Deno.test("the avatar is a safe 512×512 SVG with the initials, deterministically", () => {
  const { svg } = personaArt(LUNA, "avatar");
  assertWellFormed(svg);
  assertSafe(svg);
  assertMatch(svg, /viewBox="0 0 512 512"/);
  assertMatch(svg, />LV<\/text>/);
  assertEquals(personaArt(LUNA, "avatar").svg, svg);
});

Deno.test("the cover is a safe 1000×1000 SVG with the name", () => {
  for (const genre of ["synth-pop", "techno", "ambient", "indie folk", "trap"]) {
    const { svg } = personaArt({ ...LUNA, genres: [genre] }, "cover");
    assertWellFormed(svg);
    assertSafe(svg);
    assertMatch(svg, /viewBox="0 0 1000 1000"/);
    assertMatch(svg, />Luna Vale<\/text>/);
  }
});

Deno.test("names are escaped", () => {
  const name = `<&"'> Bad`;
  for (const kind of ["avatar", "cover"] as const) {
    const { svg } = personaArt({ ...LUNA, name }, kind);
    assertWellFormed(svg);
    assert(!svg.includes(name), kind);
  }
  assertMatch(personaArt({ ...LUNA, name }, "cover").svg, />&lt;&amp;&quot;&apos;&gt; Bad<\/text>/);
});

Deno.test("the palette follows the visual identity's colour words, else the name", () => {
  const [a, b] = paletteOf("Deep violet and neon pink", "x");
  assertEquals([a, b], ["#441869", "#ff5d8f"]);
  assertEquals(paletteOf("teal and cream", "x").slice(0, 2), ["#138a8a", "#f4ead5"]);
  const hashed = paletteOf("rain on glass", "Luna Vale");
  assertEquals(hashed.length, 3);
  assertEquals(paletteOf("rain on glass", "Luna Vale"), hashed);
  assert(paletteOf("rain on glass", "Otro Nombre")[0] !== hashed[0]);
  assert(personaArt(LUNA, "cover").svg.includes("#441869"));
});

Deno.test("initials take the first and last words' first letters", () => {
  assertEquals(
    ["Luna Vale", "rafel", "Ana de la Cruz", "Élodie Marchand", "!!!"].map(initials),
    ["LV", "R", "AC", "ÉM", "?"],
  );
});

Deno.test("the image prompt describes the look without names or lettering", () => {
  const text = artPrompt({ ...LUNA, visual_identity: "pink neon like Dua Lipa's covers" }, "cover");
  assert(!/Dua Lipa|Luna Vale/.test(text), text);
  assertMatch(text, /^Square album cover art/);
  assertMatch(text, /No text, no lettering/);
  assertMatch(artPrompt(LUNA, "avatar"), /not a real person/);
});
