/**
 * The DSP worker's entry (started by mod.ts): runs one task per message and answers with its
 * progress, then its result or its error. Typed arrays in the result travel by transfer.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { runTask, type TaskName } from "./tasks.ts";
import { buffersOf, type Reply, type Request, serializeError } from "./protocol.ts";

self.onmessage = (e: MessageEvent<Request>) => {
  const { id, task, input } = e.data;
  const post = (reply: Reply, transfer: Transferable[] = []) => self.postMessage(reply, transfer);
  try {
    const output = runTask(task as TaskName, input as never, (phase, percent) => {
      post({ id, type: "progress", phase, percent });
    });
    post({ id, type: "done", output }, buffersOf(output));
  } catch (err) {
    post({ id, type: "error", error: serializeError(err) });
  }
};
