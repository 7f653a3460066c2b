/**
 * A moment as people read it: relative text ("2 hr ago", "in 3 days") in a `<time>` element
 * whose `datetime` is the ISO instant and whose hover title is the full local time.
 *
 * @module
 */
import { type TimeParts, timeParts } from "../lib/shared/format.ts";

export interface WhenProps {
  at: Date | string;
  /** The viewer's or the event's IANA zone; UTC (labelled so) when unknown. */
  tz?: string | null;
  /** "Now" for the relative text (tests pin it). */
  now?: Date;
  class?: string;
}

export function When({ at, tz, now, class: cls }: WhenProps) {
  const t: TimeParts = timeParts(at, { tz, now });
  return <time dateTime={t.datetime} title={t.title} class={cls}>{t.text}</time>;
}
