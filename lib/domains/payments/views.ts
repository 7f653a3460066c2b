/** Read-only views of escrow payments for pages: the booking's timeline and a musician's earnings. */
export * from "./timeline.ts";
export * from "./earnings.ts";
export { failedWorkText } from "./work_text.ts";
