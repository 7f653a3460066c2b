/** The gig scout's sources and external gigs, for the OpenAPI document. */
import { z } from "zod";
import type { Operation } from "./openapi.ts";
import {
  QueuedBody,
  SourceBody,
  SourceDetailBody,
  SourceInput,
  SourceListBody,
  SourcePatch,
} from "../../domains/scout/sources.ts";
import {
  ExternalGigBody,
  ExternalGigListBody,
  ExternalSearchQuery,
} from "../../domains/scout/external.ts";

const tag = "scout";
const S = "/api/scout/sources/{id}";
const ItemError = z.object({ item: z.string(), message: z.string() });
const UploadBody = z.object({
  run: z.object({
    status: z.enum(["ok", "unchanged", "failed"]),
    items: z.number().int(),
    new_items: z.number().int(),
    updated_items: z.number().int(),
    duplicates: z.number().int(),
    error: z.string().nullable(),
    item_errors: z.array(ItemError),
  }),
  errors: z.array(ItemError),
});

export const scoutOperations: Operation[] = [
  {
    method: "get",
    path: "/api/scout/sources",
    summary: "Your gig sources with their health and last error (an admin's list has the " +
      "public sources too)",
    tag,
    auth: true,
    response: SourceListBody,
  },
  {
    method: "post",
    path: "/api/scout/sources",
    summary: "A gig source: an iCalendar feed, a web page with schema.org events (jsonld), RSS, " +
      "Atom (each with its url), a CSV list you upload, or an Eventbrite organisation (org_id; " +
      "needs EVENTBRITE_TOKEN on the server). Read every every_hours (1–168). Musicians and " +
      "admins only; an admin's sources are public.",
    tag,
    auth: true,
    body: SourceInput,
    response: SourceBody,
    status: 201,
    errors: [403, 409, 415],
  },
  {
    method: "get",
    path: S,
    summary: "One of your sources with its latest runs",
    tag,
    auth: true,
    response: SourceDetailBody,
    errors: [404],
  },
  {
    method: "patch",
    path: S,
    summary: "Renames, reschedules, pauses (enabled false) or resumes a source; a new url " +
      "forgets the cached validators",
    tag,
    auth: true,
    body: SourcePatch,
    response: SourceBody,
    errors: [403, 404, 415],
  },
  {
    method: "delete",
    path: S,
    summary: "Deletes the source with its runs and the gigs it found",
    tag,
    auth: true,
    response: z.null(),
    status: 204,
    errors: [404],
  },
  {
    method: "post",
    path: `${S}/run`,
    summary: "Check now: queues a read (queued false when one is queued already); 409 for a " +
      "paused or a CSV source",
    tag,
    auth: true,
    response: QueuedBody,
    status: 202,
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: `${S}/upload`,
    summary: "Uploads a CSV (multipart/form-data: `file`, up to 2 MB) into a CSV source: the " +
      "rows read become its gigs, the others come back by line; 422 when no row could be read " +
      "(nothing written), 409 for another kind of source",
    tag,
    auth: true,
    response: UploadBody,
    errors: [404, 409, 415, 422],
  },
  {
    method: "get",
    path: "/api/scout/external-gigs",
    summary: "Upcoming gigs found outside Soundcheck (public sources', and your own sources'), " +
      "by start: words, dates, genres, distance; keyset paging. Apply at the gig's url.",
    tag,
    auth: false,
    query: ExternalSearchQuery,
    response: ExternalGigListBody,
  },
  {
    method: "get",
    path: "/api/scout/external-gigs/{id}",
    summary: "One external gig, with its source's name and the link to apply on",
    tag,
    auth: false,
    response: ExternalGigBody,
    errors: [404],
  },
];
