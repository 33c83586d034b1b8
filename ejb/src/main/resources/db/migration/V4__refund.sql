-- refunds (退费): requested at the counter, reviewed by the district bureau, executed by the tax bureau.
-- Execution adds a REVERSAL row to payment (reversal_payment_id) and marks the enrollment REFUNDED.
create table refund (
    id                  bigint                   not null primary key,
    enrollment_id       bigint                   not null references enrollment (id),
    payment_id          bigint                   not null references payment (id),
    person_id           bigint                   not null references person (id),
    policy_id           varchar(20)              not null references policy (policy_id),
    reason              varchar(20)              not null,
    note                varchar(500),
    status              varchar(10)              not null,
    eligible            boolean                  not null,
    requested_by        varchar(64)              not null,
    requested_at        timestamp with time zone not null,
    reviewed_by         varchar(64),
    reviewed_at         timestamp with time zone,
    review_note         varchar(500),
    override_reason     varchar(500),
    executed_by         varchar(64),
    executed_at         timestamp with time zone,
    reversal_payment_id bigint references payment (id),
    version             bigint                   not null default 0,
    constraint ck_refund_reason check (reason in ('DEATH', 'DUPLICATE_PAYMENT', 'OTHER')),
    constraint ck_refund_status check (status in ('REQUESTED', 'APPROVED', 'REJECTED', 'EXECUTED')),
    constraint uq_refund_reversal unique (reversal_payment_id)
);
create index ix_refund_status on refund (status);
create index ix_refund_enrollment on refund (enrollment_id);
