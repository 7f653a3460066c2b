/** The notification centre's and notification preferences' API operations. */
import { z } from "zod";
import type { Operation } from "./openapi.ts";
import { Notification, NotificationQuery } from "../../domains/notifications/mod.ts";
import { Preferences, PreferencesUpdate } from "../../domains/notifications/preferences.ts";
import { Uuid } from "../../shared/schemas.ts";

/** As sent over JSON: dates are ISO strings. */
const NotificationJson = Notification.extend({
  read_at: z.string().datetime().nullable(),
  created_at: z.string().datetime(),
});

const NotificationPage = z.object({
  items: z.array(NotificationJson),
  nextBefore: Uuid().nullable().describe("Pass as `before` for the next page"),
  unread: z.number().int(),
});

export const notificationOperations: Operation[] = [
  {
    method: "get",
    path: "/api/notifications",
    summary: "The caller's notifications, newest first; `unread=true` filters, `before` pages",
    tag: "notifications",
    auth: true,
    query: NotificationQuery,
    response: NotificationPage,
    errors: [404],
  },
  {
    method: "post",
    path: "/api/notifications/{id}/read",
    summary: "Mark one of the caller's notifications read",
    tag: "notifications",
    auth: true,
    response: z.object({ notification: NotificationJson, unread: z.number().int() }),
    errors: [404],
  },
  {
    method: "post",
    path: "/api/notifications/read-all",
    summary: "Mark every notification of the caller read",
    tag: "notifications",
    auth: true,
    response: z.object({ marked: z.number().int(), unread: z.number().int() }),
  },
  {
    method: "get",
    path: "/api/notification-preferences",
    summary: "Per notification type: in-app, e-mail and SMS on or off (defaults included); phone",
    tag: "notifications",
    auth: true,
    response: Preferences,
  },
  {
    method: "put",
    path: "/api/notification-preferences",
    summary:
      "Change preferences (listed types and channels only) and the SMS phone number (E.164); " +
      "all or nothing",
    tag: "notifications",
    auth: true,
    body: PreferencesUpdate,
    response: Preferences,
    errors: [415],
  },
];
