/** Request-scoped state and the typed `define` helpers, created once as Fresh's utils.ts does. */
import { createDefine } from "./lib/fresh_runtime/mod.ts";
import type { Platform } from "./lib/platform/mod.ts";
import type { Claims } from "./lib/db/mod.ts";

export interface SignedInUser {
  id: string;
  email: string;
  claims: Claims;
  /** The user's own access token: used only server-side (Supabase adapters, realtime token). */
  accessToken: string;
}

export interface Flash {
  kind: "success" | "error" | "info";
  text: string;
}

export interface State {
  platform: Platform;
  user: SignedInUser | null;
  /** Token every form posts back as `_csrf` (double-submit, checked by the root middleware). */
  csrf: string;
  flash: Flash | null;
  /** Unread notifications when the page already read them (saves the badge a request). */
  unread?: number;
  /** Unread chat messages when the page already read them (saves the Messages badge a request). */
  unreadMessages?: number;
}

export const define = createDefine<State>();
