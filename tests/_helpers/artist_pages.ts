/**
 * The virtual artists' pages as a browser without JavaScript uses them (the pages' integration
 * tests): a form posted (urlencoded, or multipart with a CSV) with the notice its redirect
 * carries, a page read, and a brief that makes an artist.
 */
import type { TestApp } from "./app.ts";
import { browser, CSRF, type Person } from "./fuzz.ts";
import { COOKIE } from "../../lib/web/cookies.ts";

export interface Answer {
  status: number;
  location: string | null;
  flash: string | null;
  text: string;
}

/** A form posted from the page (urlencoded, or multipart when it carries a file). */
export async function post(
  app: TestApp,
  who: Person,
  path: string,
  fields: Record<string, string>,
  file?: { name: string; text: string },
): Promise<Answer> {
  let body: BodyInit;
  const headers: Record<string, string> = browser(app, who.token);
  if (file) {
    const form = new FormData();
    form.set("_csrf", CSRF);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set("file", new File([file.text], file.name, { type: "text/csv" }));
    body = form;
  } else {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams({ _csrf: CSRF, ...fields });
  }
  const res = await app.fetch(path, { method: "POST", headers, body });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE.flash}=`));
  const raw = cookie?.split(";")[0].slice(COOKIE.flash.length + 1);
  return {
    status: res.status,
    location: res.headers.get("location"),
    flash: raw ? JSON.parse(decodeURIComponent(raw)).text : null,
    text: await res.text(),
  };
}

export async function get(app: TestApp, who: Person, path: string) {
  const res = await app.fetch(path, { headers: browser(app, who.token) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export const BRIEF = {
  genre: "synth-pop",
  market: "GB",
  audience: "students who run in the evening",
  tone: "warm, a little ironic",
};

/** A new artist made through the "New artist" form; its id. */
export async function newArtistByPage(app: TestApp, who: Person): Promise<string> {
  const made = await post(app, who, "/artists", BRIEF);
  if (made.status !== 303) throw new Error(`no artist: ${made.status} ${made.text.slice(0, 300)}`);
  return made.location!.match(/^\/artists\/([0-9a-f-]{36})$/)![1];
}
