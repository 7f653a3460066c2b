/*
 * Views for admins working in Supabase Studio (signed in to the dashboard, they query as the
 * `postgres` role). They live in their own schema, `admin`, which the Data API does not expose, and
 * run with the reader's rights (security_invoker): an API role reaching them would still meet RLS
 * and its missing grants. README "Admin and operations" says which view answers which question;
 * changes are made through the admin console or the public.admin_* functions, which audit them.
 */

create schema if not exists admin;
revoke all on schema admin from public, anon, authenticated, service_role;

/* Every account with its profile, roles, suspension, verification and pending deletion. */
create or replace view admin.users with (security_invoker = true) as
select u.id, u.email, p.display_name, p.is_musician, p.is_client, u.created_at,
       u.last_sign_in_at,
       case when u.banned_until > now() then u.banned_until end as suspended_until,
       case when u.banned_until > now() then s.reason end as suspension_reason,
       m.verified_at, d.requested_at as deletion_requested_at, d.purge_after, u.deleted_at
  from auth.users u
  left join public.profiles p on p.id = u.id
  left join public.musician_profiles m on m.id = u.id
  left join private.user_suspensions s on s.user_id = u.id
  left join private.account_deletions d on d.user_id = u.id and d.purged_at is null;

/* The moderation queue: open reports, oldest first, with how many people reported the target. */
create or replace view admin.open_reports with (security_invoker = true) as
select r.id, r.created_at, r.target_type, r.target_id, r.target_label, r.reason, r.details,
       r.reporter_id,
       count(*) over (partition by r.target_type, r.target_id) as reports_on_target
  from public.reports r
 where r.status = 'open'
 order by r.created_at;

/* Each booking's ledger by account: every transaction sums to zero, so `total` per booking is 0. */
create or replace view admin.booking_ledger with (security_invoker = true) as
select e.booking_id, e.currency, e.account, sum(e.amount_minor) as amount_minor,
       count(*) as entries, max(e.created_at) as last_entry_at
  from public.ledger_entries e
 group by e.booking_id, e.currency, e.account;

/* Payouts and refunds whose provider calls failed (retry them on /admin/payments). */
create or replace view admin.failed_money with (security_invoker = true) as
select p.id as payment_id, p.booking_id, p.part, p.provider, p.currency, p.fee_minor,
       p.payout_state, p.payout_error, p.refund_state, p.refund_error, p.updated_at
  from public.payments p
 where p.payout_state = 'failed' or p.refund_state = 'failed';

/* Disputes still waiting for a decision (decide them on /admin/disputes). */
create or replace view admin.open_disputes with (security_invoker = true) as
select d.id, d.booking_id, d.payment_id, d.opened_by, d.reason, d.created_at
  from public.disputes d
 where d.state = 'open'
 order by d.created_at;

/* E-mails and SMS the outbox gave up on, with the provider's error (retry on /admin/outbox). */
create or replace view admin.failed_outbox with (security_invoker = true) as
select o.id, o.channel, o.recipient, o.subject, o.attempts, o.last_error, o.created_at
  from public.outbox o
 where o.status = 'failed'
 order by o.created_at desc;

-- Queue depths are not a view: pgmq's own upgrades replace pgmq.metrics_all(), which a view
-- would pin. Studio users run `select * from pgmq.metrics_all()` (README).

revoke all on all tables in schema admin from public, anon, authenticated, service_role;
