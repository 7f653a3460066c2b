-- Dispute evidence: the private `evidence` bucket (parties upload while the money is held or the
-- dispute open; parties and admins read), attach_evidence's checks, the note a decision needs, and
-- the admin's booking view, each tried from the attacker's side too.
begin;
select plan(36);

select tests.create_booking_cast();
select tests.authenticate_as('venue');
create temp table b1 as select tests.create_booking('Evidence night', 30) as id;
-- The object names used below: '<booking>/<n>-proof.png'.
create temp table obj as select (select id from b1)::text || '/' || n || '-proof.png' as name, n
  from generate_series(1, 12) n;
grant select on b1, obj to authenticated, service_role;

-- schema ---------------------------------------------------------------------------------------------
select tests.authenticate_as_service_role();
select has_table('public', 'dispute_evidence', 'dispute_evidence exists');
select tests.rls_enabled('public', 'dispute_evidence');
select is((select b.public::text || ' ' || b.file_size_limit::text from storage.buckets b
            where b.id = 'evidence'), 'false 10485760', 'The evidence bucket is private with a 10 MB cap');

-- before the money is held -----------------------------------------------------------------------------
select tests.authenticate_as('maya');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
     values ('evidence', (select name from obj where n = 1), (select auth.uid()),
             (select auth.uid())::text, '{"mimetype": "image/png", "size": 68}') $$,
  '42501', null, 'Nothing to dispute yet: no upload before the money is held');

select tests.authenticate_as('venue');
select public.open_checkout((select id from b1), 'builtin');
select tests.authenticate_as_service_role();
select private.mark_held((select id from public.payments where booking_id = (select id from b1)),
  52500, 'EUR', 'pay_e1', null, 3);

-- uploads ----------------------------------------------------------------------------------------------
select tests.authenticate_as('mallory');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
     values ('evidence', (select name from obj where n = 1), (select auth.uid()),
             (select auth.uid())::text, '{}') $$,
  '42501', null, 'A stranger cannot upload into the booking''s folder');
select tests.authenticate_as('judge');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
     values ('evidence', (select name from obj where n = 1), (select auth.uid()),
             (select auth.uid())::text, '{}') $$,
  '42501', null, 'An admin reads evidence but does not add any');
select tests.authenticate_as('maya');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
     values ('evidence', 'not-a-booking/1-proof.png', (select auth.uid()),
             (select auth.uid())::text, '{}') $$,
  '42501', null, 'A folder that is not a booking is refused');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
     values ('evidence', (select name from obj where n = 1), tests.get_supabase_uid('venue'),
             tests.get_supabase_uid('venue')::text, '{}') $$,
  '42501', null, 'A party cannot upload in the other party''s name');
select lives_ok(
  $$ insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
     select 'evidence', name, (select auth.uid()), (select auth.uid())::text,
            '{"mimetype": "image/png", "size": 68}'
       from obj where n between 1 and 11 $$,
  'A party uploads into the booking''s folder while the money is held');
select throws_ok($$ select public.attach_evidence((select id from b1), (select name from obj where n = 1), 'a.png') $$,
  'SC409', 'Evidence goes with an open dispute', 'No dispute yet: nothing to attach to');

-- attaching ---------------------------------------------------------------------------------------------
select is((select state from public.open_dispute((select id from b1), 'Only one set was paid for')),
  'open', 'The musician opens a dispute');
select results_eq(
  $$ select uploaded_as, name, content_type, size_bytes
       from public.attach_evidence((select id from b1), (select name from obj where n = 1), ' set list.png ') $$,
  $$ values ('musician'::text, 'set list.png'::text, 'image/png'::text, 68) $$,
  'The uploader attaches the file: type and size from storage, the name trimmed');
select throws_ok($$ select public.attach_evidence((select id from b1), (select name from obj where n = 1), 'a.png') $$,
  'SC409', 'This file is attached already', 'A file is attached once');
select throws_ok($$ select public.attach_evidence((select id from b1), 'elsewhere/x.png', 'x.png') $$,
  'SC400', 'Upload the file to this booking first', 'A file outside the booking''s folder is refused');
select tests.authenticate_as('venue');
select throws_ok($$ select public.attach_evidence((select id from b1), (select name from obj where n = 2), 'b.png') $$,
  'SC400', 'Upload the file to this booking first', 'The other party cannot attach the uploader''s file');
select is((select count(*)::int from public.dispute_evidence), 1, 'The other party sees the evidence');
select is((select count(*)::int from storage.objects where bucket_id = 'evidence'), 11,
  'The other party can read the files');
select tests.authenticate_as('maya');
select is((select count(*)::int from (
    select public.attach_evidence((select id from b1), name, 'more.png') from obj where n between 2 and 10) x),
  9, 'Up to ten files per dispute');
select throws_ok($$ select public.attach_evidence((select id from b1), (select name from obj where n = 11), 'c.png') $$,
  'SC409', 'A dispute takes at most 10 files', 'The eleventh is refused');

-- deleting ----------------------------------------------------------------------------------------------
select is_empty($$ delete from storage.objects where bucket_id = 'evidence'
                     and name = (select name from obj where n = 1) returning 1 $$,
  'Attached evidence cannot be removed');
select isnt_empty($$ delete from storage.objects where bucket_id = 'evidence'
                       and name = (select name from obj where n = 11) returning 1 $$,
  'An unattached upload can be removed by its uploader');

-- strangers and admins ----------------------------------------------------------------------------------
select tests.authenticate_as('mallory');
select is_empty($$ select 1 from public.dispute_evidence $$, 'A stranger sees no evidence');
select is_empty($$ select 1 from storage.objects where bucket_id = 'evidence' $$,
  'A stranger reads no evidence files');
select throws_ok($$ select public.attach_evidence((select id from b1), (select name from obj where n = 1), 'x.png') $$,
  'SC404', 'Booking not found', 'A stranger cannot attach to the dispute');
select throws_ok($$ select * from public.admin_booking((select id from b1)) $$,
  'SC403', 'Only admins see other people''s bookings', 'A non-admin gets no admin booking view');
select tests.authenticate_as('judge');
select is((select count(*)::int from public.dispute_evidence), 10, 'An admin sees the evidence');
select is((select count(*)::int from storage.objects where bucket_id = 'evidence'), 10,
  'An admin reads the evidence files');
select results_eq(
  $$ select gig_title, client_name, musician_name, fee_minor, currency
       from public.admin_booking((select id from b1)) $$,
  $$ values ('Evidence night'::text, 'venue'::text, 'Maya Ortiz'::text, 50000::bigint, 'EUR'::text) $$,
  'An admin sees the booking''s terms and parties');
select is_empty($$ select 1 from public.admin_booking(gen_random_uuid()) $$,
  'An unknown booking has no row');
select is_empty($$ select 1 from public.bookings $$, 'Admins still read no bookings directly');

-- the decision needs a note ------------------------------------------------------------------------------
select throws_ok($$ select public.resolve_dispute((select id from b1), 'release', null, null) $$,
  'SC400', 'Write a note: both sides read it', 'A decision without a note is refused');
select throws_ok($$ select public.resolve_dispute((select id from b1), 'refund', null, '   ') $$,
  'SC400', 'Write a note: both sides read it', 'A blank note is refused');
select is((select state from public.payments where booking_id = (select id from b1)), 'disputed',
  'A refused decision moves nothing');
select is((select resolution from public.resolve_dispute((select id from b1), 'split', 20000,
          'Half the set was played')), 'split', 'With a note the admin decides');

-- after the decision --------------------------------------------------------------------------------------
select tests.authenticate_as('venue');
select throws_ok(
  $$ insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
     values ('evidence', (select name from obj where n = 12), (select auth.uid()),
             (select auth.uid())::text, '{}') $$,
  '42501', null, 'No uploads once the dispute is decided');

select tests.clear_authentication();
select throws_ok($$ select public.attach_evidence(gen_random_uuid(), 'x/y.png', 'y.png') $$,
  '42501', null, 'Anonymous visitors cannot call attach_evidence');

select * from finish();
rollback;
