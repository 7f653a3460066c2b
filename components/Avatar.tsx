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
        class="rounded-full object-cover"
        data-testid="avatar-img"
      />
    );
  }
  const initials = name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase())
    .join("");
  const colour = colours[[...name].reduce((a, c) => a + c.charCodeAt(0), 0) % colours.length];
  const dim = size >= 96 ? "h-32 w-32 text-4xl" : "h-10 w-10 text-base";
  return (
    <span
      role="img"
      aria-label={`Initials of ${name}`}
      class={`inline-flex items-center justify-center rounded-full font-bold text-white ${colour} ${dim}`}
    >
      {initials || "?"}
    </span>
  );
}
