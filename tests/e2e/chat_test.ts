/**
 * Live chat in a real browser: a client and a musician who share an application chat live (typing,
 * read receipts, edit, delete, an attachment, unread badges on other pages) while a third signed-in
 * user can neither see nor open the conversation; and after a server restart (same data, same
 * port) no message is lost or shown twice.
 */
import { type Browser, chromium, type Page } from "playwright-core";
import { Buffer } from "node:buffer";
import { assert, assertEquals } from "../_helpers/assert.ts";
import { CHROMIUM, startTestApp, TINY_PNG } from "../_helpers/app.ts";
import { type ChatPerson, chatPerson, seedConversations } from "../_helpers/chat.ts";
import { COOKIE } from "../../lib/web/cookies.ts";
import { sendMessage } from "../../lib/domains/chat/mod.ts";
import { ATTACHMENT_MAX_BYTES } from "../../lib/shared/limits.ts";

/** A page signed in as `who` (the session cookie, as after signing in). */
async function pageAs(browser: Browser, url: string, who: ChatPerson, problems: string[]) {
  const context = await browser.newContext();
  await context.addCookies([{ name: COOKIE.access, value: who.token, url }]);
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(e.message));
  return page;
}

const messages = (page: Page) => page.getByTestId("chat-message");
const live = (page: Page) =>
  page.getByTestId("live-status").getByText("Live", { exact: true }).waitFor();

/** The ids of the messages shown, in order. */
async function shownIds(page: Page): Promise<number[]> {
  return (await messages(page).evaluateAll((els) => els.map((e) => Number(e.dataset.id))));
}

Deno.test({
  name: "chat - live between two browsers, closed to a third, nothing lost across a restart",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  // One server for both parts (starting one is the slow bit): an on-disk database (not "test")
  // and a fixed secret, so data and sessions survive the restart.
  const dataDir = await Deno.makeTempDir({ prefix: "soundcheck-chat-e2e-" });
  const env = {
    APP_ENV: "prod",
    WORKER: "off",
    JWT_SECRET: "chat-restart-test-secret-0123456789abcdef",
  };
  let app = await startTestApp(env, { dataDir, keepData: true });
  const browser = await chromium.launch(CHROMIUM);
  const problems: string[] = [];
  try {
    const client = await chatPerson(app, "Clara");
    const musician = await chatPerson(app, "Milo");
    const stranger = await chatPerson(app, "Eve");
    const [{ conversationId: id }] = await seedConversations(app.platform.db.driver, [
      { clientId: client.id, musicianId: musician.id },
    ]);
    const c = await pageAs(browser, app.url, client, problems);
    const m = await pageAs(browser, app.url, musician, problems);

    await t.step(
      "two browsers chat live: typing, receipts, files, edit, delete, badges",
      async () => {
        // The client finds the conversation in the inbox; the musician opens it from the gig.
        await c.goto(`${app.url}/messages`);
        await c.getByTestId("conversation").getByText("Milo").click();
        await c.waitForURL(`${app.url}/messages/${id}`);
        await m.goto(`${app.url}/messages/${id}`);
        await Promise.all([live(c), live(m)]);

        // Typing shows on the other side; the message arrives without a reload.
        await c.getByLabel("Message", { exact: true }).pressSequentially("Hi Milo, ");
        await m.getByTestId("typing").getByText("Clara is typing…").waitFor();
        await c.getByLabel("Message", { exact: true }).fill(
          "Hi Milo, can you start at 8? https://example.com/rider",
        );
        await c.getByRole("button", { name: "Send" }).click();
        await m.getByText("Hi Milo, can you start at 8?").waitFor();
        assertEquals(
          await m.getByRole("link", { name: "https://example.com/rider" }).getAttribute("href"),
          "https://example.com/rider",
        );
        assertEquals(await m.getByTestId("typing").textContent(), "");
        // The musician's open page read it: the client sees "Seen".
        await c.getByTestId("receipt").getByText("Seen").waitFor();

        // The reply, with Enter to send.
        await m.getByLabel("Message", { exact: true }).fill("Yes, 8 is fine.");
        await m.getByLabel("Message", { exact: true }).press("Enter");
        await c.getByText("Yes, 8 is fine.").waitFor();
        await m.getByTestId("receipt").getByText("Seen").waitFor();

        // An attachment with its progress bar; the other side sees the image.
        await c.getByLabel(/Attach/).setInputFiles({
          name: "poster.png",
          mimeType: "image/png",
          buffer: Buffer.from(TINY_PNG),
        });
        await c.getByRole("button", { name: "Send" }).click();
        await m.getByRole("img", { name: "poster.png" }).waitFor();
        // A file that is too large is refused before uploading.
        await c.getByLabel(/Attach/).setInputFiles({
          name: "huge.wav",
          mimeType: "audio/wav",
          buffer: Buffer.alloc(ATTACHMENT_MAX_BYTES + 1),
        });
        await c.getByTestId("composer-error").getByText("huge.wav is larger than 20 MB.").waitFor();
        await c.getByLabel(/Attach/).setInputFiles([]);

        // Edit and delete show live on the other side.
        const first = messages(c).filter({ hasText: "can you start at 8?" });
        await first.getByRole("button", { name: "Edit" }).click();
        await c.getByLabel("Edit message").fill("Hi Milo, can you start at 7?");
        await c.getByRole("button", { name: "Save" }).click();
        await m.getByText("Hi Milo, can you start at 7?").waitFor();
        c.once("dialog", (d) => d.accept());
        await messages(c).filter({ hasText: "start at 7?" }).getByRole("button", { name: "Delete" })
          .click();
        await m.getByTestId("deleted").waitFor();
        assertEquals(await m.getByText("start at 7?").count(), 0);

        // Away from the conversation, the musician's badge counts new messages live.
        await m.goto(`${app.url}/gigs`);
        await c.getByLabel("Message", { exact: true }).fill(
          "One more thing: parking is at the back.",
        );
        await c.getByRole("button", { name: "Send" }).click();
        await m.getByTestId("messages-count").getByText("1").waitFor();
        await m.getByTestId("messages-badge").click();
        await m.getByTestId("conversation-unread").getByText("1").waitFor();
        await m.getByTestId("conversation").click();
        await m.getByText("parking is at the back").waitFor();
        await m.getByTestId("messages-count").waitFor({ state: "detached" });
      },
    );

    await t.step("a third signed-in user can neither see nor open the conversation", async () => {
      // The stranger: an empty inbox, a 404 for the page and the API, 403 for the live topic.
      const s = await pageAs(browser, app.url, stranger, problems);
      await s.goto(`${app.url}/messages`);
      await s.getByText("No conversations yet").waitFor();
      const res = await s.goto(`${app.url}/messages/${id}`);
      assertEquals(res?.status(), 404);
      const api = await s.evaluate(async (path) => {
        const a = await fetch(`${path}/messages`);
        const sse = await fetch(`/realtime/v1/sse?topic=conversation:${path.split("/").pop()}`);
        return [a.status, sse.status];
      }, `/api/conversations/${id}`);
      assertEquals(api, [404, 403]);
    });

    await t.step("after a server restart no message is lost or shown twice", async () => {
      const port = Number(new URL(app.url).port);
      await c.goto(`${app.url}/messages/${id}`);
      await m.goto(`${app.url}/messages/${id}`);
      await Promise.all([live(c), live(m)]);
      await c.getByLabel("Message", { exact: true }).fill("before the restart");
      await c.getByRole("button", { name: "Send" }).click();
      await m.getByText("before the restart").waitFor();

      // The server goes away; both pages notice.
      await app.close();
      await m.getByTestId("live-status").getByText(/Reconnecting/).waitFor();

      // It comes back on the same port and data. Messages sent before it listens (so before any
      // browser can reconnect) are the gap the pages must fill from their last seen id.
      app = await startTestApp(env, {
        dataDir,
        port,
        keepData: true,
        beforeListen: async (platform) => {
          for (const text of ["while you were away 1", "while you were away 2"]) {
            await platform.db.asUser(client.claims, (tx) => sendMessage(tx, id, { body: text }));
          }
        },
      });
      await Promise.all([live(c), live(m)]);
      await m.getByText("while you were away 2").waitFor();
      // And live delivery works again, both ways.
      await m.getByLabel("Message", { exact: true }).fill("after the restart");
      await m.getByRole("button", { name: "Send" }).click();
      await c.getByText("after the restart").waitFor();

      const [{ ids, bodies }] = await app.platform.db.driver.query<
        { ids: number[]; bodies: string[] }
      >(
        `select array_agg(id::int order by id) as ids, array_agg(body order by id) as bodies
           from public.messages where conversation_id = $1`,
        [id],
      );
      assertEquals(bodies.slice(-4), [
        "before the restart",
        "while you were away 1",
        "while you were away 2",
        "after the restart",
      ]);
      assert(ids.length < 50, "all of them fit on the first page");
      for (const page of [c, m]) {
        assertEquals(await shownIds(page), ids, "every message once, in order");
      }
    });
    assertEquals(problems, []);
  } finally {
    await browser.close();
    await app.close();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
