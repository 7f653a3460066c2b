import { z } from "zod";
import { assert, assertEquals, assertMatch } from "../../tests/_helpers/assert.ts";
import { createOfflineAi, OFFLINE_WRITER_MODEL } from "./offline.ts";
import { type AiPort, type GenerateRequest, parseOutput } from "./port.ts";
import {
  AnnouncementDraft,
  BioDraft,
  energyTarget,
  type GigFacts,
  type MusicianFacts,
  offlineSetlist,
  ProposalDraft,
  setlistSchema,
  setlistTolerance,
  SocialPostDraft,
  write,
  WRITE_TASKS,
} from "./writer.ts";

export const ella: MusicianFacts = {
  stage_name: "Ella Hart",
  bio: "Ella grew up in Porto playing fado with her grandmother. She now leads a jazz trio.",
  instruments: ["Guitar", "vocals"],
  genres: ["jazz", "soul", "latin"],
  skills: ["improvisation", "sight-reading", "arranging"],
  languages: ["English", "Portuguese"],
  city: "Lisbon",
  country: "PT",
  lat: 38.72,
  lng: -9.14,
  travel_radius_km: 150,
  fee_min_minor: 30000,
  fee_max_minor: 80000,
  currency: "EUR",
};

export const casaAzul: GigFacts = {
  title: "Friday Jazz at Casa Azul",
  description: "A relaxed dinner set in our courtyard restaurant. Standards and bossa nova.",
  kind: "live_show",
  genres: ["jazz"],
  instruments: ["guitar"],
  starts_at: "2026-12-11T19:30:00Z",
  timezone: "Europe/Lisbon",
  duration_minutes: 120,
  remote: false,
  venue_name: "Casa Azul",
  city: "Lisbon",
  country: "PT",
  lat: 38.71,
  lng: -9.13,
  budget_min_minor: 40000,
  budget_max_minor: 60000,
  currency: "EUR",
};

const rockNight: GigFacts = {
  ...casaAzul,
  title: "Saturday rock party",
  description: "Covers band for a birthday party: people will want to dance.",
  genres: ["rock", "pop"],
  instruments: ["drums"],
  duration_minutes: 180,
  venue_name: "The Loft",
  city: "Porto",
};

const schemaFor = (task: string, g: GigFacts): z.ZodType =>
  ({
    bio: BioDraft,
    setlist: setlistSchema(g.duration_minutes),
    proposal: ProposalDraft,
    announcement: AnnouncementDraft,
    social_post: SocialPostDraft,
  } as Record<string, z.ZodType>)[task];

Deno.test("writer offline - every task's draft is valid, fact-based and deterministic", async () => {
  const ai = createOfflineAi();
  for (const task of WRITE_TASKS) {
    const r = await write(ai, task, { musician: ella, gig: casaAzul });
    assertEquals([r.source, r.model, r.attempts], ["offline", OFFLINE_WRITER_MODEL, 0], task);
    assertEquals(schemaFor(task, casaAzul).safeParse(r.draft).success, true, task);
    assert(r.text.length > 40, `${task}: ${r.text}`);
    const again = await write(ai, task, { musician: ella, gig: casaAzul });
    assertEquals(again.text, r.text, `${task} is deterministic`);
  }
  const bio = await write(ai, "bio", { musician: ella });
  assertMatch(bio.text, /Ella Hart/);
  assertMatch(bio.text, /guitarist/);
  assertMatch(bio.text, /Lisbon, Portugal/);
  assertMatch(bio.text, /fado/, "keeps facts from the current bio");
  const proposal = await write(ai, "proposal", { musician: ella, gig: casaAzul });
  assertMatch(proposal.text, /Friday Jazz at Casa Azul/);
  assertMatch(proposal.text, /Friday 11 December/);
  assertMatch(proposal.text, /€600, within your budget of €400–€600/);
  const post = await write(ai, "social_post", { gig: casaAzul });
  assertMatch(post.text, /19:30/, "local time of the gig");
  assertMatch(post.text, /#jazz/);
});

Deno.test("writer offline - different facts give different drafts", async () => {
  const ai = createOfflineAi();
  for (const task of ["announcement", "social_post", "setlist"] as const) {
    const a = await write(ai, task, { gig: casaAzul });
    const b = await write(ai, task, { gig: rockNight });
    assert(a.text !== b.text, task);
  }
  const other: MusicianFacts = {
    ...ella,
    stage_name: "Tom Reyes",
    instruments: ["drums"],
    genres: ["rock"],
    city: "Porto",
    bio: null,
  };
  const b = await write(ai, "bio", { musician: other });
  assertMatch(b.text, /Tom Reyes/);
  assertMatch(b.text, /rock drummer/);
});

Deno.test("writer offline - setlists fill the gig's length with an energy curve", () => {
  for (const duration of [20, 45, 60, 90, 120, 240, 480, 900, 1440]) {
    for (const genres of [["jazz"], ["rock", "pop"], ["polka"], [], ["classical"], ["hip hop"]]) {
      const g = { ...casaAzul, genres, description: "", duration_minutes: duration };
      const s = offlineSetlist(g, null);
      const total = s.songs.reduce((n, x) => n + x.minutes, 0);
      assert(
        Math.abs(total - duration) <= setlistTolerance(duration),
        `${duration} min ${genres}: ${total}`,
      );
      assertEquals(setlistSchema(duration).safeParse(s).success, true, `${duration} ${genres}`);
    }
  }
  // A normal two-hour show builds: the last third averages more energy than the first song.
  const s = offlineSetlist({ ...rockNight, description: "", duration_minutes: 120 }, null);
  const third = Math.floor(s.songs.length / 3);
  const mid = s.songs.slice(third, 2 * third + 1);
  const avg = mid.reduce((n, x) => n + x.energy, 0) / mid.length;
  assert(avg > s.songs[0].energy, `middle ${avg} vs opener ${s.songs[0].energy}`);
  assert(energyTarget(0.7, "normal") > energyTarget(0, "normal"));
  assert(energyTarget(0.7, "normal") > energyTarget(1, "normal"));
  // The gig's genre leads.
  const jazz = offlineSetlist(casaAzul, null);
  assert(
    jazz.songs.filter((x) =>
      /Ellington|Davis|Monk|Hancock|Kern|Brubeck|Kosma|Gershwin/.test(x.artist)
    ).length >= 8,
  );
});

/** An AiPort whose answers are scripted: each call takes the next one. */
function scripted(answers: string[]): AiPort & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    mode: "live",
    model: "fake-model",
    embeddingModel: "fake-embed",
    prompts,
    generate<T>(req: GenerateRequest<T>) {
      prompts.push(req.prompt);
      const raw = answers.shift() ?? "";
      try {
        return Promise.resolve({
          value: parseOutput(raw, req.schema),
          model: "fake-model",
          source: "live" as const,
          tokens: 42,
        });
      } catch (err) {
        return Promise.reject(err);
      }
    },
    embed() {
      return Promise.reject(new Error("not used"));
    },
  };
}

const goodBio = JSON.stringify({
  headline: "Lisbon jazz guitarist and singer",
  bio: "Ella Hart is a jazz and soul guitarist and singer from Lisbon who leads her own trio, " +
    "arranges standards and bossa nova, and sight-reads whatever the session needs.",
});

Deno.test("writer live - valid answer is used as it is", async () => {
  const ai = scripted([goodBio]);
  const r = await write(ai, "bio", { musician: ella });
  assertEquals([r.source, r.model, r.attempts, r.tokens], ["live", "fake-model", 1, 42]);
  assertEquals((r.draft as BioDraft).headline, "Lisbon jazz guitarist and singer");
  assertMatch(ai.prompts[0], /Stage name: Ella Hart/);
});

Deno.test("writer live - one retry after invalid output, with the reason in the prompt", async () => {
  const ai = scripted(['{"headline": "x"}', goodBio]);
  const r = await write(ai, "bio", { musician: ella });
  assertEquals([r.source, r.attempts], ["live", 2]);
  assertMatch(ai.prompts[1], /previous answer was rejected: answer does not fit the schema/);
});

Deno.test("writer live - invalid twice → the offline writer, and the reason kept", async () => {
  const ai = scripted(["nope", '{"headline": 1}', goodBio]);
  const r = await write(ai, "bio", { musician: ella });
  assertEquals([r.source, r.model, r.attempts], ["offline", OFFLINE_WRITER_MODEL, 2]);
  assertMatch(r.fallback ?? "", /schema/);
  assertEquals(ai.prompts.length, 2, "exactly one retry");
});

Deno.test("writer live - a setlist that does not add up is invalid output", async () => {
  const short = JSON.stringify({
    title: "Set",
    songs: [{ title: "So What", artist: "Miles Davis", minutes: 9, energy: 6 }],
    notes: "",
  });
  const ai = scripted([short, short]);
  const r = await write(ai, "setlist", { gig: casaAzul });
  assertEquals(r.source, "offline");
  assertMatch(r.fallback ?? "", /add up to 9 minutes; the gig lasts 120/);
});

Deno.test("writer live - a provider error goes straight to offline (no retry)", async () => {
  const ai = scripted([]);
  ai.generate = () => Promise.reject(new Error("ECONNREFUSED"));
  const r = await write(ai, "announcement", { gig: casaAzul });
  assertEquals([r.source, r.attempts], ["offline", 1]);
  assertMatch(r.fallback ?? "", /ECONNREFUSED/);
});
