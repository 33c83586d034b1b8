-- who signed a reason for not enrolling (DOMAIN.md §9): the resident (本人) or someone on their behalf (委托人), by name
alter table non_enrollment add column signed_by varchar(10);
alter table non_enrollment add column signer_name varchar(50);
alter table non_enrollment add constraint ck_non_enrollment_signed_by check (signed_by is null or signed_by in ('SELF', 'PROXY'));
