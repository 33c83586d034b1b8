-- A person's special groups (issue 14 item 4; DOMAIN.md §3.4, §8): graduate, veteran, released prisoner, newly
-- certified poor, college freshman — with the dates they hold (valid_from..valid_to, or from the event's date), the
-- evidence seen, where it came from, who recorded it and when, shaped like the insurance history (V24). Every path
-- that prices a real payment adds the groups valid on the payment date to its quote request when the policy has rules
-- for groups. Never changed once recorded.
create table person_group (
    id          bigint                   not null primary key,
    person_id   bigint                   not null references person (id),
    group_code  varchar(30)              not null,
    valid_from  date                     not null,
    valid_to    date,
    event_date  date,
    source      varchar(20)              not null,
    evidence    varchar(200),
    recorded_by varchar(64)              not null,
    recorded_at timestamp with time zone not null,
    constraint uq_person_group unique (person_id, group_code, valid_from),
    constraint ck_person_group_code check (group_code in ('GRADUATE', 'VETERAN', 'RELEASED_PRISONER',
        'NEWLY_CERTIFIED_POOR', 'FRESHMAN')),
    constraint ck_person_group_dates check (valid_to is null or valid_to >= valid_from),
    constraint ck_person_group_source check (source in ('COUNTER', 'DEPARTMENT', 'PROVINCIAL_IMPORT')),
    constraint ck_person_group_evidence check (source <> 'COUNTER' or evidence is not null)
);

create index ix_person_group_person on person_group (person_id);

-- A newborn covered automatically through its insured guardian (seed 002, decision 49): the newborn's enrollment is
-- PAID without a payment (nothing was paid, nothing to receipt, reconcile or refund); this row says why, naming the
-- guardian's paid enrollment that carried the cover.
create table newborn_cover (
    enrollment_id          bigint                   not null primary key references enrollment (id),
    person_id              bigint                   not null references person (id),
    guardian_id            bigint                   not null references person (id),
    guardian_enrollment_id bigint                   not null references enrollment (id),
    reason                 varchar(200)             not null,
    recorded_by            varchar(64)              not null,
    recorded_at            timestamp with time zone not null
);
