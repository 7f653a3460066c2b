/**
 * What mod.ts and the worker say to each other, and how errors and buffers cross between them.
 *
 * @module
 */
import { MasterError, type MasterErrorCode } from "../master/mod.ts";
import { WavError } from "../wav.ts";

export interface Request {
  id: number;
  task: string;
  input: unknown;
}

export interface WireError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

export type Reply =
  | { id: number; type: "progress"; phase: string; percent: number }
  | { id: number; type: "done"; output: unknown }
  | { id: number; type: "error"; error: WireError };

/** An error from a task whose class this side does not know: its name and code are kept. */
export class DspError extends Error {
  constructor(name: string, message: string, readonly code?: string) {
    super(message);
    this.name = name;
  }
}

export function serializeError(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: "Error", message: String(err) };
  const code = (err as { code?: unknown }).code;
  return {
    name: err.name,
    message: err.message,
    code: typeof code === "string" ? code : undefined,
    stack: err.stack,
  };
}

/** The error as the task threw it: the same class where this side knows it. */
export function reviveError(e: WireError): Error {
  let err: Error;
  if (e.name === "MasterError") err = new MasterError(e.code as MasterErrorCode, e.message);
  else if (e.name === "WavError") err = new WavError(e.message);
  else if (e.name === "RangeError") err = new RangeError(e.message);
  else if (e.name === "TypeError") err = new TypeError(e.message);
  else err = new DspError(e.name, e.message, e.code);
  if (e.stack) err.stack = e.stack;
  return err;
}

/**
 * The buffers of the typed arrays in `value` (objects and arrays walked), to transfer rather than
 * copy. Only a view that spans its whole buffer: a slice of a larger buffer the caller may still
 * use elsewhere is copied instead.
 */
export function buffersOf(value: unknown, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    const b = value.buffer;
    if (b instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === b.byteLength) {
      out.add(b);
    }
  } else if (Array.isArray(value)) {
    for (const v of value) buffersOf(v, out);
  } else if (value && typeof value === "object") {
    for (const v of Object.values(value)) buffersOf(v, out);
  }
  return [...out];
}
