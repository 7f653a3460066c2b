/**
 * Spotify tokens at rest: AES-256-GCM (Web Crypto) with a key derived from TOKEN_ENCRYPTION_KEY,
 * a fresh 96-bit IV per value and the user's id as associated data, so a ciphertext copied onto
 * another user's row does not decrypt. Stored as `v1.<iv>.<ciphertext>` (base64url).
 *
 * The key material comes from TOKEN_ENCRYPTION_KEY; the embedded platform in dev generates one
 * into DATA_DIR (as it does the JWT secret), tests use a random one per process.
 *
 * @module
 */
import type { Config } from "../../platform/config.ts";
import { isSupabase } from "../../platform/config.ts";
import { randomToken } from "../auth/tokens.ts";

export interface TokenCipher {
  encrypt(plain: string, userId: string): Promise<string>;
  /** Throws when the value was not made by this key for this user. */
  decrypt(stored: string, userId: string): Promise<string>;
}

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const utf8 = new TextEncoder();

/** A cipher keyed by SHA-256 of `material` (any string of at least 32 characters). */
export async function createTokenCipher(material: string): Promise<TokenCipher> {
  if (material.length < 32) throw new Error("TOKEN_ENCRYPTION_KEY must be at least 32 characters");
  const digest = await crypto.subtle.digest(
    "SHA-256",
    utf8.encode(`soundcheck-tokens|${material}`),
  );
  const key = await crypto.subtle.importKey("raw", digest, "AES-GCM", false, [
    "encrypt",
    "decrypt",
  ]);
  return {
    async encrypt(plain, userId) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: utf8.encode(userId) },
        key,
        utf8.encode(plain),
      );
      return `v1.${b64url(iv)}.${b64url(new Uint8Array(ct))}`;
    },
    async decrypt(stored, userId) {
      const [v, iv, ct] = stored.split(".");
      if (v !== "v1" || !iv || !ct) throw new Error("not an encrypted token");
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromB64url(iv), additionalData: utf8.encode(userId) },
        key,
        fromB64url(ct),
      );
      return new TextDecoder().decode(plain);
    },
  };
}

/**
 * The key material: TOKEN_ENCRYPTION_KEY; else random per process in tests; else (embedded)
 * generated once into DATA_DIR/token-key. Supabase mode must set it: functions have no disk.
 */
export async function loadTokenKey(config: Config): Promise<string> {
  if (config.TOKEN_ENCRYPTION_KEY) return config.TOKEN_ENCRYPTION_KEY;
  if (config.APP_ENV === "test") return randomToken(32);
  if (isSupabase(config)) {
    throw new Error("Set TOKEN_ENCRYPTION_KEY (32+ characters) to connect Spotify on Supabase");
  }
  const file = `${config.DATA_DIR}/token-key`;
  try {
    return (await Deno.readTextFile(file)).trim();
  } catch {
    const key = randomToken(32);
    await Deno.mkdir(config.DATA_DIR, { recursive: true });
    await Deno.writeTextFile(file, key, { mode: 0o600 });
    return key;
  }
}
