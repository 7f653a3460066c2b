-- Money in notification texts reads as the pages write it (lib/shared/format.ts).
begin;
select plan(9);

select is(private.format_money(45000, 'EUR'), '€450', 'Whole euros: no .00');
select is(private.format_money(45050, 'EUR'), '€450.50', 'Cents when there are some');
select is(private.format_money(45005, 'EUR'), '€450.05', 'Leading zero in the cents kept');
select is(private.format_money(123456789, 'USD'), 'US$1,234,567.89', 'Thousands separated');
select is(private.format_money(40000, 'GBP'), '£400', 'Pounds');
select is(private.format_money(150000, 'INR'), '₹1,500', 'Rupees');
select is(private.format_money(45000, 'JPY'), 'JP¥45,000', 'Yen have no minor unit');
select is(private.format_money(45000, 'SEK'), 'SEK 450', 'A code where there is no symbol');
select is(private.format_money(-2500, 'EUR'), '-€25', 'Negative amounts');

select * from finish();
rollback;
