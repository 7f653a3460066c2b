/** Buttons in the design system's three weights. */
import type { ComponentChildren, JSX } from "preact";

const styles = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700 focus:ring-indigo-500",
  secondary: "bg-white text-gray-900 border border-gray-300 hover:bg-gray-50 focus:ring-indigo-500",
  danger: "bg-red-600 text-white hover:bg-red-700 focus:ring-red-500",
} as const;

export interface ButtonProps {
  children: ComponentChildren;
  variant?: keyof typeof styles;
  type?: "submit" | "button";
  name?: string;
  value?: string;
}

export function Button(
  { children, variant = "primary", type = "submit", name, value }: ButtonProps,
): JSX.Element {
  return (
    <button
      type={type}
      name={name}
      value={value}
      class={`inline-flex items-center justify-center rounded-md px-4 py-2 text-base font-medium focus:outline-none focus:ring-2 focus:ring-offset-2 disabled:opacity-60 ${
        styles[variant]
      }`}
    >
      {children}
    </button>
  );
}

export function LinkButton(
  { href, children }: { href: string; children: ComponentChildren },
): JSX.Element {
  return (
    <a
      href={href}
      class="inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-base font-medium text-white hover:bg-indigo-700"
    >
      {children}
    </a>
  );
}
