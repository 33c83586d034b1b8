-- Supervision groups (督导组, ../shared/spec/DOMAIN.md §6, seed 001): named leaders assigned to villages of a district;
-- progress shows each village's group. A village belongs to one group at most.
create table supervision_group (
    id          bigint                   not null primary key,
    region_code varchar(12)              not null references region (code),
    name        varchar(50)              not null,
    leader      varchar(50)              not null,
    phone       varchar(20),
    created_by  varchar(64)              not null,
    created_at  timestamp with time zone not null,
    version     bigint                   not null default 0,
    constraint uq_supervision_group_name unique (region_code, name)
);
create table supervision_group_village (
    group_id     bigint      not null references supervision_group (id),
    village_code varchar(12) not null references region (code),
    constraint pk_supervision_group_village primary key (village_code)
);
create index ix_supervision_group_village_group on supervision_group_village (group_id);
