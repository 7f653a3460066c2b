/**
 * The content calendar: releases and posts planned from the persona's cadence by the AI (or the
 * offline planner), a release made into a studio song with the persona's style in its prompt,
 * and the calendar as iCalendar for any calendar app.
 *
 * @module
 */
import { runTask } from "../../ports/ai/run_task.ts";
import { HttpError } from "../../web/errors.ts";
import { asServer } from "../dj/run_store.ts";
import { createSong } from "../studio/service.ts";
import type { CalendarEntry } from "./api.ts";
import { contentPlanTask } from "./calendar/plan_task.ts";
import { toICalendar } from "./calendar/ical.ts";
import { studioPrompt } from "./persona/prompt.ts";
import { artistView, ownArtist, type Platform, type Who } from "./service.ts";
import * as store from "./store.ts";

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Plans `weeks` weeks from `start`: what the window held without a song yet is replaced, releases
 * already made into songs stay. Counts against the daily AI allowance.
 */
export async function planCalendar(
  p: Platform,
  who: Who,
  artistId: string,
  input: { start: string; weeks: number },
): Promise<CalendarEntry[]> {
  const artist = await p.db.asUser(who.claims, async (tx) => {
    const a = await ownArtist(tx, who, artistId);
    await tx.query("select public.spend_ai_quota('artist_calendar', $1)", [
      p.config.AI_DAILY_LIMIT,
    ]);
    return a;
  });
  const run = await runTask(p.ai, contentPlanTask, {
    persona: artist.persona,
    start: input.start,
    weeks: input.weeks,
  }, { log: p.log });
  const plan = run.value;
  const entries: store.NewCalendarEntry[] = [
    ...plan.releases.map((r) => ({
      kind: "release" as const,
      starts_at: `${r.date}T00:00:00Z`,
      all_day: true,
      title: r.title,
      idea: r.idea,
      caption: null,
      hashtags: [],
      visual: null,
      pillar: null,
    })),
    ...plan.posts.map((post) => ({
      kind: "post" as const,
      starts_at: `${post.date}T${post.time}:00Z`,
      all_day: false,
      title: post.caption.split(/[.!?\n]/)[0].slice(0, 80) || "Post",
      idea: null,
      caption: post.caption,
      hashtags: post.hashtags,
      visual: post.visual,
      pillar: post.pillar,
    })),
  ];
  return await p.db.asUser(who.claims, async (tx) => {
    await store.replaceCalendar(
      tx,
      artistId,
      input.start,
      addDays(input.start, input.weeks * 7),
      entries,
    );
    return await store.listCalendar(tx, artistId);
  });
}

/** The calendar as an .ics file. */
export async function calendarIcs(p: Platform, who: Who, artistId: string): Promise<string> {
  const artist = await artistView(p, who, artistId);
  const entries = await p.db.asUser(who.claims, (tx) => store.listCalendar(tx, artistId));
  return toICalendar(
    entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      starts_at: e.starts_at,
      all_day: e.all_day,
      title: e.kind === "release" ? `Release: ${e.title}` : e.title,
      description: e.kind === "release"
        ? e.idea
        : [e.caption, e.hashtags.join(" "), e.visual ? `Visual: ${e.visual}` : null]
          .filter(Boolean).join("\n\n"),
    })),
    { calendarName: `${artist.name} · Soundcheck` },
  );
}

/**
 * Makes a calendar release into a studio song: the prompt carries the persona's style, the song
 * is the artist's and carries the release's title (so imported figures find it by name). 409
 * when the release already has a song; the studio's quota and allowance apply.
 */
export async function makeReleaseSong(p: Platform, who: Who, artistId: string, entryId: string) {
  const { artist, entry } = await p.db.asUser(who.claims, async (tx) => {
    const artist = await ownArtist(tx, who, artistId);
    const entry = await store.calendarEntry(tx, artistId, entryId);
    if (!entry || entry.kind !== "release") {
      throw new HttpError(404, "No such release", { field: "entry" });
    }
    if (entry.song_id) {
      throw new HttpError(409, "This release has a song already", { field: "entry" });
    }
    return { artist, entry };
  });
  const made = await createSong(p, who.claims, {
    prompt: studioPrompt(artist.persona, entry.idea ?? entry.title),
    language: artist.persona.language,
  });
  await p.db.asUser(who.claims, async (tx) => {
    await store.linkReleaseSong(tx, entry.id, made.song.id);
    await asServer(tx, async () => {
      await tx.query("update public.songs set artist_id = $2, title = $3 where id = $1", [
        made.song.id,
        artistId,
        entry.title.slice(0, 120),
      ]);
      await tx.query(
        `insert into public.artist_tracks (artist_id, title, track_key, song_id, released_on)
         values ($1, $2, lower(btrim($2)), $3, $4::timestamptz::date)
         on conflict (artist_id, track_key) do update set song_id = excluded.song_id`,
        [artistId, entry.title, made.song.id, entry.starts_at],
      );
    });
  });
  return made;
}
