/**
 * Each track's facts for the analysis: what is known of its sound (hand-entered features over
 * what its studio song's plan and hit-meter measurements say) and how it performed, summed in
 * SQL (private.artist_track_facts) so a year of daily rows never leaves the database.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import type { Features } from "../../audio/reports.ts";
import type { SongPlan } from "../studio/plan.ts";
import { trackFeatures } from "./learn/features.ts";
import type { TrackFacts, TrackFeatures } from "./types.ts";

interface FactsRow {
  track: string;
  features: Partial<TrackFeatures> | null;
  plan: SongPlan | null;
  measured: Features | null;
  posts: number;
  pillar: string | null;
  streams: string | number;
  listeners: string | number;
  saves: string | number;
  skips: string | number;
  follower_gain: string | number;
  weekly_streams: (string | number)[];
}

/** The artist's tracks with data, as the reader may see them (RLS). */
export async function loadTrackFacts(tx: Tx, artistId: string): Promise<TrackFacts[]> {
  const rows = await tx.query<FactsRow>("select * from private.artist_track_facts($1)", [
    artistId,
  ]);
  return rows.map((r) => {
    const known = r.plan || r.measured
      ? trackFeatures(r.plan, r.measured, { posts: r.posts, pillar: r.pillar })
      : null;
    const hand = r.features;
    const features: TrackFeatures | null = hand || known
      ? {
        ...(known ?? EMPTY),
        posts: r.posts,
        pillar: r.pillar,
        ...Object.fromEntries(Object.entries(hand ?? {}).filter(([, v]) => v !== null)),
      }
      : null;
    return {
      features,
      performance: {
        track: r.track,
        streams: Number(r.streams),
        listeners: Number(r.listeners),
        saves: Number(r.saves),
        skips: Number(r.skips),
        follower_gain: Number(r.follower_gain),
        weekly_streams: r.weekly_streams.map(Number),
      },
    };
  });
}

const EMPTY: TrackFeatures = {
  tempo_bpm: null,
  energy: null,
  key: null,
  mode: null,
  loudness_lufs: null,
  sections: null,
  duration_s: null,
  genre: null,
  mood: null,
  posts: null,
  pillar: null,
};
