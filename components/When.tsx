/**
 * A moment as people read it: relative text ("2 hr ago", "in 3 days") in a `<time>` element
 * whose `datetime` is the ISO instant and whose hover title is the full local time, in the
 * viewer's time zone.
 *
 * The viewer's zone reaches every component through {@link ViewerZone}, which routes/_app.tsx
 * provides from `state.viewerZone`: a request-wide setting, like a locale, that would otherwise
 * be passed down through every list and card.
 *
 * @module
 */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { type TimeParts, timeParts } from "../lib/shared/format.ts";
import { displayZone, eventTimeText } from "../lib/shared/zones.ts";

/** The signed-in viewer's IANA zone; null when signed out or not known. */
export const ViewerZone = createContext<string | null>(null);

/** The signed-in viewer's zone, or null. */
export function useViewerZone(): string | null {
  return useContext(ViewerZone);
}

/** The zone to show times in: the viewer's, else `fallback` (an event's), else null (UTC). */
export function useZone(fallback?: string | null): string | null {
  return displayZone(useContext(ViewerZone), fallback);
}

export interface WhenProps {
  at: Date | string;
  /** Used when the viewer has no zone (signed out): the event's own; else UTC, labelled so. */
  tz?: string | null;
  /** "Now" for the relative text (tests pin it). */
  now?: Date;
  class?: string;
}

export function When({ at, tz, now, class: cls }: WhenProps) {
  const t: TimeParts = timeParts(at, { tz: useZone(tz), now });
  return <time dateTime={t.datetime} title={t.title} class={cls}>{t.text}</time>;
}

export interface EventTimeProps {
  at: Date | string;
  /** The event's zone: its start is told in it. */
  tz: string | null;
  /** Between the day and the time: ", " (default) or " at ". */
  sep?: string;
  class?: string;
}

/**
 * An event's start in the event's zone, and the viewer's clock when it reads otherwise:
 * "Friday 12 December, 19:00 (13:00 your time)". The hover title is the full time and zone.
 */
export function EventTime({ at, tz, sep, class: cls }: EventTimeProps) {
  const viewer = useContext(ViewerZone);
  const zone = displayZone(tz, viewer);
  const t = timeParts(at, { tz: zone });
  return (
    <time dateTime={t.datetime} title={t.title} class={cls}>
      {eventTimeText(at, zone, viewer, { sep })}
    </time>
  );
}
