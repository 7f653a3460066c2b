/** Portfolio media test helpers: fixtures, upload forms, a musician with a profile. */
import type { TestApp } from "./app.ts";
import { apiCall, type Person, signUpPerson } from "./fuzz.ts";
import { encodeWav } from "../../lib/audio/wav.ts";

export const mediaFixture = (name: string): Uint8Array =>
  Deno.readFileSync(new URL(`../fixtures/media/${name}`, import.meta.url));

/** One second of a stereo tone as WAV. */
export const toneWav = (): Uint8Array =>
  encodeWav(
    [0, 1].map((c) =>
      Float32Array.from({ length: 44100 }, (_, i) =>
        0.4 * Math.sin(2 * Math.PI * (440 + c * 220) * i / 44100))
    ),
    44100,
  );

export function mediaForm(
  bytes: Uint8Array,
  name: string,
  fields: Record<string, string> = {},
  type = "",
) {
  const f = new FormData();
  f.set("file", new File([bytes as BlobPart], name, { type }));
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

/** A musician with a (published) musician profile. */
export async function musicianWithProfile(app: TestApp, name: string): Promise<Person> {
  const m = await signUpPerson(app, name, "musician");
  await apiCall(app, m, "PUT", "/api/profile", {
    musician: { stage_name: `${name} Trio`, bio: "Piano trio.", genres: "jazz", published: true },
  }, 200);
  return m;
}
