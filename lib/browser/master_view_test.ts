/** Mastering's and the hit meter's page arithmetic: A/B matching, platform words, the form. */
import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { drifted, loudnessMatch, volumeOf } from "./player.ts";
import { curvePoints, featureRows, level, platformText } from "./master_view.ts";
import { readMasterForm } from "../domains/studio/master/form.ts";

Deno.test("A/B - the louder version is turned down by the difference", () => {
  const a = { label: "Original", src: "a", lufs: -18.3 };
  const b = { label: "Master", src: "b", lufs: -14.1 };
  assertEquals(loudnessMatch(a, b), { gainsDb: [0, -4.2], text: "matched: master −4.2 dB" });
  assertEquals(loudnessMatch({ ...a, lufs: -9 }, b).text, "matched: original −5.1 dB");
  assertEquals(loudnessMatch(a, { ...b, lufs: null }).gainsDb, [0, 0]);
  assert(Math.abs(volumeOf(-6) - 0.501) < 0.001);
  assertEquals(volumeOf(3), 1);
  assertEquals([drifted(1, 1.02), drifted(1, 1.2)], [false, true]);
});

Deno.test("platforms and levels in words", () => {
  const p = { platform: "Spotify", target_lufs: -14, turns_up: true };
  assertEquals(platformText({ ...p, change_db: -2 }), "Spotify will turn this down by 2.0 dB.");
  assertEquals(platformText({ ...p, change_db: 1.5 }), "Spotify will turn this up by 1.5 dB.");
  assertEquals(platformText({ ...p, change_db: 0.01 }), "Spotify will play it as it is.");
  assertEquals(
    platformText({ ...p, platform: "YouTube", change_db: 3, turns_up: false }),
    "YouTube does not turn quiet songs up: it will play 3.0 dB under its −14.0 LUFS target.",
  );
  assertEquals([level(null, "LUFS"), level(-14.04, "LUFS")], ["—", "−14.0 LUFS"]);
  assertEquals(
    featureRows({ key: "A", mode: "minor" }).find((r) => r.name === "key")?.value,
    "A minor",
  );
  assertEquals(curvePoints([10, 1000, 30000], [0, 0, 0]).split(" ").length, 1);
});

Deno.test("master form - presets, custom values and refusals per field", () => {
  const form = (o: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(o)) f.set(k, v);
    return f;
  };
  const ok = readMasterForm(form({
    target: "-16",
    ceiling_dbtp: "-1.5",
    intensity: "50",
    reference: "preset:rock",
  }));
  assertEquals(ok.settings, {
    target_lufs: -16,
    ceiling_dbtp: -1.5,
    intensity: 0.5,
    reference: { kind: "preset", genre: "rock" },
  });
  const custom = readMasterForm(
    form({ target: "custom", custom_lufs: "−40", reference: "preset:pop" }),
  );
  assertEquals(Object.keys(custom.errors ?? {}), ["custom_lufs"]);
  assertEquals(custom.values.custom_lufs, "−40");
  const bad = readMasterForm(form({ target: "-14", ceiling_dbtp: "0", reference: "song:nope" }));
  assertEquals(Object.keys(bad.errors ?? {}).sort(), ["ceiling_dbtp", "reference"]);
});
