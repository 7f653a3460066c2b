/** A round avatar: the uploaded photo, else the initials on a colour derived from the name. */
import type { JSX } from "preact";

const colours = [
  "bg-indigo-600",
  "bg-pink-600",
  "bg-green-700",
  "bg-amber-700",
  "bg-sky-700",
  "bg-purple-700",
];

/** Whole classes (the stylesheet is built from the sources): 40, 48, 64 or 128 px. */
function box(size: number): string {
  if (size >= 96) return "h-32 w-32";
  if (size >= 56) return "h-16 w-16";
  if (size >= 44) return "h-12 w-12";
  return "h-10 w-10";
}

export function Avatar(
  { name, url, size = 40 }: { name: string; url: string | null; size?: number },
): JSX.Element {
  if (url) {
    return (
      <img
        src={url}
        alt={`Photo of ${name}`}
        width={size}
        height={size}
        // A fixed box: the preflight's `height: auto` would let a tall photo stretch the circle.
        class={`shrink-0 rounded-full object-cover ${box(size)}`}
        data-testid="avatar-img"
      />
    );
  }
  const initials = name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase())
    .join("");
  const colour = colours[[...name].reduce((a, c) => a + c.charCodeAt(0), 0) % colours.length];
  const text = size >= 96 ? "text-4xl" : size >= 56 ? "text-2xl" : "text-base";
  return (
    <span
      role="img"
      aria-label={`Initials of ${name}`}
      class={`inline-flex shrink-0 items-center justify-center rounded-full font-bold text-white ${colour} ${text} ${
        box(size)
      }`}
    >
      {initials || "?"}
    </span>
  );
}
