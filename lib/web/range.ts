/**
 * Byte ranges (RFC 9110 §14) for stored objects served embedded: browsers' `<audio>` and
 * `<video>` seek by asking for a range, and without `206 Partial Content` Chrome cannot seek at
 * all (setting `currentTime` snaps back to 0). Supabase Storage answers ranges itself.
 *
 * One range per request (what media elements ask for); anything else gets the whole object.
 *
 * @module
 */

/** The inclusive byte range `header` asks of an object of `size` bytes; null: serve it all. */
export function parseRange(header: string | null, size: number): [number, number] | "bad" | null {
  const m = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === "" && m[2] === "")) return null;
  let start: number;
  let end: number;
  if (m[1] === "") {
    // `bytes=-N`: the last N bytes.
    const n = Number(m[2]);
    if (n === 0) return "bad";
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || start >= size || end < start) return "bad";
  return [start, end];
}

/**
 * `res` (a whole object, 200) answered as the part `req` asks for: 206 with Content-Range, or
 * 416 for a range outside it. Every such answer says ranges are accepted.
 */
export async function withRange(req: Request, res: Response): Promise<Response> {
  if (req.method !== "GET" || res.status !== 200 || !res.body) return res;
  const length = Number(res.headers.get("content-length"));
  if (!Number.isSafeInteger(length) || length <= 0) return res;
  const headers = new Headers(res.headers);
  headers.set("accept-ranges", "bytes");
  const range = parseRange(req.headers.get("range"), length);
  if (range === null) return new Response(res.body, { status: 200, headers });
  if (range === "bad") {
    await res.body.cancel();
    headers.set("content-range", `bytes */${length}`);
    headers.delete("content-length");
    return new Response(null, { status: 416, headers });
  }
  // Stored objects are read whole into memory already (StoredObject.body): slicing costs nothing new.
  const body = new Uint8Array(await res.arrayBuffer());
  const [from, to] = range;
  headers.set("content-range", `bytes ${from}-${to}/${length}`);
  headers.set("content-length", String(to - from + 1));
  return new Response(body.subarray(from, to + 1), { status: 206, headers });
}
