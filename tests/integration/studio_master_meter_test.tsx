/**
 * The master page's loudness meter as the server renders it: for a report with loudness over
 * time, the chart (both curves, the target, the play head), its text alternative (the summary
 * sentence it is labelled by, the before/after table it is described by) and the reading at the
 * play head, as an island with JSON props; a report made before the series were kept still
 * renders, with a word instead of the meter. A real master of a few seconds of audio.
 */
import type { ComponentType } from "preact";
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { songPlan } from "../_helpers/studio.ts";
import { MasterView } from "../../components/MasterPage.tsx";
import LoudnessMeter from "../../islands/LoudnessMeter.tsx";
import {
  installIslandHooks,
  registerIsland,
  renderWithIslands,
} from "../../lib/fresh_runtime/islands.ts";
import { masterAudio } from "../../lib/audio/master/master.ts";
import { platformPreview } from "../../lib/audio/master/platforms.ts";
import { renderSong } from "../../lib/domains/studio/synth/render.ts";
import { presetFor } from "../../lib/domains/studio/master/presets.ts";
import { DEFAULT_FORM } from "../../lib/domains/studio/master/form.ts";
import { MasterSettings } from "../../lib/domains/studio/master/schemas.ts";
import type { Master } from "../../lib/domains/studio/master/types.ts";
import type { Song } from "../../lib/domains/studio/types.ts";

installIslandHooks();
registerIsland(
  "LoudnessMeter",
  "default",
  LoudnessMeter as unknown as ComponentType<Record<string, unknown>>,
);

const SONG_ID = "11111111-1111-4111-8111-111111111111";
const MASTER_ID = "22222222-2222-4222-8222-222222222222";
const NOW = "2026-12-12T10:00:00.000Z";

const audio = renderSong(songPlan({ structure: [{ name: "chorus", bars: 3 }] }), { seed: 5 });
const settings = MasterSettings.parse({});
const mastered = masterAudio(audio, {
  targetLufs: settings.target_lufs,
  ceilingDbtp: settings.ceiling_dbtp,
  intensity: settings.intensity,
  reference: presetFor("pop"),
});
const report = {
  ...mastered.report,
  settings,
  platforms: platformPreview(mastered.report.after.integrated_lufs),
};

const song: Song = {
  id: SONG_ID,
  title: "Night Demo",
  source: "upload",
  original_name: "demo.wav",
  prompt: null,
  language: "en",
  status: "done",
  stage: null,
  progress: {},
  error: null,
  plan: null,
  plan_source: null,
  lyrics: null,
  seed: 1,
  duration_ms: Math.round((audio.left.length / audio.sampleRate) * 1000),
  files: { wav: true, mp3: true, midi: false, stems: [] },
  peaks: [[-0.5, 0.5], [-0.4, 0.6]],
  track_id: null,
  restyled_from: null,
  shared: false,
  share_url: null,
  in_catalogue: false,
  created_at: NOW,
  updated_at: NOW,
  finished_at: NOW,
};

function page(r: Master["report"]): string {
  const master: Master = {
    id: MASTER_ID,
    song_id: SONG_ID,
    audio_version: 1,
    current: true,
    status: "done",
    stage: null,
    progress: { percent: 100 },
    error: null,
    settings,
    reference_title: null,
    report: r,
    files: { wav: true, mp3: true },
    created_at: NOW,
    finished_at: NOW,
  };
  const out = renderWithIslands(
    <MasterView
      song={song}
      masters={[master]}
      shown={master}
      genres={["pop"]}
      songs={[]}
      values={DEFAULT_FORM}
      csrf="token"
    />,
  );
  return out.html;
}

/** The opening tag of the element carrying `attr`. */
const tagWith = (html: string, attr: string) =>
  html.match(new RegExp(`<[a-z]+[^>]*${attr}[^>]*>`))?.[0];

Deno.test("master page - the loudness meter, its text alternative and the reading", () => {
  const html = page(report);
  assert(html.includes('data-island="LoudnessMeter"'), "the meter is an island");
  assert(html.includes('data-testid="loudness-meter"'));
  const chart = tagWith(html, 'role="img" aria-labelledby="meter-master-')!;
  const summaryId = chart.match(/aria-labelledby="([^"]+)"/)![1];
  assertEquals(summaryId, `meter-master-${MASTER_ID}-summary`);
  assertMatch(chart, /aria-describedby="master-loudness-table"/);
  // The summary sentence it is labelled by, and the table it is described by.
  const summary = html.match(new RegExp(`id="${summaryId}"[^>]*>([^<]+)<`))![1];
  assertMatch(
    summary,
    /^Short-term loudness over time: the original from −\d+\.\d to −\d+\.\d LUFS, the master from −\d+\.\d to −\d+\.\d LUFS; the target is −14\.0 LUFS integrated\.$/,
  );
  assert(tagWith(html, 'id="master-loudness-table"'), "the before/after table");
  for (const measure of ["integrated_lufs", "short_term_max_lufs", "momentary_max_lufs"]) {
    assert(html.includes(`data-measure="${measure}"`), measure);
  }
  for (const m of ["lra_lu", "true_peak_dbtp"]) assert(html.includes(`data-measure="${m}"`), m);
  // Both curves drawn, the target line, the play head at the start; the reading at 0:00.
  for (const k of ["a", "b"]) {
    const d = tagWith(html, `data-testid="meter-curve-${k}"`)?.match(/ d="([^"]+)"/)?.[1] ?? "";
    assert(d.startsWith("M") && d.split("L").length > 2, `curve ${k}: ${d.slice(0, 40)}`);
  }
  assert(tagWith(html, 'data-testid="meter-target"'));
  assertMatch(tagWith(html, 'data-testid="meter-playhead"')!, /x1="30"/);
  assertMatch(html, /At 0:00, paused on the original/);
  assert(!html.includes('data-testid="meter-missing"'));
});

Deno.test("master page - a report without loudness over time still renders", () => {
  const { series_before: _b, series_after: _a, ...old } = report;
  const html = page(old);
  assert(html.includes('data-testid="master-done"'));
  assert(html.includes('data-testid="meter-missing"'));
  assert(!html.includes('data-testid="loudness-meter"'));
  assert(tagWith(html, 'id="master-loudness-table"'), "the table is still there");
  assert(html.includes('data-testid="master-spectrum"'));
});
