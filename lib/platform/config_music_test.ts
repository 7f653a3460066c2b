import { assertEquals, assertRejects } from "../../tests/_helpers/assert.ts";
import { loadConfig } from "./config.ts";

const refuses = (env: Record<string, string>, re: RegExp) =>
  assertRejects(() => Promise.resolve().then(() => loadConfig(env)), re);

Deno.test("config - the music service's URL, token and model are all set or none", async () => {
  const music = {
    MUSIC_API_URL: "http://127.0.0.1:9/v1",
    MUSIC_API_TOKEN: "r8_x",
    MUSIC_MODEL: "owner/model",
  };
  assertEquals(loadConfig(music).MUSIC_MODEL, "owner/model");
  assertEquals(loadConfig({}).MUSIC_API_URL, undefined);
  await refuses({ ...music, MUSIC_MODEL: "" }, /MUSIC_MODEL: Music needs MUSIC_API_URL/);
  await refuses({ MUSIC_API_TOKEN: "r8_x" }, /MUSIC_API_URL: Music needs/);
  await refuses({ ...music, MUSIC_API_URL: "not a url" }, /MUSIC_API_URL/);
});
