/**
 * Cover art and avatars. Live, an image provider draws from `artPrompt` (a text prompt with no
 * real names); offline, `personaArt` generates a deterministic SVG: a palette read from the
 * colour words of the visual identity (a hash of the name fills the rest), a gradient ground,
 * layered shapes by genre family (circles, waves or a horizon grid) and the artist's initials
 * (avatar, 512×512) or name (cover, 1000×1000). The SVG is self-contained: no external
 * references, no script, text escaped, well under 20 KB.
 *
 * @module
 */
import { seededRandom } from "../../gigs/facts.ts";
import { stripArtists } from "../../studio/artists.ts";
import { familyOf } from "../../studio/synth/genres.ts";
import type { Persona } from "../types.ts";

export type ArtKind = "avatar" | "cover";
export type ArtPersona = Pick<Persona, "name" | "visual_identity" | "genres" | "moods">;

const SIZE: Record<ArtKind, number> = { avatar: 512, cover: 1000 };

/** Colour words a visual identity may use, as RGB hex. */
const COLOUR_WORDS: Record<string, string> = {
  red: "#d7263d",
  crimson: "#a4133c",
  scarlet: "#e0301e",
  burgundy: "#6d1a36",
  orange: "#f77f00",
  amber: "#ffb000",
  gold: "#d4a017",
  golden: "#e1b12c",
  yellow: "#ffd60a",
  lime: "#a7e22e",
  green: "#2a9d4b",
  sage: "#9caf88",
  emerald: "#0f8a5f",
  teal: "#138a8a",
  turquoise: "#30c5c0",
  cyan: "#00d1e0",
  aqua: "#3fe0d0",
  blue: "#2a6fdb",
  navy: "#14213d",
  cobalt: "#0047ab",
  indigo: "#3a0ca3",
  violet: "#7b2cbf",
  purple: "#6a1b9a",
  lavender: "#b8a1e3",
  magenta: "#e0219a",
  pink: "#ff5d8f",
  rose: "#e8627c",
  coral: "#ff6f59",
  peach: "#ffb38a",
  cream: "#f4ead5",
  beige: "#e6d5b8",
  sand: "#d8c29d",
  brown: "#7a4e2d",
  black: "#0b0b0f",
  white: "#f7f7f2",
  silver: "#b8bcc6",
  grey: "#6c757d",
  gray: "#6c757d",
};

type Rgb = [number, number, number];

const toRgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const toHex = (c: Rgb) =>
  "#" + c.map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, "0"))
    .join("");
const mix = (a: string, b: string, t: number) => {
  const [x, y] = [toRgb(a), toRgb(b)];
  return toHex(x.map((v, i) => v + (y[i] - v) * t) as Rgb);
};

function hsl(h: number, s: number, l: number): string {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return toHex([f(0) * 255, f(8) * 255, f(4) * 255]);
}

/** Relative luminance, 0 (black) … 1 (white). */
function luminance(hex: string): number {
  const [r, g, b] = toRgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Three colours: the visual identity's colour words in order ("pastel" lightens and "deep" or
 * "dark" darkens the next one), then colours from a hash of `seed`.
 */
export function paletteOf(visual: string, seed: string): string[] {
  const out: string[] = [];
  const tokens = visual.toLowerCase().split(/[^a-z]+/);
  tokens.forEach((w, i) => {
    const hex = COLOUR_WORDS[w];
    if (!hex || out.length >= 3) return;
    const before = tokens[i - 1] ?? "";
    const c = /^(?:pastel|pale|light|soft)$/.test(before)
      ? mix(hex, "#ffffff", 0.45)
      : /^(?:deep|dark)$/.test(before)
      ? mix(hex, "#000000", 0.45)
      : hex;
    if (!out.includes(c)) out.push(c);
  });
  const rand = seededRandom(`palette|${seed}`);
  const hue = Math.floor(rand() * 360);
  const fill = [
    hsl(hue, 0.65, 0.45),
    hsl((hue + 40) % 360, 0.7, 0.3),
    hsl((hue + 180) % 360, 0.8, 0.6),
  ];
  for (const c of fill) if (out.length < 3) out.push(c);
  return out;
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

/** "LV" for "Luna Vale", "R" for "Rafel". */
export function initials(name: string): string {
  const words = name.normalize("NFC").split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const first = (w: string) => [...w].find((ch) => /[\p{L}\p{N}]/u.test(ch)) ?? "";
  const picked = words.length > 1 ? [words[0], words.at(-1)!] : words;
  return picked.map(first).join("").toUpperCase() || "?";
}

const r1 = (n: number) => Math.round(n * 10) / 10;

type Motif = "circles" | "waves" | "grid";
const MOTIF: Record<ReturnType<typeof familyOf>, Motif> = {
  pop: "circles",
  rnb: "circles",
  latin: "circles",
  jazz: "circles",
  electronic: "grid",
  hiphop: "grid",
  rock: "grid",
  ambient: "waves",
  folk: "waves",
  lofi: "waves",
};

function motifShapes(motif: Motif, size: number, accent: string, rand: () => number): string[] {
  const out: string[] = [];
  if (motif === "circles") {
    for (let i = 0; i < 7; i++) {
      const r = size * (0.06 + rand() * 0.22);
      out.push(
        `<circle cx="${r1(rand() * size)}" cy="${r1(rand() * size)}" r="${
          r1(r)
        }" fill="${accent}" ` +
          `fill-opacity="${r1(0.15 + rand() * 0.4)}"/>`,
      );
    }
  } else if (motif === "waves") {
    for (let i = 0; i < 6; i++) {
      const y = size * (0.35 + i * 0.11);
      const amp = size * (0.03 + rand() * 0.05);
      const d = `M0 ${r1(y)} Q${r1(size * 0.25)} ${r1(y - amp)} ${r1(size * 0.5)} ${r1(y)} ` +
        `T${size} ${r1(y)} V${size} H0 Z`;
      out.push(`<path d="${d}" fill="${accent}" fill-opacity="${r1(0.08 + i * 0.05)}"/>`);
    }
  } else {
    const horizon = size * 0.58;
    out.push(
      `<circle cx="${size / 2}" cy="${r1(horizon)}" r="${r1(size * (0.2 + rand() * 0.08))}" ` +
        `fill="${accent}" fill-opacity="0.85"/>`,
    );
    const lines: string[] = [];
    for (let i = 1; i <= 9; i++) {
      const y = horizon + (size - horizon) * (i / 9) ** 1.8;
      lines.push(`M0 ${r1(y)} H${size}`);
    }
    for (let i = -8; i <= 8; i++) {
      lines.push(
        `M${r1(size / 2 + i * size * 0.02)} ${r1(horizon)} L${
          r1(size / 2 + i * size * 0.16)
        } ${size}`,
      );
    }
    out.push(
      `<rect y="${r1(horizon)}" width="${size}" height="${
        r1(size - horizon)
      }" fill="#000" fill-opacity="0.35"/>`,
      `<path d="${lines.join(" ")}" stroke="${accent}" stroke-opacity="0.7" stroke-width="${
        r1(size / 400)
      }" fill="none"/>`,
    );
  }
  return out;
}

/** A deterministic SVG avatar (512×512, initials) or cover (1000×1000, name). */
export function personaArt(persona: ArtPersona, kind: ArtKind): { svg: string } {
  const size = SIZE[kind];
  const seed = `${persona.name}|${persona.visual_identity}`;
  const rand = seededRandom(`art|${kind}|${seed}`);
  let [c1, c2, accent] = paletteOf(persona.visual_identity, seed);
  if (persona.moods.some((m) => /dark|moody|melanchol|brood|gloom/i.test(m))) {
    [c1, c2] = [mix(c1, "#000000", 0.35), mix(c2, "#000000", 0.35)];
  }
  const ground = mix(c1, c2, 0.5);
  const ink = luminance(ground) > 0.35 ? "#111111" : "#ffffff";
  const halo = ink === "#111111" ? "#ffffff" : "#000000";
  const motif = MOTIF[familyOf(persona.genres[0] ?? "pop")];
  const angle = Math.floor(rand() * 4) * 45;

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" role="img">`,
    `<title>${escapeXml(persona.name)}</title>`,
    `<defs><linearGradient id="g" gradientTransform="rotate(${angle} 0.5 0.5)">` +
    `<stop offset="0" stop-color="${c1}"/><stop offset="1" stop-color="${c2}"/></linearGradient>` +
    `<radialGradient id="v"><stop offset="0.55" stop-color="#000" stop-opacity="0"/>` +
    `<stop offset="1" stop-color="#000" stop-opacity="0.45"/></radialGradient></defs>`,
    `<rect width="${size}" height="${size}" fill="url(#g)"/>`,
    ...motifShapes(motif, size, accent, rand),
    `<rect width="${size}" height="${size}" fill="url(#v)"/>`,
  ];
  const font = `font-family="Helvetica, Arial, sans-serif" font-weight="700" fill="${ink}" ` +
    `stroke="${halo}" stroke-opacity="0.25" paint-order="stroke"`;
  if (kind === "avatar") {
    const text = initials(persona.name);
    const fs = text.length > 1 ? 210 : 260;
    parts.push(
      `<text x="${size / 2}" y="${size / 2}" ${font} stroke-width="8" font-size="${fs}" ` +
        `text-anchor="middle" dominant-baseline="central">${escapeXml(text)}</text>`,
    );
  } else {
    const name = persona.name;
    const fs = r1(Math.min(110, 860 / (0.58 * Math.max(1, [...name].length))));
    const genre = (persona.genres[0] ?? "").toUpperCase();
    parts.push(
      `<text x="70" y="${r1(size - 70 - fs * 1.05)}" ${font} stroke-width="4" font-size="30" ` +
        `letter-spacing="6">${escapeXml(genre)}</text>`,
      `<text x="70" y="${size - 70}" ${font} stroke-width="6" font-size="${fs}">${
        escapeXml(name)
      }</text>`,
    );
  }
  parts.push("</svg>");
  return { svg: parts.join("\n") };
}

/** The text prompt for a live image provider: the visual identity, no names, no lettering. */
export function artPrompt(persona: ArtPersona, kind: ArtKind): string {
  const what = kind === "avatar"
    ? "A square avatar for an original, invented musician (not a real person)"
    : "Square album cover art (1:1) for an original, invented musician";
  const genres = persona.genres.slice(0, 3).join(", ");
  const moods = persona.moods.slice(0, 3).join(", ");
  const text = `${what}. Visual identity: ${persona.visual_identity.trim().replace(/\.$/, "")}. ` +
    `Genre: ${genres}. Mood: ${moods}. No text, no lettering, no logos, no likeness of any ` +
    "real person.";
  return stripArtists(text).slice(0, 1000);
}
