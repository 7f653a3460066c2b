/**
 * The embedded auth adapter: what Supabase Auth does, in this process, on the same `auth.users`
 * and `auth.refresh_tokens` tables. Like GoTrue it uses its own (owner) connection for the auth
 * schema; application data is still only reached through `asUser`/`asService`.
 */
import bcrypt from "bcryptjs";
import type { Db, Tx } from "../db/mod.ts";
import { AuthError, type AuthPort, type AuthUser, type Session } from "./port.ts";
import { randomToken, sha256, type TokenSigner } from "./tokens.ts";

const BCRYPT_COST = 10;
const RESET_TTL_MINUTES = 60;

interface UserRow {
  id: string;
  email: string;
  encrypted_password: string | null;
  raw_user_meta_data: Record<string, unknown> | null;
  banned_until: Date | null;
  deleted_at: Date | null;
}

const toUser = (r: UserRow): AuthUser => ({
  id: r.id,
  email: r.email,
  user_metadata: r.raw_user_meta_data ?? {},
});

export interface EmbeddedAuthOptions {
  db: Db;
  signer: TokenSigner;
  /** Where reset e-mails go: the outbox, drained by the notify queue (dev outbox page). */
  sendMail: (tx: Tx, mail: { to: string; subject: string; body: string }) => Promise<void>;
}

export function createEmbeddedAuth({ db, signer, sendMail }: EmbeddedAuthOptions): AuthPort {
  const owner = db.driver;

  async function issue(tx: Tx, user: AuthUser, sessionId: string, parent: string | null) {
    const refreshToken = randomToken();
    await tx.query(
      `insert into auth.refresh_tokens (token, user_id, parent, session_id) values ($1, $2, $3, $4)`,
      [refreshToken, user.id, parent, sessionId],
    );
    const { token, expiresAt } = await signer.sign(user, sessionId);
    return { accessToken: token, refreshToken, expiresAt, user } satisfies Session;
  }

  async function findByEmail(tx: Tx, email: string): Promise<UserRow | undefined> {
    const [row] = await tx.query<UserRow>(
      `select id, email, encrypted_password, raw_user_meta_data, banned_until, deleted_at
       from auth.users where lower(email) = lower($1)`,
      [email],
    );
    return row;
  }

  return {
    async signUp({ email, password, metadata }) {
      const hash = await bcrypt.hash(password, BCRYPT_COST);
      return await owner.transaction(async (tx) => {
        if (await findByEmail(tx, email)) {
          throw new AuthError(409, "An account with this e-mail already exists", "email");
        }
        const [row] = await tx.query<UserRow>(
          `insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
             email_confirmed_at, raw_app_meta_data, raw_user_meta_data, last_sign_in_at)
           values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated',
             'authenticated', $1, $2, now(), '{"provider":"email","providers":["email"]}', $3, now())
           returning id, email, encrypted_password, raw_user_meta_data, banned_until, deleted_at`,
          [email.toLowerCase(), hash, JSON.stringify(metadata)],
        );
        return await issue(tx, toUser(row), crypto.randomUUID(), null);
      });
    },

    async signIn({ email, password }) {
      const row = await owner.transaction((tx) => findByEmail(tx, email));
      // Compare against a dummy hash for unknown e-mails so timing does not reveal accounts.
      const ok = await bcrypt.compare(
        password,
        row?.encrypted_password ?? "$2b$10$cEayRepI.mQ9HiBjpWlFTeyv1OwTedD7PZ24nIdVrcWGe3IhLMQ7a",
      );
      if (!row || !ok || row.deleted_at) {
        throw new AuthError(400, "Wrong e-mail or password", "password");
      }
      if (row.banned_until && row.banned_until > new Date()) {
        throw new AuthError(403, "This account is suspended", "email");
      }
      return await owner.transaction(async (tx) => {
        await tx.query("update auth.users set last_sign_in_at = now() where id = $1", [row.id]);
        return await issue(tx, toUser(row), crypto.randomUUID(), null);
      });
    },

    async refresh(refreshToken) {
      const outcome = await owner.transaction(async (tx) => {
        const [rt] = await tx.query<{ user_id: string; revoked: boolean; session_id: string }>(
          "select user_id, revoked, session_id from auth.refresh_tokens where token = $1 for update",
          [refreshToken],
        );
        if (!rt) return null;
        if (rt.revoked) {
          // A used token presented again means it leaked: end that whole session, as GoTrue does.
          // Committed before the error is raised, so the revocation sticks.
          await tx.query("update auth.refresh_tokens set revoked = true where session_id = $1", [
            rt.session_id,
          ]);
          return null;
        }
        await tx.query(
          "update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1",
          [refreshToken],
        );
        const [row] = await tx.query<UserRow>(
          `select id, email, encrypted_password, raw_user_meta_data, banned_until, deleted_at
           from auth.users where id = $1::uuid`,
          [rt.user_id],
        );
        if (!row || row.deleted_at) return null;
        return await issue(tx, toUser(row), rt.session_id, refreshToken);
      });
      if (!outcome) throw new AuthError(401, "Your session has ended: please sign in again");
      return outcome;
    },

    async signOut(refreshToken) {
      await owner.query(
        `update auth.refresh_tokens set revoked = true, updated_at = now()
         where session_id = (select session_id from auth.refresh_tokens where token = $1)`,
        [refreshToken],
      );
    },

    verify: (token) => signer.verify(token),

    async requestPasswordReset(email, redirectTo) {
      const token = randomToken();
      const tokenHash = await sha256(token);
      await owner.transaction(async (tx) => {
        const row = await findByEmail(tx, email);
        if (!row) return; // silent: do not reveal which addresses have accounts
        await tx.query(
          "update auth.users set recovery_token = $1, recovery_sent_at = now() where id = $2",
          [tokenHash, row.id],
        );
        const link = `${redirectTo}${redirectTo.includes("?") ? "&" : "?"}token=${token}`;
        await sendMail(tx, {
          to: row.email,
          subject: "Reset your Soundcheck password",
          body: `Someone asked to reset the password of your Soundcheck account.\n\n` +
            `Choose a new password here (valid for ${RESET_TTL_MINUTES} minutes):\n${link}\n\n` +
            `If it was not you, ignore this e-mail.`,
        });
      });
    },

    async resetPassword(token, newPassword) {
      const tokenHash = await sha256(token);
      const hash = await bcrypt.hash(newPassword, BCRYPT_COST);
      return await owner.transaction(async (tx) => {
        const [row] = await tx.query<UserRow>(
          `update auth.users set encrypted_password = $2, recovery_token = null, updated_at = now()
           where recovery_token = $1 and recovery_sent_at > now() - make_interval(mins => $3)
           returning id, email, encrypted_password, raw_user_meta_data, banned_until, deleted_at`,
          [tokenHash, hash, RESET_TTL_MINUTES],
        );
        if (!row) throw new AuthError(400, "This reset link is invalid or has expired", "token");
        await tx.query("update auth.refresh_tokens set revoked = true where user_id = $1", [
          row.id,
        ]);
        return await issue(tx, toUser(row), crypto.randomUUID(), null);
      });
    },
  };
}
