-- Demo data for local development (`make dev`, `supabase db reset`). Password for every demo
-- account: soundcheck-demo. Idempotent: rows with fixed ids are skipped when present.

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', v.id::uuid, 'authenticated', 'authenticated', v.email,
       extensions.crypt('soundcheck-demo', extensions.gen_salt('bf', 10)), now(),
       '{"provider":"email","providers":["email"],"demo":true}'::jsonb, v.meta::jsonb, now(), now()
from (values
  ('00000000-0000-4000-8000-00000000d001', 'musician@demo.soundcheck.local',
   '{"display_name":"Maya Ortiz","is_musician":true,"is_client":false}'),
  ('00000000-0000-4000-8000-00000000d002', 'client@demo.soundcheck.local',
   '{"display_name":"The Blue Door Jazz Club","is_musician":false,"is_client":true}'),
  ('00000000-0000-4000-8000-00000000d003', 'both@demo.soundcheck.local',
   '{"display_name":"Sam Okafor","is_musician":true,"is_client":true}')
) as v(id, email, meta)
where not exists (select 1 from auth.users u where u.id = v.id::uuid);
