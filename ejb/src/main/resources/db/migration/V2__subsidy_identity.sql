-- subsidy identities (资助参保身份) a person holds: from a department's roster or entered by hand with evidence.
-- A quote uses the identities valid on the payment date; validity ends are inclusive, valid_to null = open.
create table subsidy_identity (
    id                    bigint                   not null primary key,
    person_id             bigint                   not null references person (id),
    code                  varchar(10)              not null,
    certifying_department varchar(100)             not null,
    valid_from            date                     not null,
    valid_to              date,
    source                varchar(10)              not null,
    evidence              varchar(500),
    recorded_by           varchar(64)              not null,
    recorded_at           timestamp with time zone not null,
    constraint ck_subsidy_identity_source check (source in ('ROSTER', 'MANUAL')),
    constraint ck_subsidy_identity_validity check (valid_to is null or valid_to >= valid_from)
);
create index ix_subsidy_identity_person on subsidy_identity (person_id);
