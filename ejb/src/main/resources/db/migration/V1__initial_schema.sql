-- Canbao initial schema. Written for PostgreSQL and run unchanged on H2 (MODE=PostgreSQL).
-- Identifiers come from one sequence, allocated in blocks of 50 by EclipseLink.
create sequence canbao_seq start with 1000 increment by 50;

-- administrative divisions: province > district/county > town > village/community
create table region (
    code                 varchar(12)  not null primary key,
    name                 varchar(100) not null,
    level                varchar(10)  not null,
    parent_code          varchar(12)  references region (code),
    household_population integer,
    constraint ck_region_level check (level in ('PROVINCE', 'DISTRICT', 'TOWN', 'VILLAGE'))
);
create index ix_region_parent on region (parent_code);

-- the people who use the system and the region each may see (credentials live in the security realm)
create table app_user (
    username     varchar(64)  not null primary key,
    display_name varchar(100) not null,
    region_code  varchar(12)  not null references region (code)
);

-- a campaign notice, entered as data: the JSON policy document is the source of truth
create table policy (
    policy_id      varchar(20)              not null primary key,
    region_code    varchar(12)              not null,
    insurance_year integer                  not null,
    name           varchar(200)             not null,
    document       text                     not null,
    updated_at     timestamp with time zone not null,
    updated_by     varchar(64)              not null,
    version        bigint                   not null default 0
);

-- the number of persons each village is to enroll in a campaign
create table region_target (
    policy_id   varchar(20) not null,
    region_code varchar(12) not null references region (code),
    target      integer     not null,
    constraint pk_region_target primary key (policy_id, region_code),
    constraint ck_region_target check (target >= 0)
);

create table household (
    id               bigint                   not null primary key,
    household_number varchar(40),
    region_code      varchar(12)              not null references region (code),
    address          varchar(200),
    created_at       timestamp with time zone not null
);

create table person (
    id                    bigint                   not null primary key,
    document_type         varchar(20)              not null,
    id_number             varchar(30)              not null,
    name                  varchar(100)             not null,
    gender                varchar(6)               not null,
    birth_date            date                     not null,
    household_region_code varchar(12)              not null references region (code),
    residence_region_code varchar(12) references region (code),
    residence_permit      boolean                  not null default false,
    resident_type         varchar(20)              not null,
    guardian_id           bigint references person (id),
    household_id          bigint references household (id),
    phone                 varchar(30),
    deceased_on           date,
    employee_insured      boolean                  not null default false,
    insured_elsewhere     boolean                  not null default false,
    created_at            timestamp with time zone not null,
    version               bigint                   not null default 0,
    constraint uq_person_document unique (document_type, id_number),
    constraint ck_person_gender check (gender in ('MALE', 'FEMALE'))
);
create index ix_person_household_region on person (household_region_code);
create index ix_person_name on person (name);

-- one enrollment per person and insurance year; a cancelled one is reopened, never duplicated
create table enrollment (
    id             bigint                   not null primary key,
    person_id      bigint                   not null references person (id),
    policy_id      varchar(20)              not null references policy (policy_id),
    insurance_year integer                  not null,
    tier           integer                  not null,
    status         varchar(20)              not null,
    region_code    varchar(12)              not null references region (code),
    amount_due     numeric(12, 2),
    registered_at  timestamp with time zone not null,
    registered_by  varchar(64)              not null,
    version        bigint                   not null default 0,
    constraint uq_enrollment_person_year unique (person_id, insurance_year)
);
create index ix_enrollment_policy_region on enrollment (policy_id, region_code, status);

-- money received: rows are only ever added; a correction is a REVERSAL row pointing at the original
create table payment (
    id                  bigint                   not null primary key,
    transaction_id      varchar(64)              not null,
    kind                varchar(10)              not null,
    reverses_id         bigint references payment (id),
    enrollment_id       bigint                   not null references enrollment (id),
    person_id           bigint                   not null references person (id),
    policy_id           varchar(20)              not null references policy (policy_id),
    tier                integer                  not null,
    amount              numeric(12, 2)           not null,
    standard_amount     numeric(12, 2)           not null,
    subsidy_code        varchar(10),
    subsidy_amount      numeric(12, 2)           not null,
    fiscal_share_amount numeric(12, 2)           not null,
    personal_amount     numeric(12, 2)           not null,
    benefit_start       date                     not null,
    benefit_end         date                     not null,
    channel             varchar(20)              not null,
    paid_at             timestamp with time zone not null,
    business_date       date                     not null,
    collector           varchar(64),
    receipt_number      varchar(40),
    created_at          timestamp with time zone not null,
    constraint uq_payment_transaction unique (transaction_id),
    constraint uq_payment_receipt unique (receipt_number),
    constraint uq_payment_reverses unique (reverses_id),
    constraint ck_payment_kind check (kind in ('PAYMENT', 'REVERSAL'))
);
create index ix_payment_enrollment on payment (enrollment_id);
create index ix_payment_collector_day on payment (collector, business_date);

-- who did what, when, with the state before and after (JSON text)
create table audit_log (
    id           bigint                   not null primary key,
    occurred_at  timestamp with time zone not null,
    actor        varchar(64)              not null,
    action       varchar(40)              not null,
    entity_type  varchar(40)              not null,
    entity_id    varchar(64)              not null,
    before_state text,
    after_state  text,
    detail       varchar(500)
);
create index ix_audit_entity on audit_log (entity_type, entity_id);
create index ix_audit_time on audit_log (occurred_at);
