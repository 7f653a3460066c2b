-- Demo data for local development (`make dev`, `supabase db reset`). Password for every demo
-- account: soundcheck-demo. Idempotent: rows with fixed ids are skipped when present.
-- Supabase Auth reads the token columns of auth.users as non-null strings (NULL fails sign-in with
-- "Database error querying schema"), so every insert sets them to ''.

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
                        confirmation_token, recovery_token, email_change, email_change_token_new)
select '00000000-0000-0000-0000-000000000000', v.id::uuid, 'authenticated', 'authenticated', v.email,
       extensions.crypt('soundcheck-demo', extensions.gen_salt('bf', 10)), now(),
       '{"provider":"email","providers":["email"],"demo":true}'::jsonb, v.meta::jsonb, now(), now(),
       '', '', '', ''
from (values
  ('00000000-0000-4000-8000-00000000d001', 'musician@demo.soundcheck.local',
   '{"display_name":"Maya Ortiz","is_musician":true,"is_client":false}'),
  ('00000000-0000-4000-8000-00000000d002', 'client@demo.soundcheck.local',
   '{"display_name":"The Blue Door Jazz Club","is_musician":false,"is_client":true}'),
  ('00000000-0000-4000-8000-00000000d003', 'both@demo.soundcheck.local',
   '{"display_name":"Sam Okafor","is_musician":true,"is_client":true}')
) as v(id, email, meta)
where not exists (select 1 from auth.users u where u.id = v.id::uuid);

-- Marketplace demo data --------------------------------------------------------------------------------
-- 60 musicians, 20 clients, 40 gigs over the next 90 days (a few past ones, reviewed), applications,
-- bookings and reviews; the three accounts above get profiles and parts to play. Generated once by a
-- script from hand-written lists (edit freely). Fixed ids 00000000-0000-4000-8000-0000000Pnnnn (P: 1
-- musicians, 2 clients, 3 gigs, 4 applications, 5 bookings, 6 reviews); every insert skips rows that
-- exist, so re-running changes nothing. All passwords: soundcheck-demo (one bcrypt hash, reused).

insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
                        confirmation_token, recovery_token, email_change, email_change_token_new)
select '00000000-0000-0000-0000-000000000000', v.id::uuid, 'authenticated', 'authenticated', v.email,
       pw.hash, now(), '{"provider":"email","providers":["email"],"demo":true}'::jsonb,
       jsonb_build_object('display_name', v.name, 'is_musician', v.musician, 'is_client', v.client),
       now(), now(), '', '', '', ''
from (values
  ('00000000-0000-4000-8000-000000010001', 'ines.carvalho@demo.soundcheck.local', 'Inês Carvalho', true, false),
  ('00000000-0000-4000-8000-000000010002', 'tomas.reis.quartet@demo.soundcheck.local', 'Tomás Reis Quartet', true, false),
  ('00000000-0000-4000-8000-000000010003', 'duarte.fado.trio@demo.soundcheck.local', 'Duarte Fado Trio', true, false),
  ('00000000-0000-4000-8000-000000010004', 'beatriz.nunes@demo.soundcheck.local', 'Beatriz Nunes', true, false),
  ('00000000-0000-4000-8000-000000010005', 'rui.almeida@demo.soundcheck.local', 'Rui Almeida', true, false),
  ('00000000-0000-4000-8000-000000010006', 'lena.hoffmann@demo.soundcheck.local', 'Lena Hoffmann', true, false),
  ('00000000-0000-4000-8000-000000010007', 'kalle.and.the.night.shift@demo.soundcheck.local', 'Kalle & The Night Shift', true, false),
  ('00000000-0000-4000-8000-000000010008', 'jonas.weber@demo.soundcheck.local', 'Jonas Weber', true, false),
  ('00000000-0000-4000-8000-000000010009', 'mira.schulz@demo.soundcheck.local', 'Mira Schulz', true, false),
  ('00000000-0000-4000-8000-000000010010', 'hafenkante.brass@demo.soundcheck.local', 'Hafenkante Brass', true, false),
  ('00000000-0000-4000-8000-000000010011', 'felix.brandt@demo.soundcheck.local', 'Felix Brandt', true, false),
  ('00000000-0000-4000-8000-000000010012', 'anna.lechner@demo.soundcheck.local', 'Anna Lechner', true, false),
  ('00000000-0000-4000-8000-000000010013', 'camille.laurent@demo.soundcheck.local', 'Camille Laurent', true, false),
  ('00000000-0000-4000-8000-000000010014', 'les.frères.dumont@demo.soundcheck.local', 'Les Frères Dumont', true, false),
  ('00000000-0000-4000-8000-000000010015', 'yasmine.benali@demo.soundcheck.local', 'Yasmine Benali', true, false),
  ('00000000-0000-4000-8000-000000010016', 'hugo.martin@demo.soundcheck.local', 'Hugo Martin', true, false),
  ('00000000-0000-4000-8000-000000010017', 'lucia.fernandez@demo.soundcheck.local', 'Lucía Fernández', true, false),
  ('00000000-0000-4000-8000-000000010018', 'sergio.molina@demo.soundcheck.local', 'Sergio Molina', true, false),
  ('00000000-0000-4000-8000-000000010019', 'nit.de.rumba@demo.soundcheck.local', 'Nit de Rumba', true, false),
  ('00000000-0000-4000-8000-000000010020', 'marta.puig@demo.soundcheck.local', 'Marta Puig', true, false),
  ('00000000-0000-4000-8000-000000010021', 'daan.de.vries@demo.soundcheck.local', 'Daan de Vries', true, false),
  ('00000000-0000-4000-8000-000000010022', 'sanne.bakker@demo.soundcheck.local', 'Sanne Bakker', true, false),
  ('00000000-0000-4000-8000-000000010023', 'ciaran.walsh@demo.soundcheck.local', 'Ciarán Walsh', true, false),
  ('00000000-0000-4000-8000-000000010024', 'the.liffey.ramblers@demo.soundcheck.local', 'The Liffey Ramblers', true, false),
  ('00000000-0000-4000-8000-000000010025', 'aoife.byrne@demo.soundcheck.local', 'Aoife Byrne', true, false),
  ('00000000-0000-4000-8000-000000010026', 'eva.gruber@demo.soundcheck.local', 'Eva Gruber', true, false),
  ('00000000-0000-4000-8000-000000010027', 'wiener.salonquartett@demo.soundcheck.local', 'Wiener Salonquartett', true, false),
  ('00000000-0000-4000-8000-000000010028', 'kwame.mensah@demo.soundcheck.local', 'Kwame Mensah', true, false),
  ('00000000-0000-4000-8000-000000010029', 'priya.sharma@demo.soundcheck.local', 'Priya Sharma', true, false),
  ('00000000-0000-4000-8000-000000010030', 'ollie.turner@demo.soundcheck.local', 'Ollie Turner', true, false),
  ('00000000-0000-4000-8000-000000010031', 'grace.adeyemi@demo.soundcheck.local', 'Grace Adeyemi', true, false),
  ('00000000-0000-4000-8000-000000010032', 'northern.quarter.soul.band@demo.soundcheck.local', 'Northern Quarter Soul Band', true, false),
  ('00000000-0000-4000-8000-000000010033', 'liam.doyle@demo.soundcheck.local', 'Liam Doyle', true, false),
  ('00000000-0000-4000-8000-000000010034', 'eilidh.macleod@demo.soundcheck.local', 'Eilidh MacLeod', true, false),
  ('00000000-0000-4000-8000-000000010035', 'callum.reid@demo.soundcheck.local', 'Callum Reid', true, false),
  ('00000000-0000-4000-8000-000000010036', 'marcus.bell.trio@demo.soundcheck.local', 'Marcus Bell Trio', true, false),
  ('00000000-0000-4000-8000-000000010037', 'dana.kim@demo.soundcheck.local', 'Dana Kim', true, false),
  ('00000000-0000-4000-8000-000000010038', 'rico.alvarez@demo.soundcheck.local', 'Rico Alvarez', true, false),
  ('00000000-0000-4000-8000-000000010039', 'jess.harlan@demo.soundcheck.local', 'Jess Harlan', true, false),
  ('00000000-0000-4000-8000-000000010040', 'buck.tanner@demo.soundcheck.local', 'Buck Tanner', true, false),
  ('00000000-0000-4000-8000-000000010041', 'delphine.batiste@demo.soundcheck.local', 'Delphine Batiste', true, false),
  ('00000000-0000-4000-8000-000000010042', 'crescent.city.horns@demo.soundcheck.local', 'Crescent City Horns', true, false),
  ('00000000-0000-4000-8000-000000010043', 'tyler.briggs@demo.soundcheck.local', 'Tyler Briggs', true, false),
  ('00000000-0000-4000-8000-000000010044', 'sol.y.sombra@demo.soundcheck.local', 'Sol y Sombra', true, false),
  ('00000000-0000-4000-8000-000000010045', 'maya.lin@demo.soundcheck.local', 'Maya Lin', true, false),
  ('00000000-0000-4000-8000-000000010046', 'andre.coleman@demo.soundcheck.local', 'Andre Coleman', true, false),
  ('00000000-0000-4000-8000-000000010047', 'valeria.rios@demo.soundcheck.local', 'Valeria Ríos', true, false),
  ('00000000-0000-4000-8000-000000010048', 'mariachi.sol.de.oro@demo.soundcheck.local', 'Mariachi Sol de Oro', true, false),
  ('00000000-0000-4000-8000-000000010049', 'roots.foundation@demo.soundcheck.local', 'Roots Foundation', true, false),
  ('00000000-0000-4000-8000-000000010050', 'nadine.campbell@demo.soundcheck.local', 'Nadine Campbell', true, false),
  ('00000000-0000-4000-8000-000000010051', 'bruno.lima@demo.soundcheck.local', 'Bruno Lima', true, false),
  ('00000000-0000-4000-8000-000000010052', 'samba.da.lapa@demo.soundcheck.local', 'Samba da Lapa', true, false),
  ('00000000-0000-4000-8000-000000010053', 'tunde.afolabi@demo.soundcheck.local', 'Tunde Afolabi', true, false),
  ('00000000-0000-4000-8000-000000010054', 'lagos.groove.collective@demo.soundcheck.local', 'Lagos Groove Collective', true, false),
  ('00000000-0000-4000-8000-000000010055', 'arjun.mehta@demo.soundcheck.local', 'Arjun Mehta', true, false),
  ('00000000-0000-4000-8000-000000010056', 'neha.kapoor@demo.soundcheck.local', 'Neha Kapoor', true, false),
  ('00000000-0000-4000-8000-000000010057', 'vikram.rao@demo.soundcheck.local', 'Vikram Rao', true, false),
  ('00000000-0000-4000-8000-000000010058', 'kavya.iyer@demo.soundcheck.local', 'Kavya Iyer', true, false),
  ('00000000-0000-4000-8000-000000010059', 'delhi.sufi.ensemble@demo.soundcheck.local', 'Delhi Sufi Ensemble', true, false),
  ('00000000-0000-4000-8000-000000010060', 'rohan.malhotra@demo.soundcheck.local', 'Rohan Malhotra', true, false),
  ('00000000-0000-4000-8000-000000020001', 'hot.clube.lisboa@demo.soundcheck.local', 'Hot Clube Lisboa', false, true),
  ('00000000-0000-4000-8000-000000020002', 'quinta.do.lago.weddings@demo.soundcheck.local', 'Quinta do Lago Weddings', false, true),
  ('00000000-0000-4000-8000-000000020003', 'spreegold.studios@demo.soundcheck.local', 'Spreegold Studios', false, true),
  ('00000000-0000-4000-8000-000000020004', 'elbphilharmonie.foyer.bar@demo.soundcheck.local', 'Elbphilharmonie Foyer Bar', false, true),
  ('00000000-0000-4000-8000-000000020005', 'le.petit.caveau@demo.soundcheck.local', 'Le Petit Caveau', false, true),
  ('00000000-0000-4000-8000-000000020006', 'escuela.de.musica.sol@demo.soundcheck.local', 'Escuela de Música Sol', false, true),
  ('00000000-0000-4000-8000-000000020007', 'mercat.events@demo.soundcheck.local', 'Mercat Events', false, true),
  ('00000000-0000-4000-8000-000000020008', 'canal.house.hotel@demo.soundcheck.local', 'Canal House Hotel', false, true),
  ('00000000-0000-4000-8000-000000020009', 'the.cobblestone.rooms@demo.soundcheck.local', 'The Cobblestone Rooms', false, true),
  ('00000000-0000-4000-8000-000000020010', 'mayfair.wedding.co@demo.soundcheck.local', 'Mayfair Wedding Co.', false, true),
  ('00000000-0000-4000-8000-000000020011', 'southbank.sessions@demo.soundcheck.local', 'Southbank Sessions', false, true),
  ('00000000-0000-4000-8000-000000020012', 'albert.hall.manchester@demo.soundcheck.local', 'Albert Hall Manchester', false, true),
  ('00000000-0000-4000-8000-000000020013', 'greenwich.village.supper.club@demo.soundcheck.local', 'Greenwich Village Supper Club', false, true),
  ('00000000-0000-4000-8000-000000020014', 'music.row.writers.room@demo.soundcheck.local', 'Music Row Writers Room', false, true),
  ('00000000-0000-4000-8000-000000020015', 'frenchmen.street.hall@demo.soundcheck.local', 'Frenchmen Street Hall', false, true),
  ('00000000-0000-4000-8000-000000020016', 'sunset.strip.productions@demo.soundcheck.local', 'Sunset Strip Productions', false, true),
  ('00000000-0000-4000-8000-000000020017', 'casa.azul.eventos@demo.soundcheck.local', 'Casa Azul Eventos', false, true),
  ('00000000-0000-4000-8000-000000020018', 'bandra.bay.lounge@demo.soundcheck.local', 'Bandra Bay Lounge', false, true),
  ('00000000-0000-4000-8000-000000020019', 'indiranagar.music.academy@demo.soundcheck.local', 'Indiranagar Music Academy', false, true),
  ('00000000-0000-4000-8000-000000020020', 'royal.sangeet.planners@demo.soundcheck.local', 'Royal Sangeet Planners', false, true)
) as v(id, email, name, musician, client)
-- bcrypt at cost 10 is slow in WASM: hash once (or reuse the first demo account's hash).
cross join (select coalesce(
  (select encrypted_password from auth.users where id = '00000000-0000-4000-8000-00000000d001'),
  extensions.crypt('soundcheck-demo', extensions.gen_salt('bf', 10))) as hash) pw
where not exists (select 1 from auth.users u where u.id = v.id::uuid);

insert into public.musician_profiles (id, stage_name, bio, instruments, genres, skills, languages, city,
                                      country, lat, lng, travel_radius_km, fee_min_minor, fee_max_minor,
                                      currency, blocked_dates, links, published)
select v.id::uuid, v.stage_name, v.bio, v.instruments, v.genres, v.skills, v.languages, v.city, v.country,
       v.lat, v.lng, v.radius, v.fee_min, v.fee_max, v.currency,
       array(select (current_date + d::int) from unnest(v.blocked) d), v.links::jsonb, true
from (values
  ('00000000-0000-4000-8000-00000000d001', 'Maya Ortiz',
   'Maya Ortiz is a Lisbon-based jazz pianist and singer with a soft spot for bossa nova and soul. She leads her own trio, accompanies singers and plays solo piano for dinners and weddings. Reads charts, learns requests fast and brings a stage piano when the venue has none.',
   array['piano', 'vocals']::text[], array['jazz', 'latin', 'soul']::text[], array['arranging', 'accompaniment']::text[], array['Portuguese', 'English']::text[], 'Lisbon', 'PT', 38.7698, -9.1388, 80, 79000, 134000, 'EUR', '{}'::text[], '[{"label": "Website", "url": "https://mayaortiz.example"}]'),
  ('00000000-0000-4000-8000-00000000d003', 'Sam Okafor',
   'Sam Okafor plays electric and upright bass from Lisbon: soul bands, jazz trios and afrobeat projects. He also hires musicians himself for the sessions he produces, so he knows both sides of a booking.',
   array['bass', 'double bass']::text[], array['soul', 'jazz', 'world']::text[], array['music direction', 'afrobeat grooves']::text[], array['Portuguese', 'English']::text[], 'Lisbon', 'PT', 38.7391, -9.1857, 80, 79000, 135000, 'EUR', '{}'::text[], '[{"label": "Website", "url": "https://samokafor.example"}]'),
  ('00000000-0000-4000-8000-000000010001', 'Inês Carvalho',
   'Inês Carvalho is a Lisbon-based singer working across jazz and latin. Comfortable with charts, click tracks and last-minute set changes. Happy to learn a first-dance song or a special request on short notice.',
   array['vocals']::text[], array['jazz', 'latin']::text[], array['scat singing', 'songwriting']::text[], array['Portuguese', 'English']::text[], 'Lisbon', 'PT', 38.7527, -9.1722, 500, 65000, 155000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/ines.carvalho"}]'),
  ('00000000-0000-4000-8000-000000010002', 'Tomás Reis Quartet',
   'Tomás Reis Quartet is a Lisbon-based saxophonist working across jazz. Comfortable with charts, click tracks and last-minute set changes. Offers solo, duo and full-band line-ups to fit the room and the budget.',
   array['saxophone', 'flute']::text[], array['jazz']::text[], array['arranging', 'bandleading']::text[], array['Portuguese', 'English']::text[], 'Lisbon', 'PT', 38.7085, -9.1494, 50, 41000, 164000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/tomas.reis.quartet"}]'),
  ('00000000-0000-4000-8000-000000010003', 'Duarte Fado Trio',
   'Duarte Fado Trio is a Lisbon-based guitarist working across world and folk. Plays around 120 shows a year, from intimate dinners to open-air stages. Teaches beginners and advanced students, in person or online.',
   array['guitar', 'vocals']::text[], array['world', 'folk']::text[], array['portuguese guitar']::text[], array['Portuguese', 'English']::text[], 'Lisbon', 'PT', 38.686, -9.1005, 500, 92000, 162000, 'EUR', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010004', 'Beatriz Nunes',
   'Beatriz Nunes is a Porto-based cellist working across classical. Known for reading a room: background sets that turn into a dance floor when the moment comes. Teaches beginners and advanced students, in person or online.',
   array['cello']::text[], array['classical']::text[], array['chamber music', 'sight-reading']::text[], array['Portuguese', 'English']::text[], 'Porto', 'PT', 41.2042, -8.6193, 50, 94000, 175000, 'EUR', array['33']::text[], '[{"label": "Listen", "url": "https://music.example/beatriz.nunes"}]'),
  ('00000000-0000-4000-8000-000000010005', 'Rui Almeida',
   'Rui Almeida is a Porto-based guitarist working across rock and blues. Grew up playing in family bands and never stopped; weddings are a speciality. Offers solo, duo and full-band line-ups to fit the room and the budget.',
   array['guitar', 'vocals']::text[], array['rock', 'blues']::text[], array['slide guitar']::text[], array['Portuguese', 'English']::text[], 'Porto', 'PT', 41.2029, -8.5936, 500, 93000, 172000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/rui.almeida"}]'),
  ('00000000-0000-4000-8000-000000010006', 'Lena Hoffmann',
   'Lena Hoffmann is a Berlin-based violinist working across classical and pop. Regular at the city''s best listening rooms, with two albums out under their own name. Happy to learn a first-dance song or a special request on short notice.',
   array['violin']::text[], array['classical', 'pop']::text[], array['string arranging', 'looping']::text[], array['German', 'English']::text[], 'Berlin', 'DE', 52.476, 13.4, 200, 50000, 160000, 'EUR', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010007', 'Kalle & The Night Shift',
   'Kalle & The Night Shift is a Berlin-based DJ working across electronic. Regular at the city''s best listening rooms, with two albums out under their own name. Teaches beginners and advanced students, in person or online.',
   array['dj', 'production']::text[], array['electronic']::text[], array['live techno', 'modular synths']::text[], array['German', 'English']::text[], 'Berlin', 'DE', 52.4997, 13.4223, 200, 55000, 126000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/kalle.and.the.night.shift"}]'),
  ('00000000-0000-4000-8000-000000010008', 'Jonas Weber',
   'Jonas Weber is a Berlin-based drummer working across jazz and soul. Comfortable with charts, click tracks and last-minute set changes. Available for weddings, corporate events and studio sessions; travels with own backline.',
   array['drums']::text[], array['jazz', 'soul']::text[], array['brushes', 'click-track sessions']::text[], array['German', 'English']::text[], 'Berlin', 'DE', 52.4828, 13.3974, 200, 73000, 112000, 'EUR', array['61']::text[], '[{"label": "Listen", "url": "https://music.example/jonas.weber"}]'),
  ('00000000-0000-4000-8000-000000010009', 'Mira Schulz',
   'Mira Schulz is a Hamburg-based singer working across pop and soul. Plays around 120 shows a year, from intimate dinners to open-air stages. Brings a compact PA for venues up to 150 guests.',
   array['vocals', 'piano']::text[], array['pop', 'soul']::text[], array['backing vocals', 'vocal coaching']::text[], array['German', 'English']::text[], 'Hamburg', 'DE', 53.5865, 9.9759, 50, 28000, 139000, 'EUR', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010010', 'Hafenkante Brass',
   'Hafenkante Brass is a Hamburg-based trumpeter working across jazz and world. Regular at the city''s best listening rooms, with two albums out under their own name. Happy to learn a first-dance song or a special request on short notice.',
   array['trumpet', 'trombone']::text[], array['jazz', 'world']::text[], array['second line', 'street parades']::text[], array['German', 'English']::text[], 'Hamburg', 'DE', 53.5425, 9.9453, 50, 36000, 142000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/hafenkante.brass"}]'),
  ('00000000-0000-4000-8000-000000010011', 'Felix Brandt',
   'Felix Brandt is a Munich-based drummer working across metal and rock. Grew up playing in family bands and never stopped; weddings are a speciality. Happy to learn a first-dance song or a special request on short notice.',
   array['drums']::text[], array['metal', 'rock']::text[], array['double kick', 'studio tracking']::text[], array['German', 'English']::text[], 'Munich', 'DE', 48.1272, 11.5601, 100, 80000, 109000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/felix.brandt"}]'),
  ('00000000-0000-4000-8000-000000010012', 'Anna Lechner',
   'Anna Lechner is a Munich-based harpist working across classical and folk. Toured three continents as a sideman before settling back home. Happy to learn a first-dance song or a special request on short notice.',
   array['harp']::text[], array['classical', 'folk']::text[], array['wedding ceremonies']::text[], array['German', 'English']::text[], 'Munich', 'DE', 48.1764, 11.5529, 500, 62000, 151000, 'EUR', array['29']::text[], '[]'),
  ('00000000-0000-4000-8000-000000010013', 'Camille Laurent',
   'Camille Laurent is a Paris-based pianist working across jazz and pop. Comfortable with charts, click tracks and last-minute set changes. Brings a compact PA for venues up to 150 guests.',
   array['piano', 'vocals']::text[], array['jazz', 'pop']::text[], array['chanson', 'accompaniment']::text[], array['French', 'English']::text[], 'Paris', 'FR', 48.8468, 2.3205, 50, 29000, 160000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/camille.laurent"}]'),
  ('00000000-0000-4000-8000-000000010014', 'Les Frères Dumont',
   'Les Frères Dumont is a Paris-based accordionist working across folk and world. Conservatory-trained, now splitting the week between studio sessions and teaching. Happy to learn a first-dance song or a special request on short notice.',
   array['accordion', 'guitar']::text[], array['folk', 'world']::text[], array['musette', 'gypsy jazz']::text[], array['French', 'English']::text[], 'Paris', 'FR', 48.8145, 2.3681, 50, 58000, 132000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/les.fr\u00e8res.dumont"}]'),
  ('00000000-0000-4000-8000-000000010015', 'Yasmine Benali',
   'Yasmine Benali is a Paris-based singer working across world and electronic. Comfortable with charts, click tracks and last-minute set changes. Happy to learn a first-dance song or a special request on short notice.',
   array['vocals', 'percussion']::text[], array['world', 'electronic']::text[], array['arabic vocals', 'darbuka']::text[], array['French', 'English']::text[], 'Paris', 'FR', 48.8152, 2.3411, 500, 37000, 173000, 'EUR', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010016', 'Hugo Martin',
   'Hugo Martin is a Lyon-based bassist working across rock and pop. Grew up playing in family bands and never stopped; weddings are a speciality. Brings a compact PA for venues up to 150 guests.',
   array['bass']::text[], array['rock', 'pop']::text[], array['session bass', 'music direction']::text[], array['French', 'English']::text[], 'Lyon', 'FR', 45.8108, 4.851, 500, 93000, 126000, 'EUR', array['57']::text[], '[{"label": "Listen", "url": "https://music.example/hugo.martin"}]'),
  ('00000000-0000-4000-8000-000000010017', 'Lucía Fernández',
   'Lucía Fernández is a Madrid-based singer working across latin and pop. Grew up playing in family bands and never stopped; weddings are a speciality. Brings a compact PA for venues up to 150 guests.',
   array['vocals', 'guitar']::text[], array['latin', 'pop']::text[], array['flamenco-pop', 'songwriting']::text[], array['Spanish', 'English', 'Catalan']::text[], 'Madrid', 'ES', 40.3723, -3.7055, 100, 47000, 77000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/lucia.fernandez"}]'),
  ('00000000-0000-4000-8000-000000010018', 'Sergio Molina',
   'Sergio Molina is a Madrid-based percussionist working across latin and jazz. Toured three continents as a sideman before settling back home. Records remote sessions from a treated home studio with a fast turnaround.',
   array['percussion']::text[], array['latin', 'jazz']::text[], array['cajón', 'congas', 'timbales']::text[], array['Spanish', 'English']::text[], 'Madrid', 'ES', 40.438, -3.7521, 25, 40000, 124000, 'EUR', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010019', 'Nit de Rumba',
   'Nit de Rumba is a Barcelona-based guitarist working across latin and world. Fifteen years on the club circuit, from late-night jam sessions to festival main stages. Records remote sessions from a treated home studio with a fast turnaround.',
   array['guitar', 'vocals']::text[], array['latin', 'world']::text[], array['rumba catalana']::text[], array['Spanish', 'English', 'Catalan']::text[], 'Barcelona', 'ES', 41.3582, 2.1732, 200, 39000, 138000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/nit.de.rumba"}]'),
  ('00000000-0000-4000-8000-000000010020', 'Marta Puig',
   'Marta Puig is a Barcelona-based pianist working across classical. Fifteen years on the club circuit, from late-night jam sessions to festival main stages. Available for weddings, corporate events and studio sessions; travels with own backline.',
   array['piano']::text[], array['classical']::text[], array['accompaniment', 'teaching']::text[], array['Spanish', 'English']::text[], 'Barcelona', 'ES', 41.3897, 2.1325, 500, 76000, 176000, 'EUR', array['25']::text[], '[{"label": "Listen", "url": "https://music.example/marta.puig"}]'),
  ('00000000-0000-4000-8000-000000010021', 'Daan de Vries',
   'Daan de Vries is a Amsterdam-based DJ working across electronic and hip hop. Conservatory-trained, now splitting the week between studio sessions and teaching. Available for weddings, corporate events and studio sessions; travels with own backline.',
   array['dj', 'production']::text[], array['electronic', 'hip hop']::text[], array['turntablism', 'mixing']::text[], array['Dutch', 'English']::text[], 'Amsterdam', 'NL', 52.3474, 4.9523, 50, 20000, 121000, 'EUR', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010022', 'Sanne Bakker',
   'Sanne Bakker is a Amsterdam-based singer working across folk and pop. Comfortable with charts, click tracks and last-minute set changes. Records remote sessions from a treated home studio with a fast turnaround.',
   array['vocals', 'uke']::text[], array['folk', 'pop']::text[], array['harmony vocals']::text[], array['Dutch', 'English']::text[], 'Amsterdam', 'NL', 52.3956, 4.8837, 50, 48000, 120000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/sanne.bakker"}]'),
  ('00000000-0000-4000-8000-000000010023', 'Ciarán Walsh',
   'Ciarán Walsh is a Dublin-based violinist working across folk and world. Plays around 120 shows a year, from intimate dinners to open-air stages. Brings a compact PA for venues up to 150 guests.',
   array['violin', 'mandolin']::text[], array['folk', 'world']::text[], array['irish trad', 'session leading']::text[], array['English', 'Irish']::text[], 'Dublin', 'IE', 53.3003, -6.2158, 25, 68000, 131000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/ciaran.walsh"}]'),
  ('00000000-0000-4000-8000-000000010024', 'The Liffey Ramblers',
   'The Liffey Ramblers is a Dublin-based banjo player working across folk and country. Plays around 120 shows a year, from intimate dinners to open-air stages. Records remote sessions from a treated home studio with a fast turnaround.',
   array['banjo', 'guitar', 'vocals']::text[], array['folk', 'country']::text[], array['bluegrass', 'pub sessions']::text[], array['English', 'Irish']::text[], 'Dublin', 'IE', 53.3752, -6.2716, 50, 70000, 93000, 'EUR', array['53']::text[], '[]'),
  ('00000000-0000-4000-8000-000000010025', 'Aoife Byrne',
   'Aoife Byrne is a Dublin-based singer working across pop and soul. Comfortable with charts, click tracks and last-minute set changes. Happy to learn a first-dance song or a special request on short notice.',
   array['vocals']::text[], array['pop', 'soul']::text[], array['top-line writing', 'backing vocals']::text[], array['English', 'Irish']::text[], 'Dublin', 'IE', 53.3731, -6.2151, 100, 31000, 57000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/aoife.byrne"}]'),
  ('00000000-0000-4000-8000-000000010026', 'Eva Gruber',
   'Eva Gruber is a Vienna-based clarinettist working across classical and jazz. Fifteen years on the club circuit, from late-night jam sessions to festival main stages. Records remote sessions from a treated home studio with a fast turnaround.',
   array['clarinet']::text[], array['classical', 'jazz']::text[], array['klezmer', 'chamber music']::text[], array['German', 'English']::text[], 'Vienna', 'AT', 48.2144, 16.4188, 50, 38000, 134000, 'EUR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/eva.gruber"}]'),
  ('00000000-0000-4000-8000-000000010027', 'Wiener Salonquartett',
   'Wiener Salonquartett is a Vienna-based violinist working across classical. Conservatory-trained, now splitting the week between studio sessions and teaching. Offers solo, duo and full-band line-ups to fit the room and the budget.',
   array['violin', 'viola', 'cello']::text[], array['classical']::text[], array['string quartet', 'viennese waltz']::text[], array['German', 'English']::text[], 'Vienna', 'AT', 48.2464, 16.3346, 500, 91000, 129000, 'EUR', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010028', 'Kwame Mensah',
   'Kwame Mensah is a London-based bassist working across soul and jazz. Comfortable with charts, click tracks and last-minute set changes. Offers solo, duo and full-band line-ups to fit the room and the budget.',
   array['bass', 'double bass']::text[], array['soul', 'jazz']::text[], array['music direction', 'upright & electric']::text[], array['English']::text[], 'London', 'GB', 51.5526, -0.1113, 50, 47000, 142000, 'GBP', array['21']::text[], '[{"label": "Listen", "url": "https://music.example/kwame.mensah"}]'),
  ('00000000-0000-4000-8000-000000010029', 'Priya Sharma',
   'Priya Sharma is a London-based singer working across pop and world. Known for reading a room: background sets that turn into a dance floor when the moment comes. Brings a compact PA for venues up to 150 guests.',
   array['vocals', 'songwriter']::text[], array['pop', 'world']::text[], array['bollywood covers', 'top-line writing']::text[], array['English']::text[], 'London', 'GB', 51.5235, -0.1463, 100, 56000, 102000, 'GBP', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/priya.sharma"}]'),
  ('00000000-0000-4000-8000-000000010030', 'Ollie Turner',
   'Ollie Turner is a London-based guitarist working across rock and pop. Toured three continents as a sideman before settling back home. Brings a compact PA for venues up to 150 guests.',
   array['guitar']::text[], array['rock', 'pop']::text[], array['session guitar', 'pedalboard wizardry']::text[], array['English']::text[], 'London', 'GB', 51.4684, -0.1661, 50, 49000, 106000, 'GBP', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010031', 'Grace Adeyemi',
   'Grace Adeyemi is a London-based singer working across soul and pop. Regular at the city''s best listening rooms, with two albums out under their own name. Teaches beginners and advanced students, in person or online.',
   array['vocals']::text[], array['soul', 'pop']::text[], array['gospel choir direction']::text[], array['English']::text[], 'London', 'GB', 51.542, -0.1703, 100, 73000, 96000, 'GBP', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/grace.adeyemi"}]'),
  ('00000000-0000-4000-8000-000000010032', 'Northern Quarter Soul Band',
   'Northern Quarter Soul Band is a Manchester-based singer working across soul and pop. Known for reading a room: background sets that turn into a dance floor when the moment comes. Available for weddings, corporate events and studio sessions; travels with own backline.',
   array['vocals', 'bass', 'drums', 'organ']::text[], array['soul', 'pop']::text[], array['function band', 'first dance requests']::text[], array['English']::text[], 'Manchester', 'GB', 53.5129, -2.2381, 500, 38000, 97000, 'GBP', array['49']::text[], '[{"label": "Listen", "url": "https://music.example/northern.quarter.soul.band"}]'),
  ('00000000-0000-4000-8000-000000010033', 'Liam Doyle',
   'Liam Doyle is a Manchester-based guitarist working across rock and metal. Fifteen years on the club circuit, from late-night jam sessions to festival main stages. Brings a compact PA for venues up to 150 guests.',
   array['guitar', 'vocals']::text[], array['rock', 'metal']::text[], array['riff writing', 'live sound']::text[], array['English']::text[], 'Manchester', 'GB', 53.5024, -2.1951, 25, 62000, 142000, 'GBP', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010034', 'Eilidh MacLeod',
   'Eilidh MacLeod is a Glasgow-based violinist working across folk and world. Toured three continents as a sideman before settling back home. Happy to learn a first-dance song or a special request on short notice.',
   array['violin', 'vocals']::text[], array['folk', 'world']::text[], array['scottish fiddle', 'ceilidh calling']::text[], array['English']::text[], 'Glasgow', 'GB', 55.8255, -4.2907, 50, 50000, 70000, 'GBP', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/eilidh.macleod"}]'),
  ('00000000-0000-4000-8000-000000010035', 'Callum Reid',
   'Callum Reid is a Glasgow-based DJ working across electronic and pop. Regular at the city''s best listening rooms, with two albums out under their own name. Offers solo, duo and full-band line-ups to fit the room and the budget.',
   array['dj', 'production']::text[], array['electronic', 'pop']::text[], array['wedding dj', 'mixing']::text[], array['English']::text[], 'Glasgow', 'GB', 55.9032, -4.2541, 50, 60000, 129000, 'GBP', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/callum.reid"}]'),
  ('00000000-0000-4000-8000-000000010036', 'Marcus Bell Trio',
   'Marcus Bell Trio is a New York-based pianist working across jazz. Grew up playing in family bands and never stopped; weddings are a speciality. Available for weddings, corporate events and studio sessions; travels with own backline.',
   array['piano']::text[], array['jazz']::text[], array['standards', 'reharmonisation']::text[], array['English', 'Spanish']::text[], 'New York', 'US', 40.7545, -73.9831, 50, 22000, 199000, 'USD', array['17']::text[], '[]'),
  ('00000000-0000-4000-8000-000000010037', 'Dana Kim',
   'Dana Kim is a New York-based violinist working across classical and pop. Toured three continents as a sideman before settling back home. Available for weddings, corporate events and studio sessions; travels with own backline.',
   array['violin', 'vocals']::text[], array['classical', 'pop']::text[], array['electric violin', 'looping']::text[], array['English', 'Spanish']::text[], 'New York', 'US', 40.7612, -74.0103, 100, 22000, 145000, 'USD', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/dana.kim"}]'),
  ('00000000-0000-4000-8000-000000010038', 'Rico Alvarez',
   'Rico Alvarez is a New York-based trumpeter working across latin and jazz. Grew up playing in family bands and never stopped; weddings are a speciality. Brings a compact PA for venues up to 150 guests.',
   array['trumpet']::text[], array['latin', 'jazz']::text[], array['salsa', 'horn arrangements']::text[], array['English', 'Spanish']::text[], 'New York', 'US', 40.7481, -74.0426, 200, 110000, 198000, 'USD', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/rico.alvarez"}]'),
  ('00000000-0000-4000-8000-000000010039', 'Jess Harlan',
   'Jess Harlan is a Nashville-based singer working across country and folk. Comfortable with charts, click tracks and last-minute set changes. Available for weddings, corporate events and studio sessions; travels with own backline.',
   array['vocals', 'guitar']::text[], array['country', 'folk']::text[], array['songwriting', 'harmony vocals']::text[], array['English', 'Spanish']::text[], 'Nashville', 'US', 36.1431, -86.8042, 50, 85000, 109000, 'USD', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010040', 'Buck Tanner',
   'Buck Tanner is a Nashville-based guitarist working across country and blues. Known for reading a room: background sets that turn into a dance floor when the moment comes. Teaches beginners and advanced students, in person or online.',
   array['guitar', 'pedal steel']::text[], array['country', 'blues']::text[], array['session work', 'chicken pickin''']::text[], array['English', 'Spanish']::text[], 'Nashville', 'US', 36.1373, -86.7861, 50, 65000, 149000, 'USD', array['45']::text[], '[{"label": "Listen", "url": "https://music.example/buck.tanner"}]'),
  ('00000000-0000-4000-8000-000000010041', 'Delphine Batiste',
   'Delphine Batiste is a New Orleans-based singer working across jazz and blues. Fifteen years on the club circuit, from late-night jam sessions to festival main stages. Teaches beginners and advanced students, in person or online.',
   array['vocals', 'piano']::text[], array['jazz', 'blues']::text[], array['trad jazz', 'second line']::text[], array['English', 'Spanish']::text[], 'New Orleans', 'US', 29.9607, -90.0729, 50, 85000, 154000, 'USD', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/delphine.batiste"}]'),
  ('00000000-0000-4000-8000-000000010042', 'Crescent City Horns',
   'Crescent City Horns is a New Orleans-based trumpeter working across jazz and soul. Regular at the city''s best listening rooms, with two albums out under their own name. Happy to learn a first-dance song or a special request on short notice.',
   array['trumpet', 'saxophone', 'trombone']::text[], array['jazz', 'soul']::text[], array['brass band', 'parades']::text[], array['English', 'Spanish']::text[], 'New Orleans', 'US', 29.9014, -90.0867, 50, 50000, 129000, 'USD', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010043', 'Tyler Briggs',
   'Tyler Briggs is a Austin-based guitarist working across blues and rock. Grew up playing in family bands and never stopped; weddings are a speciality. Records remote sessions from a treated home studio with a fast turnaround.',
   array['guitar', 'harmonica']::text[], array['blues', 'rock']::text[], array['texas blues', 'bandleading']::text[], array['English', 'Spanish']::text[], 'Austin', 'US', 30.2387, -97.7787, 50, 111000, 155000, 'USD', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/tyler.briggs"}]'),
  ('00000000-0000-4000-8000-000000010044', 'Sol y Sombra',
   'Sol y Sombra is a Austin-based accordionist working across latin and country. Known for reading a room: background sets that turn into a dance floor when the moment comes. Available for weddings, corporate events and studio sessions; travels with own backline.',
   array['accordion', 'bass']::text[], array['latin', 'country']::text[], array['conjunto', 'tejano']::text[], array['English', 'Spanish']::text[], 'Austin', 'US', 30.2676, -97.7491, 50, 75000, 201000, 'USD', array['13']::text[], '[{"label": "Listen", "url": "https://music.example/sol.y.sombra"}]'),
  ('00000000-0000-4000-8000-000000010045', 'Maya Lin',
   'Maya Lin is a Los Angeles-based producer working across electronic and pop. Regular at the city''s best listening rooms, with two albums out under their own name. Available for weddings, corporate events and studio sessions; travels with own backline.',
   array['production', 'vocals']::text[], array['electronic', 'pop']::text[], array['sound design', 'mixing']::text[], array['English', 'Spanish']::text[], 'Los Angeles', 'US', 34.0522, -118.2582, 50, 61000, 205000, 'USD', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010046', 'Andre Coleman',
   'Andre Coleman is a Los Angeles-based singer working across hip hop and soul. Comfortable with charts, click tracks and last-minute set changes. Offers solo, duo and full-band line-ups to fit the room and the budget.',
   array['vocals', 'songwriter']::text[], array['hip hop', 'soul']::text[], array['freestyle', 'hooks']::text[], array['English', 'Spanish']::text[], 'Los Angeles', 'US', 34.0677, -118.1971, 100, 83000, 118000, 'USD', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/andre.coleman"}]'),
  ('00000000-0000-4000-8000-000000010047', 'Valeria Ríos',
   'Valeria Ríos is a Mexico City-based singer working across latin and pop. Toured three continents as a sideman before settling back home. Available for weddings, corporate events and studio sessions; travels with own backline.',
   array['vocals']::text[], array['latin', 'pop']::text[], array['bolero', 'mariachi']::text[], array['Spanish', 'English']::text[], 'Mexico City', 'MX', 19.4576, -99.1404, 500, 74000, 179000, 'USD', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/valeria.rios"}]'),
  ('00000000-0000-4000-8000-000000010048', 'Mariachi Sol de Oro',
   'Mariachi Sol de Oro is a Mexico City-based trumpeter working across latin and world. Regular at the city''s best listening rooms, with two albums out under their own name. Records remote sessions from a treated home studio with a fast turnaround.',
   array['trumpet', 'violin', 'guitar', 'vocals']::text[], array['latin', 'world']::text[], array['mariachi', 'serenatas']::text[], array['Spanish', 'English']::text[], 'Mexico City', 'MX', 19.3911, -99.0922, 500, 77000, 188000, 'USD', array['41']::text[], '[]'),
  ('00000000-0000-4000-8000-000000010049', 'Roots Foundation',
   'Roots Foundation is a Kingston-based bassist working across reggae. Plays around 120 shows a year, from intimate dinners to open-air stages. Happy to learn a first-dance song or a special request on short notice.',
   array['bass', 'drums', 'keys']::text[], array['reggae']::text[], array['riddims', 'dub mixing']::text[], array['English']::text[], 'Kingston', 'JM', 17.9569, -76.7994, 500, 26000, 79000, 'USD', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/roots.foundation"}]'),
  ('00000000-0000-4000-8000-000000010050', 'Nadine Campbell',
   'Nadine Campbell is a Kingston-based singer working across reggae and soul. Comfortable with charts, click tracks and last-minute set changes. Offers solo, duo and full-band line-ups to fit the room and the budget.',
   array['vocals']::text[], array['reggae', 'soul']::text[], array['lovers rock', 'harmony vocals']::text[], array['English']::text[], 'Kingston', 'JM', 17.9563, -76.7467, 25, 60000, 184000, 'USD', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/nadine.campbell"}]'),
  ('00000000-0000-4000-8000-000000010051', 'Bruno Lima',
   'Bruno Lima is a Rio de Janeiro-based guitarist working across latin and jazz. Known for reading a room: background sets that turn into a dance floor when the moment comes. Happy to learn a first-dance song or a special request on short notice.',
   array['guitar']::text[], array['latin', 'jazz']::text[], array['bossa nova', 'choro']::text[], array['Portuguese', 'English']::text[], 'Rio de Janeiro', 'BR', -22.9138, -43.1283, 500, 113000, 188000, 'USD', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010052', 'Samba da Lapa',
   'Samba da Lapa is a Rio de Janeiro-based percussionist working across latin and world. Conservatory-trained, now splitting the week between studio sessions and teaching. Records remote sessions from a treated home studio with a fast turnaround.',
   array['percussion', 'vocals']::text[], array['latin', 'world']::text[], array['samba', 'batucada']::text[], array['Portuguese', 'English']::text[], 'Rio de Janeiro', 'BR', -22.8879, -43.1682, 200, 29000, 52000, 'USD', array['9']::text[], '[{"label": "Listen", "url": "https://music.example/samba.da.lapa"}]'),
  ('00000000-0000-4000-8000-000000010053', 'Tunde Afolabi',
   'Tunde Afolabi is a Lagos-based saxophonist working across world and jazz. Conservatory-trained, now splitting the week between studio sessions and teaching. Brings a compact PA for venues up to 150 guests.',
   array['saxophone']::text[], array['world', 'jazz']::text[], array['afrobeat', 'highlife']::text[], array['English', 'Yoruba']::text[], 'Lagos', 'NG', 6.477, 3.3776, 25, 99000, 156000, 'USD', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/tunde.afolabi"}]'),
  ('00000000-0000-4000-8000-000000010054', 'Lagos Groove Collective',
   'Lagos Groove Collective is a Lagos-based drummer working across world and soul. Plays around 120 shows a year, from intimate dinners to open-air stages. Teaches beginners and advanced students, in person or online.',
   array['drums', 'bass', 'guitar', 'vocals']::text[], array['world', 'soul']::text[], array['afrobeats', 'wedding sets']::text[], array['English', 'Yoruba']::text[], 'Lagos', 'NG', 6.5437, 3.4201, 50, 106000, 191000, 'USD', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010055', 'Arjun Mehta',
   'Arjun Mehta is a Mumbai-based sitar player working across world and classical. Comfortable with charts, click tracks and last-minute set changes. Teaches beginners and advanced students, in person or online.',
   array['sitar']::text[], array['world', 'classical']::text[], array['hindustani classical', 'fusion']::text[], array['Hindi', 'English', 'Marathi']::text[], 'Mumbai', 'IN', 19.0784, 72.8767, 100, 2400000, 8100000, 'INR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/arjun.mehta"}]'),
  ('00000000-0000-4000-8000-000000010056', 'Neha Kapoor',
   'Neha Kapoor is a Mumbai-based singer working across pop and world. Conservatory-trained, now splitting the week between studio sessions and teaching. Records remote sessions from a treated home studio with a fast turnaround.',
   array['vocals']::text[], array['pop', 'world']::text[], array['bollywood playback', 'sangeet nights']::text[], array['Hindi', 'English']::text[], 'Mumbai', 'IN', 19.1184, 72.8314, 50, 3600000, 5200000, 'INR', array['37']::text[], '[{"label": "Listen", "url": "https://music.example/neha.kapoor"}]'),
  ('00000000-0000-4000-8000-000000010057', 'Vikram Rao',
   'Vikram Rao is a Bengaluru-based drummer working across rock and metal. Fifteen years on the club circuit, from late-night jam sessions to festival main stages. Available for weddings, corporate events and studio sessions; travels with own backline.',
   array['drums']::text[], array['rock', 'metal']::text[], array['progressive metal', 'studio tracking']::text[], array['Hindi', 'English', 'Marathi']::text[], 'Bengaluru', 'IN', 12.9613, 77.5694, 50, 1300000, 6100000, 'INR', '{}'::text[], '[]'),
  ('00000000-0000-4000-8000-000000010058', 'Kavya Iyer',
   'Kavya Iyer is a Bengaluru-based violinist working across classical and world. Conservatory-trained, now splitting the week between studio sessions and teaching. Brings a compact PA for venues up to 150 guests.',
   array['violin']::text[], array['classical', 'world']::text[], array['carnatic violin', 'fusion']::text[], array['Hindi', 'English']::text[], 'Bengaluru', 'IN', 12.9548, 77.5642, 50, 3300000, 6500000, 'INR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/kavya.iyer"}]'),
  ('00000000-0000-4000-8000-000000010059', 'Delhi Sufi Ensemble',
   'Delhi Sufi Ensemble is a Delhi-based singer working across world and folk. Fifteen years on the club circuit, from late-night jam sessions to festival main stages. Offers solo, duo and full-band line-ups to fit the room and the budget.',
   array['vocals', 'percussion', 'harmonium']::text[], array['world', 'folk']::text[], array['qawwali', 'sufi']::text[], array['Hindi', 'English', 'Marathi']::text[], 'Delhi', 'IN', 28.6115, 77.1712, 100, 800000, 2800000, 'INR', '{}'::text[], '[{"label": "Listen", "url": "https://music.example/delhi.sufi.ensemble"}]'),
  ('00000000-0000-4000-8000-000000010060', 'Rohan Malhotra',
   'Rohan Malhotra is a Delhi-based DJ working across electronic and hip hop. Toured three continents as a sideman before settling back home. Happy to learn a first-dance song or a special request on short notice.',
   array['dj']::text[], array['electronic', 'hip hop']::text[], array['bollywood remixes', 'club sets']::text[], array['Hindi', 'English']::text[], 'Delhi', 'IN', 28.6427, 77.2535, 50, 1000000, 8700000, 'INR', array['5']::text[], '[]')
) as v(id, stage_name, bio, instruments, genres, skills, languages, city, country, lat, lng, radius,
        fee_min, fee_max, currency, blocked, links)
on conflict (id) do nothing;

insert into public.client_profiles (id, organisation, venue_type, capacity, city, country, lat, lng, published)
select v.id::uuid, v.organisation, v.venue_type, v.capacity, v.city, v.country, v.lat, v.lng, true
from (values
  ('00000000-0000-4000-8000-00000000d002', 'The Blue Door Jazz Club', 'jazz club', 120, 'Lisbon', 'PT', 38.7331, -9.1781),
  ('00000000-0000-4000-8000-00000000d003', 'Okafor Sessions', 'recording studio', null::int, 'Lisbon', 'PT', 38.6927, -9.1726),
  ('00000000-0000-4000-8000-000000020001', 'Hot Clube Lisboa', 'jazz club', 90, 'Lisbon', 'PT', 38.7118, -9.1084),
  ('00000000-0000-4000-8000-000000020002', 'Quinta do Lago Weddings', 'wedding planner', null::int, 'Porto', 'PT', 41.1353, -8.5945),
  ('00000000-0000-4000-8000-000000020003', 'Spreegold Studios', 'recording studio', null::int, 'Berlin', 'DE', 52.475, 13.3619),
  ('00000000-0000-4000-8000-000000020004', 'Elbphilharmonie Foyer Bar', 'concert hall bar', 250, 'Hamburg', 'DE', 53.5651, 10.0217),
  ('00000000-0000-4000-8000-000000020005', 'Le Petit Caveau', 'cocktail bar', 70, 'Paris', 'FR', 48.8816, 2.375),
  ('00000000-0000-4000-8000-000000020006', 'Escuela de Música Sol', 'music school', 40, 'Madrid', 'ES', 40.4214, -3.6548),
  ('00000000-0000-4000-8000-000000020007', 'Mercat Events', 'corporate events agency', null::int, 'Barcelona', 'ES', 41.4352, 2.1391),
  ('00000000-0000-4000-8000-000000020008', 'Canal House Hotel', 'hotel', 180, 'Amsterdam', 'NL', 52.4074, 4.8719),
  ('00000000-0000-4000-8000-000000020009', 'The Cobblestone Rooms', 'pub', 120, 'Dublin', 'IE', 53.3429, -6.2239),
  ('00000000-0000-4000-8000-000000020010', 'Mayfair Wedding Co.', 'wedding planner', null::int, 'London', 'GB', 51.5306, -0.0832),
  ('00000000-0000-4000-8000-000000020011', 'Southbank Sessions', 'recording studio', null::int, 'London', 'GB', 51.5039, -0.1048),
  ('00000000-0000-4000-8000-000000020012', 'Albert Hall Manchester', 'concert venue', 2000, 'Manchester', 'GB', 53.4846, -2.2323),
  ('00000000-0000-4000-8000-000000020013', 'Greenwich Village Supper Club', 'supper club', 110, 'New York', 'US', 40.6696, -74.0489),
  ('00000000-0000-4000-8000-000000020014', 'Music Row Writers Room', 'songwriting studio', null::int, 'Nashville', 'US', 36.142, -86.7532),
  ('00000000-0000-4000-8000-000000020015', 'Frenchmen Street Hall', 'live music bar', 200, 'New Orleans', 'US', 29.9787, -90.0919),
  ('00000000-0000-4000-8000-000000020016', 'Sunset Strip Productions', 'production company', null::int, 'Los Angeles', 'US', 34.0164, -118.2879),
  ('00000000-0000-4000-8000-000000020017', 'Casa Azul Eventos', 'events venue', 300, 'Mexico City', 'MX', 19.3849, -99.09),
  ('00000000-0000-4000-8000-000000020018', 'Bandra Bay Lounge', 'rooftop lounge', 150, 'Mumbai', 'IN', 19.063, 72.8592),
  ('00000000-0000-4000-8000-000000020019', 'Indiranagar Music Academy', 'music school', 60, 'Bengaluru', 'IN', 13.0195, 77.5994),
  ('00000000-0000-4000-8000-000000020020', 'Royal Sangeet Planners', 'wedding planner', null::int, 'Delhi', 'IN', 28.5929, 77.2359)
) as v(id, organisation, venue_type, capacity, city, country, lat, lng)
on conflict (id) do nothing;

insert into public.gigs (id, client_id, title, description, kind, genres, instruments, starts_at, timezone,
                         duration_minutes, remote, venue_name, city, country, lat, lng, budget_min_minor,
                         budget_max_minor, currency, apply_by, visibility, status, published_at, created_at)
select v.id::uuid, v.client_id::uuid, v.title, v.description, v.kind, v.genres, v.instruments, s.starts_at,
       v.tz, v.minutes, v.remote, v.venue, v.city, v.country, v.lat, v.lng, v.budget_min, v.budget_max,
       v.currency,
       case when v.status <> 'draft' then least(s.starts_at - interval '2 days', now() + interval '1 day' * greatest(v.day - 2, 1)) end,
       v.visibility, v.status,
       case when v.status <> 'draft' then least(now(), s.starts_at) - interval '1 day' * (3 + v.n % 9) end,
       least(now(), s.starts_at) - interval '1 day' * (4 + v.n % 9)
from (values
  (1, '00000000-0000-4000-8000-000000030001', '00000000-0000-4000-8000-00000000d002', 'Friday night jazz trio',
   'Three sets of standards and bossa nova for a listening crowd of 120. Grand piano on stage, house PA and an engineer. Dinner for the band included.',
   'live_show', array['jazz', 'latin']::text[], array['piano', 'double bass', 'drums']::text[], 9, 21, 'Europe/Lisbon', 180, false, 'The Blue Door', 'Lisbon', 'PT', 38.6886, -9.1026, 45000, 70000, 'EUR', 'public', 'published'),
  (2, '00000000-0000-4000-8000-000000030002', '00000000-0000-4000-8000-00000000d002', 'Sunday brunch duo',
   'Relaxed jazz and soul for our Sunday brunch, two sets of 45 minutes between 11:30 and 14:00. Acoustic or lightly amplified.',
   'live_show', array['jazz', 'soul']::text[], array['vocals', 'guitar']::text[], 12, 11, 'Europe/Lisbon', 150, false, 'The Blue Door', 'Lisbon', 'PT', 38.759, -9.1259, 20000, 30000, 'EUR', 'public', 'published'),
  (3, '00000000-0000-4000-8000-000000030003', '00000000-0000-4000-8000-000000020001', 'Late jam session host',
   'Host our Wednesday jam: open with a 30-minute set with your trio, then call tunes and bring players up. Regular monthly slot if it works out.',
   'live_show', array['jazz']::text[], array['saxophone', 'piano']::text[], 6, 22, 'Europe/Lisbon', 180, false, 'Hot Clube', 'Lisbon', 'PT', 38.6741, -9.1588, 25000, 35000, 'EUR', 'public', 'published'),
  (4, '00000000-0000-4000-8000-000000030004', '00000000-0000-4000-8000-000000020002', 'Wedding ceremony strings',
   'String duo or trio for a vineyard ceremony and the champagne reception that follows. Classical repertoire plus two pop arrangements chosen by the couple.',
   'live_show', array['classical', 'pop']::text[], array['violin', 'cello']::text[], 33, 16, 'Europe/Lisbon', 120, false, 'Quinta da Aveleda', 'Porto', 'PT', 41.1885, -8.6608, 60000, 90000, 'EUR', 'public', 'published'),
  (5, '00000000-0000-4000-8000-000000030005', '00000000-0000-4000-8000-000000020003', 'Session drummer for indie-pop EP',
   'Tracking drums on four songs, two days in our live room. Demos and charts sent a week before. Clicks and stems, no surprises.',
   'session', array['pop', 'rock']::text[], array['drums']::text[], 18, 10, 'Europe/Berlin', 480, false, 'Spreegold Studios', 'Berlin', 'DE', 52.5248, 13.4038, 80000, 120000, 'EUR', 'public', 'published'),
  (6, '00000000-0000-4000-8000-000000030006', '00000000-0000-4000-8000-000000020003', 'Remote string arrangement and recording',
   'Write and record a string quartet part for a downtempo track (3:40). Multitracked violin, viola and cello from your own studio is fine.',
   'session', array['electronic', 'classical']::text[], array['violin', 'viola', 'cello']::text[], 25, 9, 'Europe/Berlin', 240, true, null, null, null, null::float8, null::float8, 50000, 80000, 'EUR', 'public', 'published'),
  (7, '00000000-0000-4000-8000-000000030007', '00000000-0000-4000-8000-000000020004', 'Foyer bar after-concert set',
   'Smooth sets after the evening concerts in the foyer bar. Jazz, soul or bossa; keep it conversational. Two nights, same band.',
   'live_show', array['jazz', 'soul']::text[], array['piano', 'vocals', 'double bass']::text[], 15, 22, 'Europe/Berlin', 120, false, 'Foyer Bar', 'Hamburg', 'DE', 53.5692, 9.9794, 40000, 60000, 'EUR', 'public', 'published'),
  (8, '00000000-0000-4000-8000-000000030008', '00000000-0000-4000-8000-000000020005', 'Chanson and jazz evening',
   'A singer-pianist for a candlelit evening of chanson, jazz standards and a little Gainsbourg. Upright piano in the room.',
   'live_show', array['jazz', 'pop']::text[], array['piano', 'vocals']::text[], 20, 21, 'Europe/Paris', 150, false, 'Le Petit Caveau', 'Paris', 'FR', 48.8363, 2.3287, 30000, 45000, 'EUR', 'public', 'published'),
  (9, '00000000-0000-4000-8000-000000030009', '00000000-0000-4000-8000-000000020006', 'Guitar teacher, Saturday mornings',
   'Group lessons for teenagers (six students) and two private lessons each Saturday for the spring term. Pop and rock repertoire.',
   'teaching', array['pop', 'rock']::text[], array['guitar']::text[], 40, 10, 'Europe/Madrid', 240, false, 'Escuela de Música Sol', 'Madrid', 'ES', 40.4235, -3.6868, 15000, 20000, 'EUR', 'public', 'published'),
  (10, '00000000-0000-4000-8000-000000030010', '00000000-0000-4000-8000-000000020007', 'Flamenco-pop band for product launch',
   'Energetic four-piece for a tech product launch on a rooftop, 300 guests. 2 x 40 minute sets, no long ballads.',
   'live_show', array['latin', 'pop']::text[], array['vocals', 'guitar', 'percussion']::text[], 28, 20, 'Europe/Madrid', 120, false, 'Terrat Rooftop', 'Barcelona', 'ES', 41.3785, 2.2007, 150000, 250000, 'EUR', 'public', 'published'),
  (11, '00000000-0000-4000-8000-000000030011', '00000000-0000-4000-8000-000000020008', 'Hotel lobby pianist, weekends',
   'Background piano in the lobby lounge on Friday and Saturday evenings. Jazz standards, film themes, tasteful pop covers.',
   'live_show', array['jazz', 'classical', 'pop']::text[], array['piano']::text[], 5, 19, 'Europe/Amsterdam', 180, false, 'Canal House Hotel', 'Amsterdam', 'NL', 52.4004, 4.9512, 25000, 35000, 'EUR', 'public', 'published'),
  (12, '00000000-0000-4000-8000-000000030012', '00000000-0000-4000-8000-000000020009', 'Trad session leader',
   'Lead our Thursday trad session: start tunes, keep things moving and welcome visiting players. Fiddle, whistle or box.',
   'live_show', array['folk', 'world']::text[], array['violin', 'accordion', 'flute']::text[], 4, 21, 'Europe/Dublin', 180, false, 'The Cobblestone Rooms', 'Dublin', 'IE', 53.3816, -6.2108, 15000, 25000, 'EUR', 'public', 'published'),
  (13, '00000000-0000-4000-8000-000000030013', '00000000-0000-4000-8000-000000020010', 'Wedding function band (4-6 piece)',
   'Evening function band for a country-house wedding, 140 guests: first dance, three sets, playlist between sets. Soul, Motown and modern pop.',
   'live_show', array['soul', 'pop']::text[], array['vocals', 'guitar', 'bass', 'drums', 'keys']::text[], 52, 19, 'Europe/London', 240, false, 'Hedsor House', 'London', 'GB', 51.5284, -0.0917, 280000, 400000, 'GBP', 'public', 'published'),
  (14, '00000000-0000-4000-8000-000000030014', '00000000-0000-4000-8000-000000020011', 'Upright bass for jazz album',
   'Two days tracking an acoustic jazz record with a piano trio. Originals, charts provided; must be comfortable reading and soloing.',
   'session', array['jazz']::text[], array['double bass']::text[], 21, 10, 'Europe/London', 480, false, 'Southbank Sessions', 'London', 'GB', 51.4835, -0.0912, 60000, 90000, 'GBP', 'invite_only', 'published'),
  (15, '00000000-0000-4000-8000-000000030015', '00000000-0000-4000-8000-000000020012', 'Support act for a sold-out rock night',
   'Local rock or blues act to open for our headliner: 35 minutes, shared backline, soundcheck at 18:00.',
   'live_show', array['rock', 'blues']::text[], array['guitar', 'vocals', 'drums']::text[], 30, 19, 'Europe/London', 45, false, 'Albert Hall', 'Manchester', 'GB', 53.482, -2.2643, 30000, 50000, 'GBP', 'public', 'published'),
  (16, '00000000-0000-4000-8000-000000030016', '00000000-0000-4000-8000-000000020013', 'Supper club quartet',
   'Swing and standards for dinner service; the dance floor opens after 22:00. Jackets, please.',
   'live_show', array['jazz']::text[], array['trumpet', 'piano', 'double bass', 'drums']::text[], 14, 20, 'America/New_York', 180, false, 'Greenwich Village Supper Club', 'New York', 'US', 40.6869, -73.9702, 120000, 180000, 'USD', 'public', 'published'),
  (17, '00000000-0000-4000-8000-000000030017', '00000000-0000-4000-8000-000000020014', 'Co-write with a country artist',
   'Half-day co-writing session for an up-and-coming country artist. Bring hooks; topline and guitar skills a plus.',
   'session', array['country', 'folk']::text[], array['guitar', 'vocals', 'songwriter']::text[], 10, 11, 'America/Chicago', 240, false, 'Music Row Writers Room', 'Nashville', 'US', 36.122, -86.7483, 30000, 50000, 'USD', 'public', 'published'),
  (18, '00000000-0000-4000-8000-000000030018', '00000000-0000-4000-8000-000000020015', 'Brass band for a second line',
   'Brass band to lead a wedding second line from the church to the reception, about 45 minutes of walking and playing.',
   'live_show', array['jazz', 'soul']::text[], array['trumpet', 'trombone', 'saxophone', 'drums']::text[], 46, 17, 'America/Chicago', 60, false, 'Frenchmen Street Hall', 'New Orleans', 'US', 29.9386, -90.0408, 100000, 160000, 'USD', 'public', 'published'),
  (19, '00000000-0000-4000-8000-000000030019', '00000000-0000-4000-8000-000000020016', 'Vocalist for a commercial jingle',
   '30-second jingle for a juice brand, upbeat pop. Remote recording accepted; usage buyout for one year in the US.',
   'session', array['pop', 'electronic']::text[], array['vocals']::text[], 8, 12, 'America/Los_Angeles', 120, true, null, null, null, null::float8, null::float8, 50000, 100000, 'USD', 'public', 'published'),
  (20, '00000000-0000-4000-8000-000000030020', '00000000-0000-4000-8000-000000020017', 'Mariachi for a quinceañera',
   'Classic mariachi for a quinceañera: entrance, the waltz and a set of crowd favourites. Ten to twelve musicians preferred.',
   'live_show', array['latin', 'world']::text[], array['trumpet', 'violin', 'guitar', 'vocals']::text[], 35, 18, 'America/Mexico_City', 90, false, 'Casa Azul', 'Mexico City', 'MX', 19.4011, -99.1392, 80000, 120000, 'USD', 'public', 'published'),
  (21, '00000000-0000-4000-8000-000000030021', '00000000-0000-4000-8000-000000020018', 'Sunset DJ set, Bollywood and house',
   'Rooftop sunset to midnight: Bollywood remixes early, house and afro later. Pioneer CDJs and a DJM mixer in the booth.',
   'live_show', array['electronic', 'hip hop', 'world']::text[], array['dj']::text[], 16, 18, 'Asia/Kolkata', 360, false, 'Bandra Bay Lounge', 'Mumbai', 'IN', 19.0887, 72.8447, 3000000, 5000000, 'INR', 'public', 'published'),
  (22, '00000000-0000-4000-8000-000000030022', '00000000-0000-4000-8000-000000020019', 'Carnatic violin workshop',
   'A two-hour workshop for intermediate students on gamakas and improvisation, then a short demonstration concert.',
   'teaching', array['classical', 'world']::text[], array['violin']::text[], 24, 16, 'Asia/Kolkata', 180, false, 'Indiranagar Music Academy', 'Bengaluru', 'IN', 12.952, 77.5577, 800000, 1500000, 'INR', 'public', 'published'),
  (23, '00000000-0000-4000-8000-000000030023', '00000000-0000-4000-8000-000000020020', 'Sangeet night performers',
   'Singers and a dhol player for a sangeet evening: Bollywood hits, folk songs and a dance-off. Sound system provided.',
   'live_show', array['pop', 'world', 'folk']::text[], array['vocals', 'percussion']::text[], 44, 19, 'Asia/Kolkata', 180, false, 'The Imperial Lawns', 'Delhi', 'IN', 28.5865, 77.2038, 4000000, 7000000, 'INR', 'public', 'published'),
  (24, '00000000-0000-4000-8000-000000030024', '00000000-0000-4000-8000-000000020004', 'Christmas carols with a string quartet',
   'Carols and light classics at the foyer entrance before the Christmas concerts, three evenings in a row.',
   'live_show', array['classical']::text[], array['violin', 'viola', 'cello']::text[], 60, 18, 'Europe/Berlin', 60, false, 'Foyer Bar', 'Hamburg', 'DE', 53.599, 10.0165, 70000, 100000, 'EUR', 'public', 'published'),
  (25, '00000000-0000-4000-8000-000000030025', '00000000-0000-4000-8000-000000020010', 'Harpist for a garden ceremony',
   'Solo harp for a 30-minute outdoor ceremony and drinks reception. Weather plan is a marquee.',
   'live_show', array['classical']::text[], array['harp']::text[], 70, 14, 'Europe/London', 120, false, 'Kew Gardens Orangery', 'London', 'GB', 51.5431, -0.0821, 45000, 65000, 'GBP', 'public', 'published'),
  (26, '00000000-0000-4000-8000-000000030026', '00000000-0000-4000-8000-000000020007', 'Salsa band for a company party',
   'Live salsa band for 200 guests, with a dance teacher opening the night (we book the teacher).',
   'live_show', array['latin']::text[], array['percussion', 'trumpet', 'piano', 'vocals']::text[], 75, 21, 'Europe/Madrid', 150, false, 'Sala Apolo', 'Barcelona', 'ES', 41.3742, 2.1253, 180000, 260000, 'EUR', 'public', 'published'),
  (27, '00000000-0000-4000-8000-000000030027', '00000000-0000-4000-8000-000000020012', 'Metal night: two openers wanted',
   'Two heavy bands for our monthly metal night. 30 minutes each, drum kit and cabs shared.',
   'live_show', array['metal', 'rock']::text[], array['guitar', 'drums', 'bass', 'vocals']::text[], 58, 20, 'Europe/London', 30, false, 'Albert Hall', 'Manchester', 'GB', 53.5081, -2.2483, 20000, 30000, 'GBP', 'public', 'published'),
  (28, '00000000-0000-4000-8000-000000030028', '00000000-0000-4000-8000-000000020015', 'Reggae Sunday on the patio',
   'Roots reggae on the patio, three sets through the afternoon. A small PA is there; bring what you need beyond it.',
   'live_show', array['reggae']::text[], array['bass', 'drums', 'guitar', 'vocals']::text[], 23, 14, 'America/Chicago', 210, false, 'Frenchmen Street Hall', 'New Orleans', 'US', 29.9122, -90.0479, 60000, 90000, 'USD', 'public', 'published'),
  (29, '00000000-0000-4000-8000-000000030029', '00000000-0000-4000-8000-000000020016', 'Producer for a hip-hop single',
   'Produce and mix one hip-hop single with a West Coast feel: beat, arrangement, mix. Vocals are recorded already.',
   'session', array['hip hop', 'electronic']::text[], array['production']::text[], 38, 11, 'America/Los_Angeles', 480, true, null, null, null, null::float8, null::float8, 100000, 200000, 'USD', 'public', 'published'),
  (30, '00000000-0000-4000-8000-000000030030', '00000000-0000-4000-8000-000000020011', 'Online piano lessons for adult beginners',
   'Weekly 45-minute video lessons for five adult beginners over ten weeks. Patient, encouraging, pop and film repertoire.',
   'teaching', array['pop', 'classical']::text[], array['piano']::text[], 13, 18, 'Europe/London', 45, true, null, null, null, null::float8, null::float8, 4000, 6000, 'GBP', 'public', 'published'),
  (31, '00000000-0000-4000-8000-000000030031', '00000000-0000-4000-8000-00000000d003', 'Remote bass-friendly drummer for afrobeat demo',
   'I produce an afrobeat demo and need live drums that lock with the bass: three tracks, stems by the end of the month.',
   'session', array['world', 'soul']::text[], array['drums']::text[], 27, 10, 'Europe/Lisbon', 240, true, null, null, null, null::float8, null::float8, 30000, 50000, 'EUR', 'public', 'published'),
  (32, '00000000-0000-4000-8000-000000030032', '00000000-0000-4000-8000-00000000d002', 'New Year''s Eve big band',
   'Draft: swing big band for our New Year''s Eve party, countdown at midnight.',
   'live_show', array['jazz']::text[], array['trumpet', 'saxophone', 'trombone', 'piano', 'drums']::text[], 80, 21, 'Europe/Lisbon', 240, false, 'The Blue Door', 'Lisbon', 'PT', 38.7187, -9.0914, 200000, 300000, 'EUR', 'public', 'draft'),
  (33, '00000000-0000-4000-8000-000000030033', '00000000-0000-4000-8000-000000020008', 'Jazz brunch residency',
   'Draft: Sunday jazz brunch, three months, duo or trio.',
   'live_show', array['jazz']::text[], array['piano', 'guitar']::text[], 66, 11, 'Europe/Amsterdam', 150, false, 'Canal House Hotel', 'Amsterdam', 'NL', 52.3347, 4.8901, null::int, null::int, 'EUR', 'public', 'draft'),
  (34, '00000000-0000-4000-8000-000000030034', '00000000-0000-4000-8000-000000020013', 'Valentine''s night string duo',
   'Draft.',
   'live_show', array['classical', 'pop']::text[], array['violin', 'cello']::text[], 85, 19, 'America/New_York', 120, false, 'Greenwich Village Supper Club', 'New York', 'US', 40.7022, -73.9731, 50000, 80000, 'USD', 'public', 'draft'),
  (35, '00000000-0000-4000-8000-000000030035', '00000000-0000-4000-8000-000000020019', 'Summer rock camp tutors',
   'Draft: tutors for a one-week rock camp for teenagers, guitar, bass, drums and vocals.',
   'teaching', array['rock', 'pop']::text[], array['guitar', 'bass', 'drums', 'vocals']::text[], 88, 9, 'Asia/Kolkata', 360, false, 'Indiranagar Music Academy', 'Bengaluru', 'IN', 12.9609, 77.6217, 2000000, 3000000, 'INR', 'public', 'draft'),
  (36, '00000000-0000-4000-8000-000000030036', '00000000-0000-4000-8000-00000000d002', 'Solo piano for a private dinner',
   'Solo piano during a private dinner for 24 guests in our upstairs room: standards, bossa and a few requests.',
   'live_show', array['jazz', 'latin']::text[], array['piano']::text[], 19, 20, 'Europe/Lisbon', 150, false, 'The Blue Door', 'Lisbon', 'PT', 38.7513, -9.1671, 30000, 45000, 'EUR', 'public', 'filled'),
  (37, '00000000-0000-4000-8000-000000030037', '00000000-0000-4000-8000-000000020001', 'Soul night with a full band',
   'Soul and funk night, two long sets. The house has a drum kit and a Rhodes.',
   'live_show', array['soul']::text[], array['vocals', 'bass', 'drums', 'keys']::text[], 26, 22, 'Europe/Lisbon', 180, false, 'Hot Clube', 'Lisbon', 'PT', 38.6886, -9.1493, 80000, 120000, 'EUR', 'public', 'filled'),
  (38, '00000000-0000-4000-8000-000000030038', '00000000-0000-4000-8000-000000020009', 'St Patrick''s weekend ceili band',
   'Ceili band for two nights over the St Patrick''s weekend, caller included if possible.',
   'live_show', array['folk', 'world']::text[], array['violin', 'accordion', 'guitar']::text[], 50, 20, 'Europe/Dublin', 180, false, 'The Cobblestone Rooms', 'Dublin', 'IE', 53.3001, -6.2574, 60000, 90000, 'EUR', 'public', 'filled'),
  (39, '00000000-0000-4000-8000-000000030039', '00000000-0000-4000-8000-00000000d002', 'Bossa nova evening',
   'Bossa nova and samba-jazz for a summer evening on the terrace.',
   'live_show', array['latin', 'jazz']::text[], array['piano', 'vocals']::text[], -12, 21, 'Europe/Lisbon', 150, false, 'The Blue Door', 'Lisbon', 'PT', 38.7501, -9.1226, 35000, 50000, 'EUR', 'public', 'filled'),
  (40, '00000000-0000-4000-8000-000000030040', '00000000-0000-4000-8000-000000020001', 'Afrobeat late show',
   'A late show with an afrobeat groove: bass-heavy, horns welcome.',
   'live_show', array['world', 'soul']::text[], array['bass', 'saxophone', 'drums']::text[], -20, 23, 'Europe/Lisbon', 120, false, 'Hot Clube', 'Lisbon', 'PT', 38.6752, -9.1756, 50000, 80000, 'EUR', 'public', 'filled')
) as v(n, id, client_id, title, description, kind, genres, instruments, day, hour, tz, minutes, remote, venue,
        city, country, lat, lng, budget_min, budget_max, currency, visibility, status)
-- Local time in the gig's own zone: 'hour' o'clock, 'day' days from today.
cross join lateral (select (date_trunc('day', now() at time zone v.tz) + make_interval(days => v.day, hours => v.hour))
                           at time zone v.tz as starts_at) s
on conflict (id) do nothing;

insert into public.gig_invites (gig_id, musician_id) values
  ('00000000-0000-4000-8000-000000030014', '00000000-0000-4000-8000-00000000d003'),
  ('00000000-0000-4000-8000-000000030014', '00000000-0000-4000-8000-000000010028')
on conflict do nothing;

insert into public.applications (id, gig_id, musician_id, proposal, quoted_fee_minor, currency, status,
                                 created_at, decided_at)
select v.id::uuid, v.gig_id::uuid, v.musician_id::uuid, v.proposal, v.fee, g.currency, v.status,
       g.published_at + interval '1 hour' * (1 + v.n),
       case when v.status in ('accepted', 'declined', 'withdrawn')
            then g.published_at + interval '1 day' + interval '1 hour' * v.n end
from (values
  (1, '00000000-0000-4000-8000-000000040001', '00000000-0000-4000-8000-000000030001', '00000000-0000-4000-8000-00000000d001', 55000, 'shortlisted',
   'I''d love to play this: 9 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (2, '00000000-0000-4000-8000-000000040002', '00000000-0000-4000-8000-000000030001', '00000000-0000-4000-8000-000000010002', 60000, 'submitted',
   'I''d love to play this: 10 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (3, '00000000-0000-4000-8000-000000040003', '00000000-0000-4000-8000-000000030001', '00000000-0000-4000-8000-000000010008', 50000, 'submitted',
   'I''d love to play this: 11 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (4, '00000000-0000-4000-8000-000000040004', '00000000-0000-4000-8000-000000030001', '00000000-0000-4000-8000-000000010036', 65000, 'declined',
   'I''d love to play this: 12 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (5, '00000000-0000-4000-8000-000000040005', '00000000-0000-4000-8000-000000030002', '00000000-0000-4000-8000-000000010001', 25000, 'submitted',
   'I''d love to play this: 13 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (6, '00000000-0000-4000-8000-000000040006', '00000000-0000-4000-8000-000000030002', '00000000-0000-4000-8000-000000010013', 28000, 'withdrawn',
   'Pop and soul is what I do every week. I can send live videos and a set list shaped to your crowd, with a playlist for the breaks.'),
  (7, '00000000-0000-4000-8000-000000040007', '00000000-0000-4000-8000-000000030003', '00000000-0000-4000-8000-000000010002', 30000, 'submitted',
   'I''d love to play this: 15 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (8, '00000000-0000-4000-8000-000000040008', '00000000-0000-4000-8000-000000030004', '00000000-0000-4000-8000-000000010004', 80000, 'shortlisted',
   'Our ensemble plays ceremonies most weekends; we can send a repertoire list and arrange the couple''s two pop songs at no extra cost.'),
  (9, '00000000-0000-4000-8000-000000040009', '00000000-0000-4000-8000-000000030004', '00000000-0000-4000-8000-000000010027', 85000, 'submitted',
   'Our ensemble plays ceremonies most weekends; we can send a repertoire list and arrange the couple''s two pop songs at no extra cost.'),
  (10, '00000000-0000-4000-8000-000000040010', '00000000-0000-4000-8000-000000030005', '00000000-0000-4000-8000-000000010011', 100000, 'submitted',
   'I track from a treated room with good mics and can deliver clean stems within three days, with one round of changes included.'),
  (11, '00000000-0000-4000-8000-000000040011', '00000000-0000-4000-8000-000000030005', '00000000-0000-4000-8000-000000010008', 90000, 'submitted',
   'I track from a treated room with good mics and can deliver clean stems within three days, with one round of changes included.'),
  (12, '00000000-0000-4000-8000-000000040012', '00000000-0000-4000-8000-000000030006', '00000000-0000-4000-8000-000000010006', 70000, 'submitted',
   'I track from a treated room with good mics and can deliver clean stems within three days, with one round of changes included.'),
  (13, '00000000-0000-4000-8000-000000040013', '00000000-0000-4000-8000-000000030007', '00000000-0000-4000-8000-000000010028', 55000, 'submitted',
   'I''d love to play this: 21 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (14, '00000000-0000-4000-8000-000000040014', '00000000-0000-4000-8000-000000030008', '00000000-0000-4000-8000-000000010013', 40000, 'shortlisted',
   'Pop and soul is what I do every week. I can send live videos and a set list shaped to your crowd, with a playlist for the breaks.'),
  (15, '00000000-0000-4000-8000-000000040015', '00000000-0000-4000-8000-000000030011', '00000000-0000-4000-8000-000000010036', 30000, 'submitted',
   'I''d love to play this: 8 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (16, '00000000-0000-4000-8000-000000040016', '00000000-0000-4000-8000-000000030012', '00000000-0000-4000-8000-000000010023', 20000, 'submitted',
   'Trad and folk sessions are my home turf: I know hundreds of tunes and keep a session friendly for visiting players.'),
  (17, '00000000-0000-4000-8000-000000040017', '00000000-0000-4000-8000-000000030013', '00000000-0000-4000-8000-000000010032', 350000, 'submitted',
   'Pop and soul is what I do every week. I can send live videos and a set list shaped to your crowd, with a playlist for the breaks.'),
  (18, '00000000-0000-4000-8000-000000040018', '00000000-0000-4000-8000-000000030014', '00000000-0000-4000-8000-00000000d003', 80000, 'submitted',
   'I track from a treated room with good mics and can deliver clean stems within three days, with one round of changes included.'),
  (19, '00000000-0000-4000-8000-000000040019', '00000000-0000-4000-8000-000000030016', '00000000-0000-4000-8000-000000010036', 150000, 'submitted',
   'I''d love to play this: 12 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (20, '00000000-0000-4000-8000-000000040020', '00000000-0000-4000-8000-000000030017', '00000000-0000-4000-8000-000000010039', 40000, 'submitted',
   'I track from a treated room with good mics and can deliver clean stems within three days, with one round of changes included.'),
  (21, '00000000-0000-4000-8000-000000040021', '00000000-0000-4000-8000-000000030019', '00000000-0000-4000-8000-000000010025', 80000, 'submitted',
   'I track from a treated room with good mics and can deliver clean stems within three days, with one round of changes included.'),
  (22, '00000000-0000-4000-8000-000000040022', '00000000-0000-4000-8000-000000030021', '00000000-0000-4000-8000-000000010060', 4000000, 'shortlisted',
   'Pop and soul is what I do every week. I can send live videos and a set list shaped to your crowd, with a playlist for the breaks.'),
  (23, '00000000-0000-4000-8000-000000040023', '00000000-0000-4000-8000-000000030023', '00000000-0000-4000-8000-000000010056', 5500000, 'submitted',
   'Pop and soul is what I do every week. I can send live videos and a set list shaped to your crowd, with a playlist for the breaks.'),
  (24, '00000000-0000-4000-8000-000000040024', '00000000-0000-4000-8000-000000030031', '00000000-0000-4000-8000-000000010008', 45000, 'submitted',
   'I track from a treated room with good mics and can deliver clean stems within three days, with one round of changes included.'),
  (25, '00000000-0000-4000-8000-000000040025', '00000000-0000-4000-8000-000000030002', '00000000-0000-4000-8000-00000000d003', 27000, 'submitted',
   'I''d love to play this: 18 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (26, '00000000-0000-4000-8000-000000040026', '00000000-0000-4000-8000-000000030036', '00000000-0000-4000-8000-00000000d001', 40000, 'accepted',
   'I''d love to play this: 19 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (27, '00000000-0000-4000-8000-000000040027', '00000000-0000-4000-8000-000000030036', '00000000-0000-4000-8000-000000010013', 42000, 'declined',
   'I''d love to play this: 20 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (28, '00000000-0000-4000-8000-000000040028', '00000000-0000-4000-8000-000000030037', '00000000-0000-4000-8000-000000010031', 110000, 'accepted',
   'Pop and soul is what I do every week. I can send live videos and a set list shaped to your crowd, with a playlist for the breaks.'),
  (29, '00000000-0000-4000-8000-000000040029', '00000000-0000-4000-8000-000000030037', '00000000-0000-4000-8000-000000010009', 90000, 'declined',
   'Pop and soul is what I do every week. I can send live videos and a set list shaped to your crowd, with a playlist for the breaks.'),
  (30, '00000000-0000-4000-8000-000000040030', '00000000-0000-4000-8000-000000030038', '00000000-0000-4000-8000-000000010023', 80000, 'accepted',
   'Trad and folk sessions are my home turf: I know hundreds of tunes and keep a session friendly for visiting players.'),
  (31, '00000000-0000-4000-8000-000000040031', '00000000-0000-4000-8000-000000030039', '00000000-0000-4000-8000-00000000d001', 45000, 'accepted',
   'I''d love to play this: 9 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (32, '00000000-0000-4000-8000-000000040032', '00000000-0000-4000-8000-000000030039', '00000000-0000-4000-8000-000000010051', 48000, 'declined',
   'I''d love to play this: 10 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.'),
  (33, '00000000-0000-4000-8000-000000040033', '00000000-0000-4000-8000-000000030040', '00000000-0000-4000-8000-00000000d003', 70000, 'accepted',
   'I''d love to play this: 11 years of standards and bossa, a trio that listens, and a book of 300 tunes so requests are easy. Happy to adapt volume to the room.')
) as v(n, id, gig_id, musician_id, fee, status, proposal)
join public.gigs g on g.id = v.gig_id::uuid
on conflict (id) do nothing;

insert into public.bookings (id, gig_id, application_id, client_id, musician_id, fee_minor, currency, starts_at,
                             ends_at, timezone, place, remote, cancellation_terms, status, created_at,
                             completed_at)
select ('00000000-0000-4000-8000-00000005' || right(a.id::text, 4))::uuid, g.id, a.id, g.client_id,
       a.musician_id, a.quoted_fee_minor, a.currency, g.starts_at,
       g.starts_at + make_interval(mins => g.duration_minutes), g.timezone,
       case when g.remote then 'Remote' else concat_ws(', ', g.venue_name, g.city, g.country) end, g.remote,
       'Either party may cancel free of charge until 7 days before the start. After that, a client '
       'who cancels owes 50% of the fee, and a musician who cancels receives nothing and should help '
       'find a replacement. Illness and force majeure, shown in writing, cancel without charge.',
       case when g.starts_at < now() then 'completed' else 'confirmed' end, a.decided_at,
       case when g.starts_at < now() then g.starts_at + make_interval(mins => g.duration_minutes + 60) end
from public.applications a join public.gigs g on g.id = a.gig_id
where a.status = 'accepted' and a.id between '00000000-0000-4000-8000-000000040001' and '00000000-0000-4000-8000-000000049999'
on conflict do nothing;

insert into public.reviews (id, booking_id, author_id, subject_id, rating, body, created_at, visible_at)
select v.id::uuid, b.id, v.author_id::uuid, v.subject_id::uuid, v.rating, v.body,
       b.completed_at + interval '1 day' * v.n,
       -- Both sides reviewed: visible from the second review on.
       b.completed_at + interval '1 day' * (2 * ((v.n + 1) / 2))
from (values
  (1, '00000000-0000-4000-8000-000000060001', '00000000-0000-4000-8000-000000030039', '00000000-0000-4000-8000-00000000d002', '00000000-0000-4000-8000-00000000d001', 5,
   'Maya read the room perfectly: quiet bossa through dinner, then a second set that had people dancing on the terrace. Booking her again.'),
  (2, '00000000-0000-4000-8000-000000060002', '00000000-0000-4000-8000-000000030039', '00000000-0000-4000-8000-00000000d001', '00000000-0000-4000-8000-00000000d002', 5,
   'Lovely terrace, a well-tuned piano, and the team fed us before the show. Paid the same evening.'),
  (3, '00000000-0000-4000-8000-000000060003', '00000000-0000-4000-8000-000000030040', '00000000-0000-4000-8000-000000020001', '00000000-0000-4000-8000-00000000d003', 4,
   'Sam''s bass lines carried the whole night. Arrived early and sorted the sound with our engineer.'),
  (4, '00000000-0000-4000-8000-000000060004', '00000000-0000-4000-8000-000000030040', '00000000-0000-4000-8000-00000000d003', '00000000-0000-4000-8000-000000020001', 4,
   'Great crowd and a good backline. Load-in is up a narrow staircase, so bring a trolley.')
) as v(n, id, gig_id, author_id, subject_id, rating, body)
join public.bookings b on b.gig_id = v.gig_id::uuid
on conflict (id) do nothing;

-- Count the visible reviews in the profiles' ratings (and tell the subjects, as it would have).
select private.release_due_reviews();

-- Virtual artists demo data --------------------------------------------------------------------------------
-- Sam Okafor's virtual artist "Luna Vale": 24 tracks whose sound Sam entered (80 to 140 BPM), 90
-- days of figures in three countries where the faster tracks are saved more, and two weeks of a
-- UK chart, so the dashboard, the trends and "Analyse now" have something to show. Fixed ids
-- 00000000-0000-4000-8000-0000000a00nn; skipped when present.
insert into public.artists (id, owner_id, name, brief, persona, version)
select '00000000-0000-4000-8000-0000000a0001', '00000000-0000-4000-8000-00000000d003', 'Luna Vale',
       '{"genre":"synth-pop","market":"GB","audience":"students who run in the evening","tone":"warm, a little ironic","name":"Luna Vale"}',
       '{"name":"Luna Vale","backstory":"Luna Vale is a synth-pop artist made first for listeners in the United Kingdom. The songs are written for students who run in the evening. The sound leans on glossy 80s synth pads and bright plucked synths, warm at heart. On stage and online, Luna Vale comes across as warm, a little ironic.","genres":["synth-pop","dance-pop"],"influences":["glossy 80s synth pads","bright plucked synths","stacked vocal harmonies","clean funk guitar licks"],"vocal_style":"clear, close-miked lead with stacked harmonies in the chorus","visual_identity":"Coral and peach palette; a rooftop at golden hour; flat graphic shapes; a warm synth-pop mood. No text, no real person''s likeness.","content_pillars":["dance challenges","fan covers and duets","outfits and looks","the music scene in the United Kingdom"],"audience":"students who run in the evening","voice":"Warm, a little ironic; short lines in the first person, one emoji at most. Posts in English.","moods":["warm","playful","upbeat","euphoric"],"tempo_range":{"min":100,"max":124},"cadence":{"releases_per_month":1,"posts_per_week":4},"market":"GB","language":"en"}',
       1
where not exists (select 1 from public.artists where id = '00000000-0000-4000-8000-0000000a0001');

insert into public.artist_versions (artist_id, version, persona, cause, diff, author_id)
select a.id, 1, a.persona, 'created', '[]', a.owner_id from public.artists a
 where a.id = '00000000-0000-4000-8000-0000000a0001'
on conflict (artist_id, version) do nothing;

insert into public.artist_tracks (artist_id, title, track_key, features, released_on)
select '00000000-0000-4000-8000-0000000a0001', t.title, lower(t.title),
       jsonb_build_object('tempo_bpm', 80 + round((t.n - 1) * 60 / 23.0),
                          'energy', round((0.3 + 0.5 * (t.n - 1) / 23.0)::numeric, 2),
                          'mode', case when t.n % 3 = 0 then 'minor' else 'major' end,
                          'mood', (array['warm', 'playful', 'upbeat', 'dreamy'])[1 + t.n % 4],
                          'genre', 'synth-pop'),
       current_date - 120 + t.n::int
from unnest(array['Night Bus', 'Rooftop Glow', 'Peach Static', 'Tram Lines', 'Soft Sprint',
                  'Coral Hour', 'Mile Nine', 'Late Laps', 'Paper Moon Run', 'Northbound',
                  'Neon Puddles', 'Second Wind', 'Streetlight Choir', 'Pace Setter',
                  'Golden Split', 'Overtime', 'River Loop', 'Cadence', 'Afterglow Club',
                  'Quick Feet', 'High Street Hearts', 'Finish Line', 'Sprint Home', 'Last Lap'])
       with ordinality as t(title, n)
on conflict (artist_id, track_key) do nothing;

insert into public.artist_metrics (artist_id, track_id, day, country, streams, listeners, saves,
                                   skips, followers)
select k.artist_id, k.id, k.released_on + d.n, c.code, s.streams, round(s.streams * 0.8),
       -- Each track's own appeal (±35 %) blurs the tempo effect, as real figures do.
       round(s.streams * (0.03 + 0.06 * ((k.features ->> 'tempo_bpm')::int - 80) / 60.0)
             * (0.65 + 0.7 * (abs(hashtext(k.title)) % 1000) / 1000.0) * (0.8 + 0.4 * s.noise2)),
       round(s.streams * (0.22 + 0.1 * s.noise3)),
       c.base + d.n * c.growth
from public.artist_tracks k
cross join generate_series(0, 89) as d(n)
cross join (values ('GB', 1.0, 4000, 12), ('US', 0.6, 2500, 8), ('DE', 0.4, 1200, 4))
  as c(code, weight, base, growth)
cross join lateral (
  select (abs(hashtext(k.title || d.n || c.code)) % 1000) / 1000.0 as noise1,
         (abs(hashtext(c.code || k.title || d.n)) % 1000) / 1000.0 as noise2,
         (abs(hashtext(d.n || c.code || k.title)) % 1000) / 1000.0 as noise3) r
cross join lateral (
  select round(20 + 400 * c.weight * exp(-d.n / 45.0) * (0.6 + 0.8 * r.noise1))::int as streams,
         r.noise2, r.noise3) s
where k.artist_id = '00000000-0000-4000-8000-0000000a0001'
  and not exists (select 1 from public.artist_metrics m
                   where m.artist_id = '00000000-0000-4000-8000-0000000a0001')
on conflict do nothing;

insert into public.artist_chart_entries (artist_id, country, week, rank, track, artist_name, genre,
                                         streams)
select '00000000-0000-4000-8000-0000000a0001', 'GB',
       date_trunc('week', current_date)::date - w.back * 7, r.rank,
       'Chart Song ' || r.rank, 'Chart Artist ' || (1 + (r.rank * 7 + w.back) % 9),
       case when w.back = 0 then (array['synth-pop', 'drill', 'synth-pop', 'afrobeats', 'indie'])[1 + r.rank % 5]
            else (array['drill', 'indie', 'afrobeats', 'drill', 'synth-pop'])[1 + r.rank % 5] end,
       500000 - r.rank * 30000
from (values (0), (4)) as w(back)
cross join generate_series(1, 10) as r(rank)
on conflict do nothing;

-- Gig scout demo: Maya's own CSV list (no network needed), with three gigs found in it; she sees
-- them in the gig search, marked "External". Fixed ids 00000000-0000-4000-8000-0000000b000n.
insert into public.scout_sources (id, owner_id, kind, name, every_hours, health, last_run_at,
                                  items_found)
values ('00000000-0000-4000-8000-0000000b0001', '00000000-0000-4000-8000-00000000d001', 'csv',
        'Gigs my friends pass on', 24, 'ok', now(), 3)
on conflict do nothing;

insert into public.external_gigs (id, source_id, source_uid, title, description, starts_at,
                                  timezone, venue_name, city, country, genres, fee_minor, currency,
                                  url)
select v.id::uuid, '00000000-0000-4000-8000-0000000b0001', v.uid, v.title, v.descr,
       date_trunc('day', now()) + v.days * interval '1 day' + v.hour * interval '1 hour',
       v.tz, v.venue, v.city, v.country, v.genres::text[], v.fee, v.currency, v.url
from (values
  ('00000000-0000-4000-8000-0000000b0101', 'line 2', 'Wedding reception: soul and funk band',
   'Four-piece band for the evening reception.', 18, 19, 'Europe/London', 'The Old Barn',
   'Cambridge', 'GB', '{soul,funk}', 65000, 'GBP', 'https://example.org/gigs/wedding'),
  ('00000000-0000-4000-8000-0000000b0102', 'line 3', 'Hotel bar jazz trio',
   'Two sets of standards, grand piano on site.', 24, 20, 'Europe/Lisbon', 'Hotel Avenida',
   'Lisbon', 'PT', '{jazz}', 30000, 'EUR', 'https://example.org/gigs/hotel-trio'),
  ('00000000-0000-4000-8000-0000000b0103', 'line 4', 'Market busking slot',
   'An hour in the afternoon; bring your own amp.', 12, 14, 'Europe/Lisbon', 'Mercado do Bolhão',
   'Porto', 'PT', '{folk}', null, null, 'https://example.org/gigs/market')
) as v(id, uid, title, descr, days, hour, tz, venue, city, country, genres, fee, currency, url)
on conflict do nothing;
