/**
 * The media a gig page shows: for the gig's owner, each applicant's photo and track (the first
 * ones they attached, else the first in their portfolio) and everything each application carries;
 * for a musician, their application's media and their portfolio to attach from.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import type { GigView } from "../gigs/view.ts";
import type { MediaItem } from "./schemas.ts";
import {
  listPortfolio,
  mediaItems,
  type MediaPlatform,
  type Showreel,
  showreels,
} from "./service.ts";

export interface GigMedia {
  /** By application id: the photo and track its card shows. */
  reels: Record<string, Showreel>;
  /** By application id: the media it was sent with (deleted items drop out). */
  attached: Record<string, MediaItem[]>;
  /** The viewing musician's portfolio (empty for the owner and for visitors). */
  own: MediaItem[];
}

const first = (items: MediaItem[], kind: MediaItem["kind"]) =>
  items.find((m) => m.kind === kind) ?? null;

export async function loadGigMedia(
  p: Pick<MediaPlatform, "storage">,
  tx: Tx,
  view: GigView,
  viewerId: string | null,
): Promise<GigMedia> {
  const out: GigMedia = { reels: {}, attached: {}, own: [] };
  if (!viewerId) return out;
  const apps = view.isOwner ? view.applications : view.ownApplication ? [view.ownApplication] : [];
  const items = await mediaItems(p, tx, [...new Set(apps.flatMap((a) => a.media_ids))]);
  const byId = new Map(items.map((m) => [m.id, m]));
  for (const a of apps) out.attached[a.id] = a.media_ids.flatMap((id) => byId.get(id) ?? []);
  if (view.isOwner) {
    const portfolio = await showreels(p, tx, apps.map((a) => a.musician_id));
    for (const a of apps) {
      const sent = out.attached[a.id];
      const reel = portfolio.get(a.musician_id);
      out.reels[a.id] = {
        photo: first(sent, "photo") ?? reel?.photo ?? null,
        audio: first(sent, "audio") ?? reel?.audio ?? null,
      };
    }
  } else if (view.hasMusicianProfile) {
    out.own = await listPortfolio(p, tx, viewerId);
  }
  return out;
}
