import { assertEquals, assertRejects } from "../../tests/_helpers/assert.ts";
import { loadConfig, supabasePublicUrl } from "./config.ts";
import { realtimeClientConfig } from "../ports/realtime/supabase.ts";
import { createSupabaseStorage } from "../ports/storage/supabase.ts";

const URL = { SUPABASE_URL: "http://kong:8000" };
const LEGACY = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl";
const PUBLISHABLE = "sb_publishable_abc123";

Deno.test("config - the public key: publishable (wins), Edge Functions' key map, or legacy anon", async () => {
  assertEquals(loadConfig({ ...URL, SUPABASE_ANON_KEY: LEGACY }).SUPABASE_ANON_KEY, LEGACY);
  assertEquals(
    loadConfig({ ...URL, SUPABASE_PUBLISHABLE_KEY: PUBLISHABLE }).SUPABASE_ANON_KEY,
    PUBLISHABLE,
  );
  assertEquals(
    loadConfig({ ...URL, SUPABASE_ANON_KEY: LEGACY, SUPABASE_PUBLISHABLE_KEY: PUBLISHABLE })
      .SUPABASE_ANON_KEY,
    PUBLISHABLE,
  );
  // Hosted Edge Functions get JSON maps; `default` is the project's default key.
  const keys = JSON.stringify({ web: "sb_publishable_web", default: PUBLISHABLE });
  assertEquals(
    loadConfig({ ...URL, SUPABASE_ANON_KEY: LEGACY, SUPABASE_PUBLISHABLE_KEYS: keys })
      .SUPABASE_ANON_KEY,
    PUBLISHABLE,
  );
  // An empty value (an unset compose variable) counts as unset.
  assertEquals(
    loadConfig({ ...URL, SUPABASE_PUBLISHABLE_KEY: "", SUPABASE_ANON_KEY: LEGACY })
      .SUPABASE_ANON_KEY,
    LEGACY,
  );
  await assertRejects(
    () => Promise.resolve().then(() => loadConfig({ ...URL, SUPABASE_PUBLISHABLE_KEYS: "{x" })),
    /not a JSON map/,
  );
});

Deno.test("config - the server key: legacy service_role, else a secret key", () => {
  const secret = "sb_secret_xyz";
  assertEquals(
    loadConfig({ ...URL, SUPABASE_SECRET_KEY: secret }).SUPABASE_SERVICE_ROLE_KEY,
    secret,
  );
  assertEquals(
    loadConfig({ ...URL, SUPABASE_SECRET_KEYS: JSON.stringify({ default: secret }) })
      .SUPABASE_SERVICE_ROLE_KEY,
    secret,
  );
  assertEquals(
    loadConfig({ ...URL, SUPABASE_SERVICE_ROLE_KEY: LEGACY, SUPABASE_SECRET_KEY: secret })
      .SUPABASE_SERVICE_ROLE_KEY,
    LEGACY,
  );
});

Deno.test("config - browsers get SUPABASE_PUBLIC_URL; the server keeps SUPABASE_URL", () => {
  const selfHosted = loadConfig({
    ...URL,
    SUPABASE_PUBLIC_URL: "https://supabase.example",
    SUPABASE_PUBLISHABLE_KEY: PUBLISHABLE,
  });
  assertEquals(supabasePublicUrl(selfHosted), "https://supabase.example");
  assertEquals(realtimeClientConfig(selfHosted), {
    mode: "supabase",
    url: "https://supabase.example",
    anonKey: PUBLISHABLE,
  });
  const storage = createSupabaseStorage({
    url: "http://kong:8000",
    anonKey: PUBLISHABLE,
    publicUrl: "https://supabase.example",
  });
  assertEquals(
    storage.publicUrl("avatars", "u/me.png"),
    "https://supabase.example/storage/v1/object/public/avatars/u/me.png",
  );
  // Hosted and `supabase start`: one URL for both.
  const hosted = loadConfig({ SUPABASE_URL: "https://ref.supabase.co", SUPABASE_ANON_KEY: LEGACY });
  assertEquals(supabasePublicUrl(hosted), "https://ref.supabase.co");
  assertEquals(realtimeClientConfig(hosted), {
    mode: "supabase",
    url: "https://ref.supabase.co",
    anonKey: LEGACY,
  });
});
