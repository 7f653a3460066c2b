/*
 * Money in notification texts as the pages write it (lib/shared/format.ts, en-GB): "€450",
 * "€450.50", "US$1,200", "JP¥45,000", not "EUR 450.00". Same signature and privileges as the
 * function it replaces (20261122001000_marketplace.sql); every notifying trigger calls it.
 */

/*
 * private.format_money(p_minor integer, p_currency text) returns text
 * Minor units → "€450" (whole) or "€450.50"; the currency's own minor digits (JPY 0, BHD 3);
 * a currency without a symbol reads "SEK 450".
 */
create or replace function private.format_money(p_minor integer, p_currency text) returns text
language sql immutable set search_path = '' as $$
  with c as (
    select
      case when p_currency in ('JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF', 'PYG', 'RWF')
        then 0
        when p_currency in ('BHD', 'KWD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD') then 3
        else 2 end as digits,
      case p_currency
        when 'EUR' then '€' when 'GBP' then '£' when 'USD' then 'US$' when 'INR' then '₹'
        when 'JPY' then 'JP¥' when 'AUD' then 'A$' when 'CAD' then 'CA$' when 'NZD' then 'NZ$'
        when 'BRL' then 'R$' when 'MXN' then 'MX$'
        else coalesce(p_currency, '') || ' ' end as symbol
  ), v as (
    select c.*, p_minor / (10 ^ c.digits)::numeric as major from c
  )
  select case when p_minor < 0 then '-' else '' end || symbol ||
    case when digits = 0 or abs(major) = trunc(abs(major))
      then to_char(trunc(abs(major)), 'FM999,999,999,990')
      else to_char(abs(major), 'FM999,999,999,990.' || repeat('0', digits)) end
  from v
$$;
