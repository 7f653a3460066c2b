/** Auto-apply, auto-shortlist and "My applications": API operations for the OpenAPI document. */
import type { Operation } from "./openapi.ts";
import {
  ApproveInput,
  AutoApplyInput,
  AutoApplyView,
  AutoShortlistInput,
  AutoShortlistView,
  DraftBody,
  EnableInput,
  MyApplicationsBody,
  MyApplicationsQuery,
} from "../../domains/scout/auto/mod.ts";

const tag = "scout";

export const autoOperations: Operation[] = [
  {
    method: "get",
    path: "/api/auto-apply",
    summary: "Your auto-apply settings (null before the first save), the template's placeholders " +
      "and what the scout did for you",
    tag,
    auth: true,
    response: AutoApplyView,
  },
  {
    method: "put",
    path: "/api/auto-apply",
    summary: "Save the proposal template and the rules (minimum fee, distance, genres, days, a " +
      "daily cap of 1–20). A changed template needs approving again and switches auto-apply off.",
    tag,
    auth: true,
    body: AutoApplyInput,
    response: AutoApplyView,
    errors: [403, 415],
  },
  {
    method: "post",
    path: "/api/auto-apply/draft",
    summary: "A template drafted by the AI from your musician profile, with placeholders (not " +
      "saved). Counts against the daily AI allowance.",
    tag,
    auth: true,
    response: DraftBody,
    errors: [404],
  },
  {
    method: "post",
    path: "/api/auto-apply/approve",
    summary: "Approve the saved template: send the text you read (409 if it changed since)",
    tag,
    auth: true,
    body: ApproveInput,
    response: AutoApplyView,
    errors: [404, 409, 415],
  },
  {
    method: "post",
    path: "/api/auto-apply/enabled",
    summary: "Switch auto-apply on (only with an approved template: 409) or off",
    tag,
    auth: true,
    body: EnableInput,
    response: AutoApplyView,
    errors: [404, 409, 415],
  },
  {
    method: "get",
    path: "/api/auto-shortlist",
    summary: "Your auto-shortlist rules (clients) and what the scout did for you",
    tag,
    auth: true,
    response: AutoShortlistView,
  },
  {
    method: "put",
    path: "/api/auto-shortlist",
    summary: "Save the auto-shortlist rules and switch it on or off (clients only: 403)",
    tag,
    auth: true,
    body: AutoShortlistInput,
    response: AutoShortlistView,
    errors: [403, 415],
  },
  {
    method: "get",
    path: "/api/my/applications",
    summary: "Your applications (one status or all, newest first) with counts by status; " +
      "`auto` marks those the scout made",
    tag,
    auth: true,
    query: MyApplicationsQuery,
    response: MyApplicationsBody,
  },
];
