/**
 * Browser-safe helpers for islands and components (no server imports).
 *
 * @module
 */

/** True in the browser, false during server rendering. */
export const IS_BROWSER: boolean = typeof document !== "undefined";
