-- Follow-up of the unpaid list (催缴): each call or house visit a clerk makes to a resident who has not paid yet,
-- with what came of it; the list shows the latest one. Rows are only ever added.
create table contact_attempt (
    id             bigint                   not null primary key,
    person_id      bigint                   not null references person (id),
    policy_id      varchar(20)              not null references policy (policy_id),
    insurance_year integer                  not null,
    channel        varchar(20)              not null,
    outcome        varchar(20)              not null,
    note           varchar(500),
    region_code    varchar(12)              not null references region (code),
    recorded_by    varchar(64)              not null,
    recorded_at    timestamp with time zone not null,
    constraint ck_contact_channel check (channel in ('PHONE', 'VISIT', 'MESSAGE', 'OTHER')),
    constraint ck_contact_outcome check (outcome in ('PROMISED', 'CONSIDERING', 'REFUSED', 'UNREACHABLE',
        'NOT_AT_HOME', 'OTHER'))
);
create index ix_contact_attempt_person on contact_attempt (person_id, insurance_year, recorded_at);

-- the unpaid list and the counter's search page through a village's residents by name
create index ix_person_region_name on person (household_region_code, name, id);

-- the business date of the payment that stands on a paid enrollment: the weekly progress counts by it without reading
-- the payments (a district of 1,000,000 enrollments)
alter table enrollment add column paid_on date;
update enrollment set paid_on = (select max(p.business_date) from payment p where p.enrollment_id = enrollment.id
        and p.kind = 'PAYMENT' and not exists (select 1 from payment r where r.reverses_id = p.id))
    where status = 'PAID';
create index ix_enrollment_progress on enrollment (policy_id, status, region_code, paid_on);
