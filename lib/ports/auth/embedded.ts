/**
 * The embedded auth adapter: what Supabase Auth does, in this process, on the same `auth.users`
 * and `auth.refresh_tokens` tables. Like GoTrue it uses its own (owner) connection for the auth
 * schema; application data is still only reached through `asUser`/`asService`.
 */
import bcrypt from "bcryptjs";
import type { Db, Tx } from "../db/mod.ts";
import { AuthError, type AuthPort, type AuthUser, type Session } from "./port.ts";
import { randomToken, sha256, type TokenSigner } from "./tokens.ts";
import { AUTH_USER_COLUMNS, type AuthUserRow, gotrueUser } from "./user.ts";
import { isUuid } from "../../shared/ids.ts";

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

/** Banned until a time still to come (`banned_until` in the past is a ban that has ended). */
const isBanned = (r: UserRow): boolean =>
  r.banned_until !== null && new Date(r.banned_until).getTime() > Date.now();

/**
 * Why an account may not have a session, as the error to answer with, or null when it may: a
 * deleted account's session has ended (401, as for any ended session), a banned one is
 * suspended (403, as at sign-in).
 */
function refusal(r: UserRow): AuthError | null {
  if (r.deleted_at) return new AuthError(401, "Your session has ended: please sign in again");
  if (isBanned(r)) return new AuthError(403, "This account is suspended");
  return null;
}

/** Ends every session of a user: all their refresh tokens stop working. */
async function revokeAllSessions(tx: Tx, userId: string): Promise<void> {
  await tx.query(
    "update auth.refresh_tokens set revoked = true, updated_at = now() where user_id = $1 and not revoked",
    [userId],
  );
}

export interface EmbeddedAuthOptions {
  db: Db;
  signer: TokenSigner;
  /** Where reset e-mails go: the outbox, drained by the notify queue (dev outbox page). */
  sendMail: (tx: Tx, mail: { to: string; subject: string; body: string }) => Promise<void>;
  /**
   * The seed's demo accounts share a published password: they sign in only in dev on a
   * loopback-only server, never where anyone else can reach them.
   */
  allowDemo?: boolean;
}

export function createEmbeddedAuth(
  { db, signer, sendMail, allowDemo = false }: EmbeddedAuthOptions,
): AuthPort {
  const owner = db.driver;
  const isDemo = async (id: string) =>
    (await owner.query<{ demo: boolean }>(
      "select coalesce(raw_app_meta_data ->> 'demo' = 'true', false) as demo from auth.users where id = $1",
      [id],
    ))[0]?.demo === true;

  async function issue(tx: Tx, user: AuthUser, sessionId: string, parent: string | null) {
    const refreshToken = randomToken();
    await tx.query(
      `insert into auth.refresh_tokens (token, user_id, parent, session_id) values ($1, $2, $3, $4)`,
      [refreshToken, user.id, parent, sessionId],
    );
    // The token carries the server-set app metadata (an admin's role), read fresh at each issue.
    const [m] = await tx.query<{ app: Record<string, unknown> | null }>(
      "select raw_app_meta_data as app from auth.users where id = $1",
      [user.id],
    );
    const { token, expiresAt } = await signer.sign(
      { ...user, app_metadata: m?.app ?? undefined },
      sessionId,
    );
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
      if (!allowDemo && await isDemo(row.id)) {
        throw new AuthError(403, "Demo accounts work only in local development", "email");
      }
      return await owner.transaction(async (tx) => {
        await tx.query("update auth.users set last_sign_in_at = now() where id = $1", [row.id]);
        return await issue(tx, toUser(row), crypto.randomUUID(), null);
      });
    },

    async refresh(refreshToken) {
      // Errors are returned rather than thrown, so that the revocations commit before they are
      // raised.
      const outcome = await owner.transaction(async (tx): Promise<Session | AuthError> => {
        const ended = new AuthError(401, "Your session has ended: please sign in again");
        const [rt] = await tx.query<{ user_id: string; revoked: boolean; session_id: string }>(
          "select user_id, revoked, session_id from auth.refresh_tokens where token = $1 for update",
          [refreshToken],
        );
        if (!rt) return ended;
        if (rt.revoked) {
          // A used token presented again means it leaked: end that whole session, as GoTrue does.
          await tx.query("update auth.refresh_tokens set revoked = true where session_id = $1", [
            rt.session_id,
          ]);
          return ended;
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
        if (!row) return ended;
        const refused = refusal(row);
        if (refused) {
          // A deleted or banned account keeps no session anywhere, not only this one.
          await revokeAllSessions(tx, row.id);
          return refused;
        }
        return await issue(tx, toUser(row), rt.session_id, refreshToken);
      });
      if (outcome instanceof AuthError) throw outcome;
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

    async signOutSessions(accessToken, scope) {
      const claims = await signer.verify(accessToken);
      if (!claims) return;
      const session = isUuid(claims.session_id) ? claims.session_id : null;
      await owner.query(
        `update auth.refresh_tokens set revoked = true, updated_at = now()
         where user_id = $1 and not revoked and case $3::text
           when 'local' then session_id = $2::uuid
           when 'others' then session_id is distinct from $2::uuid
           else true end`,
        [claims.sub, session, scope],
      );
    },

    async getUser(accessToken) {
      const claims = await signer.verify(accessToken);
      if (!claims) return null;
      const session = isUuid(claims.session_id) ? claims.session_id : null;
      // A token outlives its session's sign-out until it expires (RLS still accepts it, as on
      // Supabase), but /user answers for live sessions only, as Supabase Auth does.
      const [row] = await owner.query<AuthUserRow>(
        `select ${AUTH_USER_COLUMNS} from auth.users u
         where u.id = $1::uuid and u.deleted_at is null
           and ($2::uuid is null or exists (select 1 from auth.refresh_tokens t
                                            where t.session_id = $2::uuid and not t.revoked))`,
        [claims.sub, session],
      );
      return row ? gotrueUser(row) : null;
    },

    async requestPasswordReset(email, redirectTo) {
      const token = randomToken();
      const tokenHash = await sha256(token);
      await owner.transaction(async (tx) => {
        const row = await findByEmail(tx, email);
        // Silent for unknown addresses (do not reveal which have accounts), and for deleted or
        // banned accounts too: their reset would be refused.
        if (!row || refusal(row)) return;
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
      // The link carries its token itself: no PKCE flow here.
      return {};
    },

    async resetPassword(proof, newPassword) {
      // Only Supabase Auth's redirect carries a code.
      if (typeof proof !== "string") {
        throw new AuthError(400, "This reset link is invalid or has expired", "token");
      }
      const tokenHash = await sha256(proof);
      const hash = await bcrypt.hash(newPassword, BCRYPT_COST);
      // Errors are returned rather than thrown, so that the revocations commit before they are
      // raised.
      const outcome = await owner.transaction(async (tx): Promise<Session | AuthError> => {
        const [row] = await tx.query<UserRow>(
          `select id, email, encrypted_password, raw_user_meta_data, banned_until, deleted_at
           from auth.users
           where recovery_token = $1 and recovery_sent_at > now() - make_interval(mins => $2)
           for update`,
          [tokenHash, RESET_TTL_MINUTES],
        );
        if (!row) return new AuthError(400, "This reset link is invalid or has expired", "token");
        // A reset ends every session of the account, whatever comes next. The link is used up.
        await revokeAllSessions(tx, row.id);
        const refused = refusal(row);
        if (refused) {
          // A deleted or banned account gets no new password and no session.
          await tx.query("update auth.users set recovery_token = '' where id = $1", [row.id]);
          return refused;
        }
        await tx.query(
          `update auth.users set encrypted_password = $2, recovery_token = '', updated_at = now()
           where id = $1`,
          [row.id, hash],
        );
        return await issue(tx, toUser(row), crypto.randomUUID(), null);
      });
      if (outcome instanceof AuthError) throw outcome;
      return outcome;
    },
  };
}
