-- The change list of amounts due (应缴金额变更清单): one row per enrollment whose amount due a batch job changed on a
-- date (e.g. the full-cost switchover on 2024-07-01), with the amount before and after, for the tax side.
-- Unique per enrollment and date, so a rerun of the same switchover changes nothing and records nothing twice.
create table amount_change (
    id               bigint                   not null primary key,
    enrollment_id    bigint                   not null references enrollment (id),
    person_id        bigint                   not null references person (id),
    policy_id        varchar(20)              not null references policy (policy_id),
    region_code      varchar(12)              not null references region (code),
    tier             integer                  not null,
    as_of            date                     not null,
    reason           varchar(30)              not null,
    old_amount       numeric(12, 2),
    new_amount       numeric(12, 2)           not null,
    changed_at       timestamp with time zone not null,
    job_execution_id bigint,
    constraint uq_amount_change_enrollment_date unique (enrollment_id, as_of)
);
create index ix_amount_change_policy_time on amount_change (policy_id, changed_at);
