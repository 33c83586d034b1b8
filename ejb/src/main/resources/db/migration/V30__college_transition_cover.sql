-- The college transition cover (seeds 000, 002; issue 14; decision 52): in the year a region moves college students
-- from the academic to the natural year, a student insured for the academic year of the change (2023/24) is covered
-- until the new insurance year's end (2024-12-31) without paying for it. The student holds the group
-- ACADEMIC_YEAR_INSURED (with its evidence, like every group); the year's enrollment is PAID without a payment and
-- this row says why, naming the group record that carried it. Never changed once recorded.
alter table person_group drop constraint ck_person_group_code;
alter table person_group add constraint ck_person_group_code check (group_code in ('GRADUATE', 'VETERAN',
    'RELEASED_PRISONER', 'NEWLY_CERTIFIED_POOR', 'FRESHMAN', 'ACADEMIC_YEAR_INSURED'));

create table college_transition_cover (
    enrollment_id   bigint                   not null primary key references enrollment (id),
    person_id       bigint                   not null references person (id),
    group_record_id bigint                   not null references person_group (id),
    reason          varchar(300)             not null,
    recorded_by     varchar(64)              not null,
    recorded_at     timestamp with time zone not null
);

create index ix_college_transition_cover_person on college_transition_cover (person_id);
