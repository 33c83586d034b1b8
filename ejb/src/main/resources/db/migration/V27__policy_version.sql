-- Every saved version of a policy document (issue 14 item 5, docs/decisions.md 48): who saved it and when, so that any
-- two versions can be compared and a district sees what changed in its notice. A save (create or replace) appends the
-- next number in the transaction that changes canbao.policy; versions are never changed or deleted.
create table policy_version (
    policy_id varchar(20)              not null,
    version   integer                  not null,
    document  text                     not null,
    saved_by  varchar(64)              not null,
    saved_at  timestamp with time zone not null,
    note      varchar(200),
    constraint pk_policy_version primary key (policy_id, version),
    constraint fk_policy_version_policy foreign key (policy_id) references policy (policy_id),
    constraint ck_policy_version check (version >= 1)
);

-- the policies stored before versions were kept: their current document is version 1, saved by whoever saved it last
insert into policy_version (policy_id, version, document, saved_by, saved_at, note)
select policy_id, 1, document, updated_by, updated_at, '开始记录版本时的文档 / the document on record when versions began' from policy;
