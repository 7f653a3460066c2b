/**
 * A song while it is made, live: it follows the song's topic (`song:<id>`, its owner's only) and
 * shows each stage, the percentage and the time left as they come. Once the song is a draft, done,
 * failed or cancelled the page reloads to show that (the plan to edit, the player, the reason).
 * Whenever the live connection (re)opens it reads the song afresh, since events sent before that
 * are gone. Without JavaScript the page around it refreshes itself.
 */
import { useEffect, useState } from "preact/hooks";
import { followTopic } from "../lib/browser/realtime.ts";
import {
  etaSeconds,
  isGenerating,
  isPending,
  overallPercent,
  type Sighting,
  type SongState,
  songStateOf,
  songTopic,
} from "../lib/browser/studio_view.ts";
import { SongProgress } from "../components/SongProgress.tsx";

export interface SongLiveProps {
  id: string;
  song: SongState;
}

export default function SongLive(props: SongLiveProps) {
  const [song, setSong] = useState(props.song);
  const [live, setLive] = useState(false);
  const [now, setNow] = useState(0);
  // The pace is measured from the first percentage this page saw.
  const [first, setFirst] = useState<Sighting | null>(null);
  const id = props.id;

  useEffect(() => {
    let stopped = false;
    if (props.song.status === "running") {
      setFirst({ at: Date.now(), percent: overallPercent(props.song) });
    }
    const apply = (next: SongState) => {
      if (stopped) return;
      if (!isPending(next.status)) {
        // The finished song's page differs (its plan, its player): load it.
        stopped = true;
        location.replace(location.href);
        return;
      }
      setSong(next);
      const percent = overallPercent(next);
      if (next.status === "running") setFirst((f) => f ?? { at: Date.now(), percent });
    };
    const refresh = () =>
      fetch(`/api/studio/songs/${id}`, { headers: { accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : null))
        .catch(() => null)
        .then((body: { song?: Record<string, unknown> } | null) => {
          const next = body?.song ? songStateOf(body.song) : null;
          if (next) apply(next);
        });
    const stop = followTopic(songTopic(id), {
      progress: (payload) => {
        const next = songStateOf(payload);
        if (next) apply(next);
      },
      refresh: () => void refresh(),
      live: setLive,
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [id]);

  // The time left counts down between events.
  useEffect(() => {
    if (!isGenerating(song)) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [song.status, song.stage]);

  const eta = isGenerating(song) ? etaSeconds(overallPercent(song), first, now) : null;
  return (
    <div data-testid="song-live" data-live={live ? "1" : undefined}>
      <SongProgress song={song} eta={eta} />
    </div>
  );
}
