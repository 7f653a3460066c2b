/**
 * Heavy DSP off the main thread. Embedded, the queue worker shares the web server's thread: a
 * master (decode, EQ, limiter, WAV and MP3 encoding) is seconds of synchronous CPU that would
 * hold back every request meanwhile. `runDsp` runs a named task (tasks.ts) in a Web Worker
 * instead and resolves with its result; the typed arrays' buffers are transferred both ways, not
 * copied, so the caller must not use the input's arrays afterwards.
 *
 * - Workers: one per running task, kept a while when idle (module loading is the start-up cost)
 *   and capped at MAX_BUSY running at once (more wait their turn). The queues' concurrencies
 *   bound what runs: a master uses two at once for its MP3 (master_files.ts), a meter or a
 *   song's encoding one.
 * - Progress: the task's reports reach `onProgress(percent, phase)`.
 * - Errors: re-thrown as the task's class where this side knows it (MasterError with its `code`,
 *   WavError, RangeError, TypeError), else a `DspError` with the same name and code.
 * - `signal` aborts: the worker is terminated at once and the call rejects with the reason;
 *   `closeDsp()` terminates every worker (the platform's shutdown).
 * - Without `Worker` (or when one cannot start) the task runs inline, on this thread, with the
 *   same code: the same bytes out. The Supabase Edge Runtime runs each function in its own
 *   isolate with a CPU budget per request (2 s) and documents no Web Workers: mastering there
 *   needs the app's worker process anyway (README).
 *
 * @module
 */
import { runTask, type TaskInput, type TaskName, type TaskOutput } from "./tasks.ts";
import { buffersOf, type Reply, reviveError } from "./protocol.ts";

export { DspError } from "./protocol.ts";
export type { TaskInput, TaskName, TaskOutput } from "./tasks.ts";

export interface DspOptions {
  onProgress?(percent: number, phase: string): void;
  signal?: AbortSignal;
  /** Run on this thread even where workers exist (the fallback; tests compare both). */
  inline?: boolean;
}

/** Tasks running in workers at once; more wait for one to finish. */
const MAX_BUSY = 4;
/** Idle workers kept for the next task, and for how long. */
const MAX_IDLE = 2;
const IDLE_MS = 15_000;

interface Idle {
  worker: Worker;
  timer: ReturnType<typeof setTimeout>;
}

const idle: Idle[] = [];
const busy = new Set<{ worker: Worker; fail(err: Error): void }>();
const waiting: (() => void)[] = [];
let nextId = 1;
let workersUnavailable = false;

/** Tasks running in workers now. */
export function dspRunning(): number {
  return busy.size;
}

/** True when tasks run in workers here (false: inline, e.g. no `Worker` in this runtime). */
export function dspInWorkers(): boolean {
  return !workersUnavailable && typeof Worker === "function";
}

function spawn(): Worker | null {
  if (!dspInWorkers()) return null;
  try {
    return new Worker(new URL("./dsp_worker.ts", import.meta.url), { type: "module" });
  } catch {
    workersUnavailable = true;
    return null;
  }
}

function release(worker: Worker, reusable: boolean) {
  waiting.shift()?.();
  if (!reusable || idle.length >= MAX_IDLE) {
    worker.terminate();
    return;
  }
  const timer = setTimeout(() => {
    idle.splice(idle.indexOf(entry), 1);
    worker.terminate();
  }, IDLE_MS);
  const entry: Idle = { worker, timer };
  // The timer must not keep the process alive (an idle worker does until it ends: closeDsp()).
  Deno.unrefTimer(timer as unknown as number);
  idle.push(entry);
}

function abortError(signal: AbortSignal): Error {
  const r = signal.reason;
  return r instanceof Error ? r : new DOMException("The DSP task was aborted.", "AbortError");
}

/** Runs `task` off the main thread (or inline where it cannot); see the module's doc. */
export async function runDsp<N extends TaskName>(
  task: N,
  input: TaskInput<N>,
  opts: DspOptions = {},
): Promise<TaskOutput<N>> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw abortError(signal);
  while (!opts.inline && dspInWorkers() && busy.size >= MAX_BUSY) {
    await new Promise<void>((resolve) => waiting.push(resolve));
    if (signal?.aborted) throw abortError(signal);
  }
  const kept = opts.inline ? undefined : idle.pop();
  if (kept) clearTimeout(kept.timer);
  const spawned = kept?.worker ?? (opts.inline ? null : spawn());
  if (!spawned) {
    return runTask(task, input, (phase, percent) => onProgress?.(percent, phase));
  }
  const worker = spawned;
  const id = nextId++;
  return await new Promise<TaskOutput<N>>((resolve, reject) => {
    const slot = {
      worker,
      fail(err: Error) {
        finish(false);
        reject(err);
      },
    };
    const onAbort = () => slot.fail(abortError(signal!));
    function finish(reusable: boolean) {
      busy.delete(slot);
      signal?.removeEventListener("abort", onAbort);
      worker.onmessage = null;
      worker.onerror = null;
      release(worker, reusable);
    }
    worker.onmessage = (e: MessageEvent<Reply>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === "progress") {
        onProgress?.(m.percent, m.phase);
      } else if (m.type === "done") {
        finish(true);
        resolve(m.output as TaskOutput<N>);
      } else {
        finish(true);
        reject(reviveError(m.error));
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      slot.fail(new Error(`DSP worker failed: ${e.message}`));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    busy.add(slot);
    try {
      worker.postMessage({ id, task, input }, buffersOf(input));
    } catch (err) {
      slot.fail(err instanceof Error ? err : new Error(String(err))); // e.g. a detached buffer
    }
  });
}

/** Terminates every DSP worker: running tasks reject (shutdown). */
export function closeDsp(): void {
  for (const { worker, timer } of idle.splice(0)) {
    clearTimeout(timer);
    worker.terminate();
  }
  for (const slot of [...busy]) slot.fail(new Error("DSP workers were shut down."));
}
