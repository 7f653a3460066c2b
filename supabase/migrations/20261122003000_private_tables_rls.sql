-- Defence in depth: the private schema is not exposed through the API, but its tables get RLS on
-- (with no user policy) too, so a future grant by mistake still exposes no rows. The worker runs as
-- service_role (bypassrls) and security-definer functions run as the owner, so nothing changes.
alter table private.job_runs enable row level security;
alter table private.match_notices enable row level security;
