/**
 * A setlist for a gig: real songs that fit its genres, adding up to the gig's length, shaped as
 * an energy curve (build, peak about two thirds in, ease off to close). The offline composer picks
 * from a small catalogue (setlist_songs.ts).
 *
 * @module
 */
import { z } from "zod";
import {
  canonical,
  genreLabel,
  type GigFacts,
  joinList,
  type MusicianFacts,
  pick,
} from "../../gigs/facts.ts";
import { OFFLINE_WRITER_MODEL } from "../../../ports/ai/offline.ts";
import {
  clip,
  type DraftTask,
  gigSheet,
  languageLine,
  musicianSheet,
  seedOf,
  SYSTEM_BASE,
} from "./writing.ts";
import type { WriteLang } from "../language.ts";
import { CATALOGUE, catalogueKey, type CatalogueSong, RELATED } from "./setlist_songs.ts";

/** The gig, and the act that plays it when the writer has a musician profile. */
export interface SetlistInput {
  gig: GigFacts;
  musician: MusicianFacts | null;
  /** The language of the notes (song titles stay as they are). */
  language?: WriteLang;
}

export const SetlistSong = z.object({
  title: z.string().trim().min(1).max(120),
  artist: z.string().trim().min(1).max(120),
  minutes: z.number().int().min(1).max(30),
  energy: z.number().int().min(1).max(10),
});
export type SetlistSong = z.infer<typeof SetlistSong>;

const SetlistShape = z.object({
  title: z.string().trim().min(3).max(120),
  songs: z.array(SetlistSong).min(1).max(160),
  notes: z.string().trim().max(800),
});
export type SetlistDraft = z.infer<typeof SetlistShape>;

/** How far a setlist's total may be from the gig's length: 8 %, at least 6 minutes. */
export function setlistTolerance(durationMinutes: number): number {
  return Math.max(6, Math.round(durationMinutes * 0.08));
}

/** The setlist schema for a gig of `durationMinutes`: the songs must add up to about that. */
export function setlistSchema(durationMinutes: number): z.ZodType<SetlistDraft> {
  const tol = setlistTolerance(durationMinutes);
  return SetlistShape.superRefine((s, ctx) => {
    const total = s.songs.reduce((n, x) => n + x.minutes, 0);
    if (Math.abs(total - durationMinutes) > tol) {
      ctx.addIssue({
        code: "custom",
        path: ["songs"],
        message: `the songs add up to ${total} minutes; the gig lasts ${durationMinutes} (±${tol})`,
      });
    }
    const titles = new Set(s.songs.map((x) => x.title.toLowerCase()));
    if (titles.size !== s.songs.length) {
      ctx.addIssue({ code: "custom", path: ["songs"], message: "a song is listed twice" });
    }
  });
}

const MELLOW =
  /\b(dinner|background|ceremony|lounge|cocktail|brunch|drinks reception|acoustic|quiet)\b/i;
const PARTY = /\b(party|dance|club|festival|wedding reception|celebration|late night)\b/i;

/** Target energy at position p (0 → 1) of the gig: build, peak at ~70 %, ease off to close. */
export function energyTarget(p: number, mood: "mellow" | "normal" | "party"): number {
  const [lo, peak, end] = mood === "mellow" ? [2, 6, 3] : mood === "party" ? [5, 10, 8] : [4, 9, 6];
  const e = p < 0.7 ? lo + (peak - lo) * (p / 0.7) : peak - (peak - end) * ((p - 0.7) / 0.3);
  return Math.max(1, Math.min(10, e));
}

function setlistMood(g: GigFacts): "mellow" | "normal" | "party" {
  const text = `${g.title} ${g.description ?? ""}`;
  if (MELLOW.test(text)) return "mellow";
  if (PARTY.test(text)) return "party";
  return "normal";
}

function genreKeys(genres: string[]): string[] {
  const keys: string[] = [];
  for (const g of genres) {
    const k = catalogueKey(canonical(g));
    if (k && !keys.includes(k)) keys.push(k);
  }
  return keys;
}

export function setlistPrompt(
  g: GigFacts,
  m: MusicianFacts | null,
  language: WriteLang = "en",
): string {
  const tol = setlistTolerance(g.duration_minutes);
  return `Plan a setlist for this gig: real, well-known songs that fit its genres, with an energy ` +
    `curve (start moderate, build to a peak about two thirds in, ease off for the close). Give each ` +
    `song its typical live length in whole minutes and an energy from 1 (ballad) to 10 ` +
    `(floor-filler). The minutes must add up to ${g.duration_minutes} (±${tol}); no song twice. ` +
    `Explain the shape of the set in "notes"; keep song titles as released.\n` +
    `${languageLine(language, false)}\n\n${gigSheet(g)}` +
    (m ? `\n\nThe act:\n${musicianSheet(m)}` : "");
}

export function offlineSetlist(g: GigFacts, m: MusicianFacts | null): SetlistDraft {
  const rand = seedOf("setlist", g.title, g.genres, g.duration_minutes, m?.stage_name ?? "");
  const mood = setlistMood(g);
  let keys = genreKeys(g.genres);
  if (keys.length === 0 && m) keys = genreKeys(m.genres);
  if (keys.length === 0) keys = ["pop"];
  // The gig's genres first, then related ones, then everything: long gigs never run dry.
  const order = [...keys];
  for (const k of keys) for (const r of RELATED[k] ?? []) if (!order.includes(r)) order.push(r);
  for (const k of Object.keys(CATALOGUE)) if (!order.includes(k)) order.push(k);

  const seen = new Set<string>();
  const tiers: CatalogueSong[][] = order.map((k) => {
    const songs = CATALOGUE[k].filter((s) => {
      const key = s.title.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    // A stable shuffle per gig, so two gigs of one genre get different sets.
    return songs.map((s) => ({ s, r: rand() })).sort((a, b) => a.r - b.r).map((x) => x.s);
  });

  const duration = g.duration_minutes;
  const tol = setlistTolerance(duration);
  const chosen: SetlistSong[] = [];
  const used = new Set<string>();
  let total = 0;
  let jam = 0;
  while (total < duration - Math.min(2, tol)) {
    const left = duration - total;
    const target = energyTarget(total / duration, mood);
    let best: CatalogueSong | null = null;
    let bestCost = Infinity;
    // Prefer the closest tiers: a related genre only when the gig's own songs are far off target.
    for (let depth = 0; depth < tiers.length; depth++) {
      for (const s of tiers[depth]) {
        if (used.has(s.title) || s.minutes > left + tol || used.size >= 120) continue;
        const cost = Math.abs(s.energy - target) + depth * 1.5;
        if (cost < bestCost) {
          bestCost = cost;
          best = s;
        }
      }
    }
    let song: SetlistSong;
    if (best) {
      used.add(best.title);
      song = { title: best.title, artist: best.artist, minutes: best.minutes, energy: best.energy };
    } else {
      // The catalogue is spent (a very long gig): an open jam fills the gap, as bands do.
      const groove = pick(rand, ["blues in F", "modal vamp in D", "funk groove in E"]);
      song = {
        title: `Open jam ${++jam} (${groove})`,
        artist: m?.stage_name ?? "The band",
        minutes: Math.max(1, Math.min(30, left)),
        energy: Math.round(target),
      };
    }
    chosen.push(song);
    total += song.minutes;
  }
  const peak = chosen.reduce((a, b) => (b.energy > a.energy ? b : a), chosen[0]);
  const labels = keys.map(genreLabel);
  const sets = duration > 100 ? Math.ceil(duration / 60) : 1;
  const notes = [
    `${chosen.length} songs, ${total} minutes of ${joinList(labels)}${
      mood === "mellow"
        ? ", kept relaxed for the setting"
        : mood === "party"
        ? ", built for dancing"
        : ""
    }.`,
    `Opens with "${chosen[0].title}" at energy ${
      chosen[0].energy
    }, peaks with "${peak.title}" (${peak.energy}) about two thirds in, and closes with "${
      chosen.at(-1)!.title
    }".`,
    sets > 1
      ? `Split it into ${sets} sets at natural dips in energy if the evening has breaks.`
      : `Plays as one continuous set.`,
  ].join(" ");
  return {
    title: clip(`Setlist: ${g.title}`, 120),
    songs: chosen,
    notes: clip(notes, 800),
  };
}

export const setlistTask: DraftTask<SetlistInput, SetlistDraft> = {
  name: "setlist",
  schemaName: "setlist",
  schema: ({ gig }) => setlistSchema(gig.duration_minutes),
  system: SYSTEM_BASE,
  prompt: ({ gig, musician, language }) => setlistPrompt(gig, musician, language),
  offline: ({ gig, musician }) => offlineSetlist(gig, musician),
  offlineModel: OFFLINE_WRITER_MODEL,
  render: (d) =>
    [
      d.title,
      ...d.songs.map((s, i) =>
        `${i + 1}. ${s.title} — ${s.artist} (${s.minutes} min, energy ${s.energy})`
      ),
      "",
      d.notes,
    ].join("\n"),
};
