/** The place search's API operation for the OpenAPI document. */
import type { Operation } from "./openapi.ts";
import { PlacesQuery, PlacesResponse } from "../../domains/places/mod.ts";

export const placeOperations: Operation[] = [
  {
    method: "get",
    path: "/api/places",
    summary:
      "Cities of the built-in gazetteer whose name starts with q (accents and case ignored), " +
      "whole names first, then larger places first; each with its country, position and time zone",
    tag: "places",
    auth: false,
    query: PlacesQuery,
    response: PlacesResponse,
  },
];
