/** Embedded storage against a migrated in-memory database, tested from the attacker's side too. */
import { assert, assertEquals } from "../../../tests/_helpers/assert.ts";
import { createUser, freshDb } from "../../../tests/_helpers/db.ts";
import { checkContent, checkObjectName, createEmbeddedStorage } from "./embedded.ts";
import { type Caller, StorageError } from "./port.ts";
import { storageRoutes } from "./http.ts";
import { AVATAR_MAX_BYTES } from "../../shared/limits.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2]);
const anon: Caller = { claims: { role: "anon" } };

const subOf = (c: Caller) => ("sub" in c.claims ? c.claims.sub : "");

async function rejectsWith(status: number, fn: () => Promise<unknown>): Promise<void> {
  const e = await fn().then(() => null, (e: unknown) => e);
  assert(e instanceof StorageError, `expected a StorageError ${status}, got ${e}`);
  assertEquals(e.status, status, e.message);
}

Deno.test("checkObjectName - rejects traversal and odd names", () => {
  const bad = [
    "",
    "/abs",
    "a/../b",
    "..",
    "a/./b",
    "a//b",
    "a/",
    "a\\b",
    "nul\0x",
    "x".repeat(1025),
  ];
  for (const name of bad) {
    assertEquals(
      (() => {
        try {
          checkObjectName(name);
          return 0;
        } catch (e) {
          return e instanceof StorageError ? e.status : -1;
        }
      })(),
      400,
      JSON.stringify(name),
    );
  }
  checkObjectName("user/avatar 1.png");
  checkObjectName("a/b/c..d.png");
});

Deno.test("embedded storage", async (t) => {
  const { db, driver, close } = await freshDb();
  const root = await Deno.makeTempDir({ prefix: "sc-storage-" });
  const storage = createEmbeddedStorage({ db, root, publicBaseUrl: "http://x.test/" });
  const a: Caller = { claims: (await createUser(driver)).claims };
  const b: Caller = { claims: (await createUser(driver)).claims };
  const aPath = `${subOf(a)}/avatar.png`;
  const fileOf = (name: string) => `${root}/avatars/${name}`;

  try {
    await t.step("A uploads their own avatar; metadata is Supabase-shaped", async () => {
      assertEquals(await storage.upload(a, "avatars", aPath, PNG, "image/png"), { path: aPath });
      assertEquals(await Deno.readFile(fileOf(aPath)), PNG);
      const [row] = await db.driver.query<
        { owner: string; owner_id: string; metadata: Record<string, unknown> }
      >(
        "select owner::text, owner_id, metadata from storage.objects where bucket_id = 'avatars' and name = $1",
        [aPath],
      );
      assertEquals(row.owner, subOf(a));
      assertEquals(row.owner_id, subOf(a));
      assertEquals(row.metadata.size, PNG.byteLength);
      assertEquals(row.metadata.mimetype, "image/png");
      assert(
        typeof row.metadata.eTag === "string" && typeof row.metadata.lastModified === "string",
      );
    });

    await t.step("anonymous visitor downloads a public avatar", async () => {
      const got = await storage.download(anon, "avatars", aPath);
      assertEquals(got?.body, PNG);
      assertEquals(got?.contentType, "image/png");
      assertEquals(got?.size, PNG.byteLength);
      assertEquals(await storage.download(anon, "avatars", `${subOf(a)}/missing.png`), null);
    });

    await t.step(
      "uploading an existing name without upsert is a 409; upsert replaces",
      async () => {
        await rejectsWith(409, () => storage.upload(a, "avatars", aPath, PNG, "image/png"));
        const next = new Uint8Array([...PNG, 9, 9]);
        await storage.upload(a, "avatars", aPath, next, "image/png", { upsert: true });
        assertEquals(await Deno.readFile(fileOf(aPath)), next);
      },
    );

    await t.step("B cannot overwrite or delete A's avatar", async () => {
      const before = await Deno.readFile(fileOf(aPath));
      await rejectsWith(403, () => storage.upload(b, "avatars", aPath, PNG, "image/png"));
      await rejectsWith(
        403,
        () => storage.upload(b, "avatars", aPath, PNG, "image/png", { upsert: true }),
      );
      await rejectsWith(
        403,
        () => storage.upload(b, "avatars", `${subOf(a)}/new.png`, PNG, "image/png"),
      );
      assertEquals(await storage.remove(b, "avatars", aPath), false);
      assertEquals(await Deno.readFile(fileOf(aPath)), before);
      assertEquals(await Array.fromAsync(Deno.readDir(`${root}/.tmp`)), [], "no temp file left");
    });

    await t.step("anonymous visitor cannot upload", async () => {
      await rejectsWith(403, () => storage.upload(anon, "avatars", "anon/x.png", PNG, "image/png"));
      await rejectsWith(
        403,
        () => storage.upload(anon, "avatars", aPath, PNG, "image/png", { upsert: true }),
      );
    });

    await t.step("size and MIME limits: 413 and 415", async () => {
      const big = new Uint8Array(AVATAR_MAX_BYTES + 1);
      big.set(PNG);
      await rejectsWith(
        413,
        () => storage.upload(b, "avatars", `${subOf(b)}/big.png`, big, "image/png"),
      );
      const text = new TextEncoder().encode("hello");
      await rejectsWith(
        415,
        () => storage.upload(b, "avatars", `${subOf(b)}/a.txt`, text, "text/plain"),
      );
      await rejectsWith(
        415,
        () => storage.upload(b, "avatars", `${subOf(b)}/a.png`, text, "image/png"),
      );
      const svg = new TextEncoder().encode("<svg onload='alert(1)'/>");
      await rejectsWith(
        415,
        () => storage.upload(b, "avatars", `${subOf(b)}/a.svg`, svg, "image/svg+xml"),
      );
      await rejectsWith(
        404,
        () => storage.upload(b, "nope", `${subOf(b)}/a.png`, PNG, "image/png"),
      );
    });

    await t.step("path traversal is rejected with a 400 before anything is written", async () => {
      for (
        const name of [
          `${subOf(b)}/../${subOf(a)}/avatar.png`,
          "../../etc/passwd",
          `/${subOf(b)}/x.png`,
        ]
      ) {
        await rejectsWith(400, () => storage.upload(b, "avatars", name, PNG, "image/png"));
      }
      await rejectsWith(400, () => storage.download(anon, "avatars", "../x"));
      await rejectsWith(
        400,
        () => storage.upload(b, "../avatars", `${subOf(b)}/x.png`, PNG, "image/png"),
      );
    });

    await t.step("HTTP - public URL serves the avatar with safe headers", async () => {
      const app = storageRoutes({ storage, getCaller: () => null });
      const url = new URL(storage.publicUrl("avatars", aPath));
      const res = await app.request(url.pathname);
      assertEquals(res.status, 200);
      assertEquals(new Uint8Array(await res.arrayBuffer()), await Deno.readFile(fileOf(aPath)));
      assertEquals(res.headers.get("content-type"), "image/png");
      assertEquals(res.headers.get("cache-control"), "public, max-age=3600");
      assertEquals(res.headers.get("x-content-type-options"), "nosniff");
      assertEquals(
        res.headers.get("content-disposition"),
        `inline; filename="avatar.png"; filename*=UTF-8''avatar.png`,
      );
      const etag = res.headers.get("etag") ?? "";
      const again = await app.request(url.pathname, { headers: { "if-none-match": etag } });
      assertEquals(again.status, 304);
      await again.body?.cancel();
    });

    await t.step("HTTP - missing, invisible and malformed names", async () => {
      const asB = storageRoutes({ storage, getCaller: () => b });
      const missing = await asB.request(
        `/storage/v1/object/authenticated/avatars/${subOf(a)}/nope.png`,
      );
      assertEquals(missing.status, 404);
      await missing.body?.cancel();
      const traversal = await asB.request(
        `/storage/v1/object/public/avatars/${subOf(a)}/..%2F..%2Fx`,
      );
      assertEquals(traversal.status, 400);
      await traversal.body?.cancel();
      const ok = await asB.request(`/storage/v1/object/authenticated/avatars/${aPath}`);
      assertEquals(ok.status, 200, "avatars are readable by every signed-in user");
      await ok.body?.cancel();
    });

    await t.step("private bucket - only the owner sees an object; others get a 404", async () => {
      await driver.exec(`
        insert into storage.buckets (id, name, public) values ('docs', 'docs', false);
        create policy "docs owner read" on storage.objects for select to authenticated
          using (bucket_id = 'docs' and owner_id = (select auth.uid())::text);
        create policy "docs owner write" on storage.objects for insert to authenticated
          with check (bucket_id = 'docs' and owner_id = (select auth.uid())::text);`);
      const name = `${subOf(a)}/notes.html`;
      const html = new TextEncoder().encode("<script>alert(1)</script>");
      await storage.upload(a, "docs", name, html, "text/html");
      assertEquals(await storage.download(b, "docs", name), null);
      const path = `/storage/v1/object/authenticated/docs/${name}`;
      const asB = await storageRoutes({ storage, getCaller: () => b }).request(path);
      assertEquals(asB.status, 404);
      await asB.body?.cancel();
      const pub = await storageRoutes({ storage, getCaller: () => a }).request(
        `/storage/v1/object/public/docs/${name}`,
      );
      assertEquals(pub.status, 404, "the public route reads as the anonymous role");
      await pub.body?.cancel();
      const asA = await storageRoutes({ storage, getCaller: () => a }).request(path);
      assertEquals(asA.status, 200);
      assertEquals(asA.headers.get("cache-control"), "private, no-cache");
      assert(asA.headers.get("content-disposition")?.startsWith("attachment;"));
      assert(asA.headers.get("content-security-policy")?.includes("sandbox"));
      assertEquals(await asA.text(), "<script>alert(1)</script>");
    });

    await t.step("A deletes their own avatar: row and file are gone", async () => {
      assertEquals(await storage.remove(a, "avatars", aPath), true);
      assertEquals(await storage.download(a, "avatars", aPath), null);
      assert(
        await Deno.stat(fileOf(aPath)).then(() => false, (e) => e instanceof Deno.errors.NotFound),
      );
      assertEquals(await storage.remove(a, "avatars", aPath), false);
    });

    await t.step("publicUrl encodes each segment", () => {
      assertEquals(
        storage.publicUrl("avatars", "u/my pic#1.png"),
        "http://x.test/storage/v1/object/public/avatars/u/my%20pic%231.png",
      );
    });
  } finally {
    await close();
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("storage - an SVG is accepted only when it is inert", () => {
  const svg = (body: string) => new TextEncoder().encode(body);
  const ok = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><defs>' +
    '<linearGradient id="g"/></defs><rect fill="url(#g)" width="2" height="2"/></svg>';
  checkContent("image/svg+xml", svg(ok));
  for (
    const active of [
      "<svg onload='alert(1)'/>",
      "<svg><script>alert(1)</script></svg>",
      '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
      '<svg><image href="https://example.com/x.png"/></svg>',
      "<svg><foreignObject><p>x</p></foreignObject></svg>",
      '<svg><rect style="fill:url(https://x.test/a)"/></svg>',
      "<html><svg/></html>",
    ]
  ) {
    let status = 0;
    try {
      checkContent("image/svg+xml", svg(active));
    } catch (err) {
      status = err instanceof StorageError ? err.status : -1;
    }
    assertEquals(status, 415, active);
  }
});
