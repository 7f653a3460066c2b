/** The embedded JWT secret: from JWT_SECRET, else generated once into DATA_DIR (dev), else random. */
import type { Config } from "./config.ts";
import { randomToken } from "../ports/auth/tokens.ts";

export async function loadJwtSecret(config: Config): Promise<string> {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.APP_ENV === "test") return randomToken(48);
  const file = `${config.DATA_DIR}/jwt-secret`;
  try {
    return (await Deno.readTextFile(file)).trim();
  } catch {
    const secret = randomToken(48);
    await Deno.mkdir(config.DATA_DIR, { recursive: true });
    await Deno.writeTextFile(file, secret, { mode: 0o600 });
    return secret;
  }
}
