-- a collector's day-close (日结): the totals of the rows they recorded on one business day (China time), frozen when
-- they close it; no payment or reversal may be recorded into a closed day for that collector afterwards.
-- count columns: payments and reversals separately (net count = payments - reversals); amounts are net (reversals
-- are stored negative in payment).
create table day_close (
    id                bigint                   not null primary key,
    collector         varchar(64)              not null,
    business_date     date                     not null,
    region_code       varchar(12)              not null references region (code),
    cash_payments     integer                  not null,
    cash_reversals    integer                  not null,
    cash_amount       numeric(12, 2)           not null,
    pos_payments      integer                  not null,
    pos_reversals     integer                  not null,
    pos_amount        numeric(12, 2)           not null,
    other_payments    integer                  not null,
    other_reversals   integer                  not null,
    other_amount      numeric(12, 2)           not null,
    declared_cash     numeric(12, 2),
    closed_by         varchar(64)              not null,
    closed_at         timestamp with time zone not null,
    constraint uq_day_close_collector_date unique (collector, business_date)
);
create index ix_day_close_region_date on day_close (region_code, business_date);
