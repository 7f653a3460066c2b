import { assertEquals } from "../../../tests/_helpers/assert.ts";
import { parseRobots, robotsAllows } from "./robots.ts";

const TEXT = `# a shop
User-agent: *
Disallow: /private
Allow: /private/events.ics

User-agent: OtherBot
User-agent: SoundcheckScout
Disallow: /calendar/
Allow: /calendar/public*.ics$
Disallow: /*.pdf$
`;

Deno.test("robots - our group wins over *, the longest rule decides, Allow on a tie", () => {
  const rules = parseRobots(TEXT, "SoundcheckScout");
  assertEquals(robotsAllows(rules, "/private/x"), true, "the * group does not apply to us");
  assertEquals(robotsAllows(rules, "/calendar/all.ics"), false);
  assertEquals(robotsAllows(rules, "/calendar/public-2026.ics"), true);
  assertEquals(robotsAllows(rules, "/calendar/public-2026.ics?x=1"), false, "$ anchors the end");
  assertEquals(robotsAllows(rules, "/files/a.pdf"), false);
  assertEquals(robotsAllows(rules, "/"), true);
  assertEquals(
    robotsAllows(parseRobots("User-agent: *\nDisallow: /a\nAllow: /a", "x"), "/a"),
    true,
  );
});

Deno.test("robots - the * group for other agents; empty Disallow allows everything", () => {
  const rules = parseRobots(TEXT, "SomeoneElse");
  assertEquals(robotsAllows(rules, "/private/x"), false);
  assertEquals(robotsAllows(rules, "/private/events.ics"), true);
  assertEquals(robotsAllows(parseRobots("User-agent: *\nDisallow:", "x"), "/any"), true);
  assertEquals(robotsAllows(parseRobots("", "x"), "/any"), true);
});
