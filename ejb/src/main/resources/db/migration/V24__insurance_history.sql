-- Insurance history from outside Canbao (DOMAIN.md §8, issue 14): the years a person held any basic medical
-- insurance that Canbao's own enrollments do not show (imported from the provincial platform or entered at the
-- counter with evidence), and the life events that may waive a continuity waiting period. Canbao's own paid
-- enrollments and non-enrollments as employee-insured/insured elsewhere count without being copied here.
create table insurance_history_year (
    id             bigint                   not null primary key,
    person_id      bigint                   not null references person (id),
    insurance_year integer                  not null,
    source         varchar(20)              not null,
    evidence       varchar(200),
    recorded_by    varchar(64)              not null,
    recorded_at    timestamp with time zone not null,
    constraint uq_insurance_history_year unique (person_id, insurance_year),
    constraint ck_insurance_history_year_source check (source in ('PROVINCIAL_IMPORT', 'COUNTER')),
    constraint ck_insurance_history_year_evidence check (source <> 'COUNTER' or evidence is not null),
    constraint ck_insurance_history_year_year check (insurance_year >= 1900)
);

create table insurance_history_event (
    id          bigint                   not null primary key,
    person_id   bigint                   not null references person (id),
    event_type  varchar(30)              not null,
    event_date  date                     not null,
    source      varchar(20)              not null,
    evidence    varchar(200),
    recorded_by varchar(64)              not null,
    recorded_at timestamp with time zone not null,
    constraint uq_insurance_history_event unique (person_id, event_type, event_date),
    constraint ck_insurance_history_event_type check (event_type in ('EMPLOYEE_INSURANCE_ENDED', 'GRADUATED',
        'DISCHARGED', 'RELEASED')),
    constraint ck_insurance_history_event_source check (source in ('PROVINCIAL_IMPORT', 'COUNTER')),
    constraint ck_insurance_history_event_evidence check (source <> 'COUNTER' or evidence is not null)
);
