-- the cover a paid enrollment bought, copied from its payment so that status can be read from one row
alter table enrollment add column benefit_start date;
alter table enrollment add column benefit_end date;

-- why a resident does not enroll in a year (未参保原因), as recorded at the counter and signed by the resident
create table non_enrollment (
    id             bigint                   not null primary key,
    person_id      bigint                   not null references person (id),
    policy_id      varchar(20)              not null references policy (policy_id),
    insurance_year integer                  not null,
    reason         varchar(30)              not null,
    note           varchar(500),
    signed         boolean                  not null default false,
    region_code    varchar(12)              not null references region (code),
    recorded_by    varchar(64)              not null,
    recorded_at    timestamp with time zone not null,
    constraint ck_non_enrollment_reason check (reason in ('EMPLOYEE_INSURANCE', 'INSURED_ELSEWHERE', 'DECEASED',
        'IN_PRISON', 'MILITARY_SERVICE', 'REFUSED', 'OTHER'))
);
create index ix_non_enrollment_person on non_enrollment (person_id, insurance_year);
create index ix_non_enrollment_policy_region on non_enrollment (policy_id, region_code);
