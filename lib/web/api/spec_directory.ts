/** The musician directory's and favourites' API operations for the OpenAPI document. */
import { z } from "zod";
import type { Operation } from "./openapi.ts";
import { MusicianSearchPage, MusicianSearchQuery } from "../../domains/directory/mod.ts";
import { Favourites } from "../../domains/favourites/mod.ts";
import { Uuid } from "../../shared/schemas.ts";

const Saved = (kind: "musician" | "gig") =>
  z.object({ kind: z.literal(kind), id: Uuid(), saved: z.literal(true) });

export const directoryOperations: Operation[] = [
  {
    method: "get",
    path: "/api/musicians",
    summary:
      "The musician directory: instrument, genre, city or point and radius, fee, rating; sorted " +
      "by rating, name or distance; keyset pages",
    tag: "profiles",
    auth: false,
    query: MusicianSearchQuery,
    response: MusicianSearchPage,
  },
  {
    method: "get",
    path: "/api/favourites",
    summary: "The caller's saved musicians and gigs, newest first (null: no longer available)",
    tag: "favourites",
    auth: true,
    response: Favourites,
  },
  {
    method: "put",
    path: "/api/favourites/musicians/{id}",
    summary: "Save a published musician (saving twice changes nothing)",
    tag: "favourites",
    auth: true,
    response: Saved("musician"),
    errors: [403, 404],
  },
  {
    method: "delete",
    path: "/api/favourites/musicians/{id}",
    summary: "Remove a saved musician (nothing to remove is fine)",
    tag: "favourites",
    auth: true,
    response: z.null(),
    status: 204,
    errors: [403, 404],
  },
  {
    method: "put",
    path: "/api/favourites/gigs/{id}",
    summary: "Save a gig the caller can see (saving twice changes nothing)",
    tag: "favourites",
    auth: true,
    response: Saved("gig"),
    errors: [403, 404],
  },
  {
    method: "delete",
    path: "/api/favourites/gigs/{id}",
    summary: "Remove a saved gig (nothing to remove is fine)",
    tag: "favourites",
    auth: true,
    response: z.null(),
    status: 204,
    errors: [403, 404],
  },
];
