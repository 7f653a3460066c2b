/**
 * The backup archive format: a POSIX tar (ustar, PAX headers for long or non-ASCII names), gzip
 * compressed, written and read as streams, so `tar tzf` and `tar xzf` open it too. Only regular
 * files: the restore recreates folders from the names.
 *
 * @module
 */

const BLOCK = 512;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** The archive is not a readable gzip'd tar (truncated, corrupt, or something else). */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveError";
  }
}

/** Rejects names that could land outside the restore folder or be read ambiguously. */
export function checkEntryName(name: string): void {
  const parts = name.split("/");
  if (
    name.length === 0 || name.startsWith("/") || name.includes("\0") || name.includes("\\") ||
    parts.some((p) => p === "" || p === "." || p === "..")
  ) {
    throw new ArchiveError(`The archive holds an unsafe file name: ${JSON.stringify(name)}`);
  }
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, type: "0" | "x", mtime: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (text: string, at: number) => h.set(encoder.encode(text), at);
  put(name, 0);
  put(octal(0o644, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(mtime, 12), 136);
  put("        ", 148); // the checksum counts its own field as spaces
  put(type, 156);
  put("ustar\0" + "00", 257);
  const sum = h.reduce((a, b) => a + b, 0);
  put(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return h;
}

/** A PAX record: "<length> path=<name>\n", where the length counts its own digits. */
function paxPath(name: string): Uint8Array {
  const body = ` path=${name}\n`;
  const bytes = encoder.encode(body).length;
  let len = bytes + 1;
  while (String(len).length + bytes !== len) len = String(len).length + bytes;
  return encoder.encode(`${len}${body}`);
}

const padding = (size: number) => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);

/** Writes a .tar.gz to `file`, entry by entry; `close()` ends it. */
export class ArchiveWriter {
  #writer: WritableStreamDefaultWriter<BufferSource>;
  #done: Promise<void>;
  #mtime = Math.floor(Date.now() / 1000);

  private constructor(writer: WritableStreamDefaultWriter<BufferSource>, done: Promise<void>) {
    this.#writer = writer;
    this.#done = done;
  }

  static async create(file: string): Promise<ArchiveWriter> {
    const out = await Deno.open(file, { write: true, createNew: true, mode: 0o600 });
    const gzip = new CompressionStream("gzip");
    const done = gzip.readable.pipeTo(out.writable);
    return new ArchiveWriter(gzip.writable.getWriter(), done);
  }

  async add(name: string, data: Uint8Array): Promise<void> {
    checkEntryName(name);
    const raw = encoder.encode(name);
    const ascii = raw.length === name.length;
    if (raw.length > 99 || !ascii) {
      const pax = paxPath(name);
      await this.#write(
        header("PaxHeader", pax.length, "x", this.#mtime),
        pax,
        padding(pax.length),
      );
    }
    const shortName = ascii && raw.length <= 99 ? name : name.slice(-90).replace(/[^ -~]/g, "_");
    await this.#write(header(shortName, data.length, "0", this.#mtime), data, padding(data.length));
  }

  async close(): Promise<void> {
    await this.#write(new Uint8Array(BLOCK * 2));
    await this.#writer.close();
    await this.#done;
  }

  /** Ends the stream after a failure (the caller deletes the file). */
  async abort(): Promise<void> {
    await this.#writer.abort().catch(() => {});
    await this.#done.catch(() => {});
  }

  async #write(...parts: Uint8Array[]): Promise<void> {
    for (const p of parts) if (p.length) await this.#writer.write(p as BufferSource);
  }
}

/** Reads exactly n bytes at a time from a byte stream. */
class ByteReader {
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #chunk: Uint8Array = new Uint8Array(0);
  #at = 0;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.#reader = stream.getReader();
  }

  /** n bytes, or null at a clean end (no byte read); a partial read is truncation. */
  async read(n: number): Promise<Uint8Array | null> {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      if (this.#at >= this.#chunk.length) {
        const { value, done } = await this.#reader.read();
        if (done) {
          if (filled === 0) return null;
          throw new ArchiveError("The archive ends early: it is truncated");
        }
        this.#chunk = value;
        this.#at = 0;
        continue;
      }
      const take = Math.min(n - filled, this.#chunk.length - this.#at);
      out.set(this.#chunk.subarray(this.#at, this.#at + take), filled);
      this.#at += take;
      filled += take;
    }
    return out;
  }

  cancel(): Promise<void> {
    return this.#reader.cancel().catch(() => {});
  }
}

function field(h: Uint8Array, at: number, len: number): string {
  const bytes = h.subarray(at, at + len);
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function readHeader(h: Uint8Array): { name: string; size: number; type: string } {
  const stored = parseInt(field(h, 148, 8).trim(), 8);
  const sum = h.reduce((a, b, i) => a + (i >= 148 && i < 156 ? 32 : b), 0);
  if (!Number.isFinite(stored) || stored !== sum) {
    throw new ArchiveError("The archive is corrupt: a file header fails its checksum");
  }
  const prefix = field(h, 345, 155);
  const name = field(h, 0, 100);
  const size = parseInt(field(h, 124, 12).trim() || "0", 8);
  return { name: prefix ? `${prefix}/${name}` : name, size, type: field(h, 156, 1) || "0" };
}

function paxRecords(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of decoder.decode(data).split("\n")) {
    const m = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** One regular file of the archive, read whole. */
export interface ArchiveEntry {
  name: string;
  data: Uint8Array;
}

/**
 * The regular files of a .tar.gz, in order. Throws ArchiveError for anything unreadable: not
 * gzip, truncated, a bad header, an unsafe name.
 */
export async function* readArchive(file: string): AsyncGenerator<ArchiveEntry> {
  let input: Deno.FsFile;
  try {
    input = await Deno.open(file);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) throw new ArchiveError(`No such file: ${file}`);
    throw err;
  }
  const bytes = new ByteReader(input.readable.pipeThrough(new DecompressionStream("gzip")));
  try {
    let longName: string | null = null;
    while (true) {
      const h = await bytes.read(BLOCK);
      if (h === null || h.every((b) => b === 0)) break;
      const { name, size, type } = readHeader(h);
      const data = await bytes.read(size) ?? new Uint8Array(0);
      if (size > 0 && data.length < size) throw new ArchiveError("The archive is truncated");
      await bytes.read(padding(size).length);
      if (type === "x") {
        longName = paxRecords(data).path ?? null;
        continue;
      }
      if (type === "5" || type === "g") continue; // folders and global headers carry no file
      if (type !== "0") throw new ArchiveError(`Unexpected entry type "${type}" for ${name}`);
      const entryName = longName ?? name;
      longName = null;
      checkEntryName(entryName);
      yield { name: entryName, data };
    }
  } catch (err) {
    if (err instanceof ArchiveError) throw err;
    // DecompressionStream reports a bad or cut gzip stream as a TypeError.
    throw new ArchiveError(
      `The archive is not a readable .tar.gz (${err instanceof Error ? err.message : err})`,
    );
  } finally {
    await bytes.cancel();
  }
}
