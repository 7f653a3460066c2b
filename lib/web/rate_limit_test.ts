import { assert, assertEquals } from "../../tests/_helpers/assert.ts";
import { createRateLimiter } from "./rate_limit.ts";

Deno.test("rate limit - allows the limit, then asks to wait, per key", () => {
  const rl = createRateLimiter(3, 60);
  assertEquals([rl.hit("a"), rl.hit("a"), rl.hit("a")], [0, 0, 0]);
  const wait = rl.hit("a");
  assert(wait > 0 && wait <= 60, `wait ${wait}`);
  assertEquals(rl.hit("b"), 0, "other keys are unaffected");
  rl.reset("a");
  assertEquals(rl.hit("a"), 0);
});
