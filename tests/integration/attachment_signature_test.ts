/**
 * Chat attachments are checked by signature: a file's first bytes must be those of the type it
 * is stored (and later served) as. An upload declared as a PDF (by its type or, for a bare
 * upload, its name) must start with `%PDF-`; every other accepted type has its own magic bytes.
 * A mismatch is a 415 naming the field `file`, and nothing is stored: no object, no message.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { startTestApp, TINY_PNG } from "../_helpers/app.ts";
import { chatWorld } from "../_helpers/chat.ts";
import { checkSignature } from "../../lib/domains/chat/attachments.ts";
import { ATTACHMENT_TYPES } from "../../lib/shared/limits.ts";
import { StorageError } from "../../lib/ports/storage/port.ts";

const text = (s: string) => new TextEncoder().encode(s);
const cat = (...parts: (Uint8Array | number[])[]) => {
  const out: number[] = [];
  for (const p of parts) out.push(...p);
  return Uint8Array.from(out);
};

/** A genuine start of a file of every accepted type. */
const GENUINE: Record<string, Uint8Array> = {
  "image/png": TINY_PNG,
  "image/jpeg": cat([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], text("JFIF")),
  "image/webp": cat(text("RIFF"), [0x24, 0, 0, 0], text("WEBPVP8 ")),
  "image/gif": text("GIF89a\x01\x00\x01\x00"),
  // An ID3v2 tag (size 4), then an MPEG-1 layer III frame header.
  "audio/mpeg": cat(text("ID3"), [3, 0, 0, 0, 0, 0, 4], [1, 2, 3, 4], [0xff, 0xfb, 0x90, 0x64]),
  "audio/mp4": cat([0, 0, 0, 0x20], text("ftypM4A "), [0, 0, 0, 0]),
  "audio/aac": cat([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]),
  "audio/ogg": cat(text("OggS"), [0, 2, 0, 0]),
  "audio/wav": cat(text("RIFF"), [0x24, 0, 0, 0], text("WAVEfmt ")),
  "audio/x-wav": cat(text("RIFF"), [0x24, 0, 0, 0], text("WAVEfmt ")),
  "audio/flac": cat(text("fLaC"), [0, 0, 0, 0x22]),
  "audio/webm": cat([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]),
  "application/pdf": text("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"),
};

const HTML = text("<!doctype html><script>fetch('/api/profile').then(r => r.text())</script>");

function refusal(fn: () => void): [number, string | undefined] | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (!(e instanceof StorageError)) throw e;
    return [e.status, e.field];
  }
}

Deno.test("attachment signatures - every accepted type is checked by its magic bytes", () => {
  for (const type of ATTACHMENT_TYPES) {
    const good = GENUINE[type];
    assert(good, `a genuine sample of ${type}`);
    assertEquals(refusal(() => checkSignature(type, good)), null, `a real ${type} passes`);
    assertEquals(refusal(() => checkSignature(type, HTML)), [415, "file"], `HTML as ${type}`);
    assertEquals(refusal(() => checkSignature(type, new Uint8Array())), [415, "file"]);
  }
  // One real type declared as another is refused too.
  assertEquals(refusal(() => checkSignature("application/pdf", TINY_PNG)), [415, "file"]);
  assertEquals(refusal(() => checkSignature("audio/mpeg", GENUINE["audio/aac"])), [415, "file"]);
  assertEquals(refusal(() => checkSignature("audio/webm", GENUINE["audio/wav"])), [415, "file"]);
  assertEquals(refusal(() => checkSignature("image/webp", GENUINE["audio/wav"])), [415, "file"]);
  // An ID3 tag must be followed by the audio it announces.
  const tagOnly = cat(text("ID3"), [3, 0, 0, 0, 0, 0, 4], [1, 2, 3, 4], text("<html>"));
  assertEquals(refusal(() => checkSignature("audio/mpeg", tagOnly)), [415, "file"]);
  assertEquals(refusal(() => checkSignature("audio/flac", tagOnly)), [415, "file"]);
  assertEquals(refusal(() => checkSignature("text/html", HTML)), [415, "file"]);
});

Deno.test({
  name: "attachment signatures - a forged upload is a 415 naming the file, and nothing is stored",
  sanitizeOps: false,
  sanitizeResources: false,
}, async () => {
  await using app = await startTestApp({ WORKER: "off" });
  const { client, conversation, call } = await chatWorld(app);
  const id = conversation.conversationId;
  const msgs = `/api/conversations/${id}/messages`;
  const upload = (bytes: Uint8Array, name: string, type?: string) => {
    const form = new FormData();
    form.set("file", new File([bytes as BlobPart], name, type ? { type } : {}));
    return call(client, "POST", msgs, form);
  };
  const stored = async () => {
    const [row] = await app.platform.db.driver.query<{ messages: number; objects: number }>(
      `select (select count(*)::int from public.messages where conversation_id = $1) as messages,
              (select count(*)::int from storage.objects
                where bucket_id = 'attachments' and name like $1 || '/%') as objects`,
      [id],
    );
    return row;
  };
  const before = await stored();

  // Declared a PDF by its type, or by its name in a bare upload: the bytes must say %PDF-.
  for (
    const [bytes, name, type] of [
      [HTML, "rider.pdf", "application/pdf"],
      [HTML, "rider.pdf", undefined],
      [HTML, "rider.pdf", "application/octet-stream"],
      [text(" %PDF-1.4 (not at the start)"), "rider.pdf", "application/pdf"],
      [TINY_PNG, "rider.pdf", "application/pdf"],
      [HTML, "song.mp3", "audio/mpeg"],
      [HTML, "voice.ogg", undefined],
      [GENUINE["audio/wav"], "clip.webm", "audio/webm"],
    ] as [Uint8Array, string, string | undefined][]
  ) {
    const r = await upload(bytes, name, type);
    assertEquals(
      [r.status, r.json.error?.field],
      [415, "file"],
      `${name} (${type ?? "no type"}): ${JSON.stringify(r.json)}`,
    );
  }
  const refused = await upload(HTML, "rider.pdf", "application/pdf");
  assertEquals(
    refused.json.error?.message,
    "The file is not a valid PDF: its contents do not match its type",
  );
  assertEquals(await stored(), before, "no object and no message for a refused file");

  // Genuine files of each kind still go through.
  for (
    const [type, name] of [
      ["application/pdf", "rider.pdf"],
      ["audio/mpeg", "song.mp3"],
      ["audio/wav", "clip.wav"],
      ["image/png", "poster.png"],
    ]
  ) {
    const r = await upload(GENUINE[type], name, type);
    assertEquals(r.status, 201, `${name}: ${JSON.stringify(r.json)}`);
  }
  const bare = await upload(GENUINE["application/pdf"], "setlist.pdf");
  assertEquals([bare.status, bare.json.attachment_type], [201, "application/pdf"]);
  const after = await stored();
  assertEquals([after.messages, after.objects], [before.messages + 5, before.objects + 5]);
});
