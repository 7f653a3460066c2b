import { assert, assertEquals } from "../../../../tests/_helpers/assert.ts";
import { casaAzul, rockNight } from "../../../ports/ai/test_utils.ts";
import { energyTarget, offlineSetlist, setlistSchema, setlistTolerance } from "./setlist.ts";

Deno.test("setlist offline - fills the gig's length with an energy curve", () => {
  for (const duration of [20, 45, 60, 90, 120, 240, 480, 900, 1440]) {
    for (const genres of [["jazz"], ["rock", "pop"], ["polka"], [], ["classical"], ["hip hop"]]) {
      const g = { ...casaAzul, genres, description: "", duration_minutes: duration };
      const s = offlineSetlist(g, null);
      const total = s.songs.reduce((n, x) => n + x.minutes, 0);
      assert(
        Math.abs(total - duration) <= setlistTolerance(duration),
        `${duration} min ${genres}: ${total}`,
      );
      assertEquals(setlistSchema(duration).safeParse(s).success, true, `${duration} ${genres}`);
    }
  }
  // A normal two-hour show builds: the last third averages more energy than the first song.
  const s = offlineSetlist({ ...rockNight, description: "", duration_minutes: 120 }, null);
  const third = Math.floor(s.songs.length / 3);
  const mid = s.songs.slice(third, 2 * third + 1);
  const avg = mid.reduce((n, x) => n + x.energy, 0) / mid.length;
  assert(avg > s.songs[0].energy, `middle ${avg} vs opener ${s.songs[0].energy}`);
  assert(energyTarget(0.7, "normal") > energyTarget(0, "normal"));
  assert(energyTarget(0.7, "normal") > energyTarget(1, "normal"));
  // The gig's genre leads.
  const jazz = offlineSetlist(casaAzul, null);
  assert(
    jazz.songs.filter((x) =>
      /Ellington|Davis|Monk|Hancock|Kern|Brubeck|Kosma|Gershwin/.test(x.artist)
    ).length >= 8,
  );
});
