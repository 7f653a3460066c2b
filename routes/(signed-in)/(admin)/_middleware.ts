/** Admins' pages (JWT `app_metadata.role = 'admin'`); RLS and the SQL functions check it again. */
import { define } from "../../../utils.ts";
import { requireAdmin } from "../../../lib/web/guards.ts";

export const handler = define.middleware(requireAdmin);
