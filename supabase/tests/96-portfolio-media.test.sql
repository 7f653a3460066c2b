-- Portfolio media (20261214000200_portfolio_media.sql): only musicians with a profile add media,
-- into their own folder, last in their order, at most 30; the order moves atomically and only for
-- the owner; captions are the owner's; a deleted item leaves the applications it was attached to.
begin;
select plan(27);

select tests.create_supabase_user('maya', null, '{"display_name": "Maya"}');
select tests.create_supabase_user('sam', null, '{"display_name": "Sam"}');
select tests.create_supabase_user('lee', null, '{"display_name": "Lee"}');   -- no musician profile
select tests.create_supabase_user('client', null,
  '{"display_name": "The Blue Door", "is_client": true, "is_musician": false}');
insert into public.musician_profiles (id, stage_name, genres, instruments, published) values
  (tests.get_supabase_uid('maya'), 'Maya Ortiz Trio', '{jazz}', '{piano}', true),
  (tests.get_supabase_uid('sam'), 'Sam Okafor', '{jazz}', '{"double bass"}', true);
insert into public.gigs (id, client_id, title, description, kind, genres, instruments, starts_at,
                         timezone, duration_minutes, city, country, currency, status, published_at)
values ('00000000-0000-4000-8000-00000000b001', tests.get_supabase_uid('client'), 'Friday jazz trio',
        'Three sets of standards for a dinner crowd, 8 to 11pm, grand piano on site.', 'live_show',
        '{jazz}', '{piano}', now() + interval '10 days', 'Europe/Berlin', 180, 'Berlin', 'DE', 'EUR',
        'published', now());

create table tests.media_ids (k text primary key, id uuid not null);
grant select, insert on tests.media_ids to authenticated;

-- schema ----------------------------------------------------------------------------------------------
select has_column('public', 'media', 'caption', 'Media has a caption');
select has_column('public', 'media', 'position', 'and a position');
select has_column('public', 'media', 'peaks', 'and peaks for the player');
select has_index('public', 'applications', 'applications_media_ids_idx',
  'Applications are found by their media');

-- adding -------------------------------------------------------------------------------------------------
select tests.authenticate_as('lee');
select throws_ok(format($$ select public.add_media(null, 'photo', %L, null, 'image/png', 10, 1, 1, null, null) $$,
    tests.get_supabase_uid('lee') || '/a.png'),
  'SC403', 'Create your musician profile before adding media', 'No musician profile, no media');

select tests.authenticate_as('maya');
insert into tests.media_ids select 'a', id from public.add_media(null, 'photo',
  tests.get_supabase_uid('maya') || '/a.png', '  On stage  ', 'image/png', 1200, 640, 480, null, null);
insert into tests.media_ids select 'b', id from public.add_media(null, 'audio',
  tests.get_supabase_uid('maya') || '/b.mp3', null, 'audio/mpeg', 5000, null, null, 61000,
  '[[-0.5, 0.5], [-0.2, 0.3]]');
insert into tests.media_ids select 'c', id from public.add_media(null, 'video',
  tests.get_supabase_uid('maya') || '/c.mp4', 'Live', 'video/mp4', 9000, null, null, null, null);
select results_eq($$ select kind, position, caption from public.media order by position $$,
  $$ values ('photo', 1, 'On stage'), ('audio', 2, null), ('video', 3, 'Live') $$,
  'Each new item goes last; captions are trimmed, blank is none');
select throws_ok(format($$ select public.add_media(null, 'photo', %L, null, 'image/png', 1, 1, 1, null, null) $$,
    tests.get_supabase_uid('sam') || '/x.png'),
  'SC400', 'The file goes in your own folder', 'Not into someone else''s folder');
select throws_ok(format($$ select public.add_media(null, 'photo', %L, %L, 'image/png', 1, 1, 1, null, null) $$,
    tests.get_supabase_uid('maya') || '/long.png', repeat('x', 501)),
  'SC400', 'A caption is at most 500 characters', 'A caption is at most 500 characters');
select throws_ok(format($$ select public.add_media(null, 'audio', %L, null, 'image/png', 1, null, null, null, null) $$,
    tests.get_supabase_uid('maya') || '/odd.mp3'),
  '23514', null, 'The content type agrees with the kind');
select throws_ok(format($$ select public.add_media(null, 'photo', %L, null, 'image/png', 60000000, 1, 1, null, null) $$,
    tests.get_supabase_uid('maya') || '/huge.png'),
  '23514', null, 'Nothing over the bucket''s 50 MB');
select throws_ok($$ update public.media set position = 9 $$, '42501', null,
  'The order is not written directly');

-- order ------------------------------------------------------------------------------------------------
select is(public.move_media((select id from tests.media_ids where k = 'c'), 1), 1, 'The video moves first');
select results_eq($$ select kind from public.media order by position $$,
  $$ values ('video'), ('photo'), ('audio') $$, 'and the others follow it');
select is(public.move_media((select id from tests.media_ids where k = 'c'), 99), 3,
  'A position past the end is the end');
select results_eq($$ select kind, position from public.media order by position $$,
  $$ values ('photo', 1), ('audio', 2), ('video', 3) $$, 'Positions stay 1..n');
select throws_ok($$ select public.move_media((select id from tests.media_ids where k = 'a'), null) $$,
  'SC400', 'Give a position from 1', 'A position is required');

-- others -------------------------------------------------------------------------------------------------
select tests.authenticate_as('sam');
select throws_ok($$ select public.move_media((select id from tests.media_ids where k = 'a'), 2) $$,
  'SC404', 'Media not found', 'Another musician cannot reorder hers');
select is_empty($$ update public.media set caption = 'Mine now' returning id $$,
  'nor caption them');
select is_empty($$ delete from public.media returning id $$, 'nor delete them');
select tests.clear_authentication();
select is((select count(*)::int from public.media), 3, 'An anonymous visitor sees a portfolio');
select throws_ok($$ select public.move_media((select id from public.media limit 1), 1) $$,
  '42501', null, 'but reorders nothing');

-- the cap -------------------------------------------------------------------------------------------------
select tests.authenticate_as('maya');
select lives_ok($$ select public.add_media(null, 'photo', auth.uid()::text || '/p' || n || '.png', null,
                      'image/png', 10, 1, 1, null, null) from generate_series(1, 27) n $$,
  'She fills her portfolio to 30');
select throws_ok($$ select public.add_media(null, 'photo', auth.uid()::text || '/over.png', null,
                      'image/png', 10, 1, 1, null, null) $$,
  'SC409', 'Your portfolio is full (30 items): delete one to add another', 'The 31st is refused');
select throws_ok($$ insert into public.media (owner_id, kind, path) values (auth.uid(), 'photo',
                      auth.uid()::text || '/direct.png') $$,
  'SC409', null, 'also when inserted directly');

-- applications -------------------------------------------------------------------------------------------
select lives_ok($$ select public.apply_to_gig('00000000-0000-4000-8000-00000000b001',
    'I would love to play your Friday night with my trio.', 40000, null,
    array(select id from tests.media_ids where k in ('a', 'b'))) $$,
  'She applies with her photo and her track');
select results_eq($$ update public.media set caption = 'Soundcheck' where position = 1 returning caption $$,
  $$ values ('Soundcheck') $$, 'She edits a caption');
delete from public.media where id = (select id from tests.media_ids where k = 'b');
select results_eq($$ select media_ids from public.applications $$,
  $$ select array(select id from tests.media_ids where k = 'a') $$,
  'A deleted item leaves her application');

select * from finish();
rollback;
