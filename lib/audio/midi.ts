/**
 * Standard MIDI files, format 1: a conductor track (name, tempo, time signature) then one track
 * per part, each with its name, program change and notes.
 *
 * @module
 */

export interface MidiNote {
  /** Start in ticks. */
  tick: number;
  /** Length in ticks (≥ 1). */
  duration: number;
  /** MIDI key 0..127. */
  key: number;
  /** Velocity 1..127. */
  velocity: number;
}

export interface MidiTrack {
  name: string;
  /** Channel 0..15 (9 is General MIDI percussion). */
  channel: number;
  /** General MIDI program 0..127 (ignored on channel 9). */
  program: number;
  notes: MidiNote[];
}

export interface MidiSong {
  name: string;
  /** Ticks per quarter note. */
  ppq: number;
  /** Quarter notes per minute. */
  bpm: number;
  /** Time signature numerator and denominator (a power of two). */
  timeSignature: [number, number];
  tracks: MidiTrack[];
}

function varLen(n: number, out: number[]): void {
  const bytes = [n & 0x7f];
  while ((n >>= 7) > 0) bytes.unshift((n & 0x7f) | 0x80);
  out.push(...bytes);
}

const utf8 = (s: string) => Array.from(new TextEncoder().encode(s));

function chunk(id: string, body: number[]): number[] {
  const n = body.length;
  return [...utf8(id), (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, ...body];
}

function trackBody(events: { tick: number; order: number; bytes: number[] }[]): number[] {
  events.sort((a, b) => a.tick - b.tick || a.order - b.order);
  const out: number[] = [];
  let now = 0;
  for (const e of events) {
    varLen(e.tick - now, out);
    out.push(...e.bytes);
    now = e.tick;
  }
  varLen(0, out);
  out.push(0xff, 0x2f, 0x00);
  return out;
}

function meta(type: number, data: number[]): number[] {
  const len: number[] = [];
  varLen(data.length, len);
  return [0xff, type, ...len, ...data];
}

const clamp7 = (x: number) => Math.max(0, Math.min(127, Math.round(x)));

/** The bytes of a format-1 MIDI file of `song`. */
export function encodeMidi(song: MidiSong): Uint8Array {
  const [num, den] = song.timeSignature;
  const denPow = Math.round(Math.log2(den));
  if (2 ** denPow !== den) throw new RangeError(`time signature denominator ${den}`);
  const usPerQuarter = Math.round(60_000_000 / song.bpm);
  const conductor = trackBody([
    { tick: 0, order: 0, bytes: meta(0x03, utf8(song.name.slice(0, 120))) },
    {
      tick: 0,
      order: 1,
      bytes: meta(0x51, [
        (usPerQuarter >> 16) & 255,
        (usPerQuarter >> 8) & 255,
        usPerQuarter & 255,
      ]),
    },
    { tick: 0, order: 2, bytes: meta(0x58, [num, denPow, 24, 8]) },
  ]);
  const bytes = [
    ...chunk("MThd", [0, 1, 0, song.tracks.length + 1, (song.ppq >> 8) & 255, song.ppq & 255]),
    ...chunk("MTrk", conductor),
  ];
  for (const t of song.tracks) {
    const ch = t.channel & 15;
    const events = [
      { tick: 0, order: 0, bytes: meta(0x03, utf8(t.name)) },
      { tick: 0, order: 1, bytes: [0xc0 | ch, clamp7(t.program)] },
    ];
    for (const n of t.notes) {
      const on = Math.max(0, Math.round(n.tick));
      const off = on + Math.max(1, Math.round(n.duration));
      // Note-offs sort before note-ons at the same tick, so repeated notes retrigger.
      events.push({
        tick: on,
        order: 3,
        bytes: [0x90 | ch, clamp7(n.key), clamp7(n.velocity) || 1],
      });
      events.push({ tick: off, order: 2, bytes: [0x80 | ch, clamp7(n.key), 0] });
    }
    bytes.push(...chunk("MTrk", trackBody(events)));
  }
  return new Uint8Array(bytes);
}
