-- Accounts in Canbao's own tables (../shared/spec/DOMAIN.md §6): the Elytron jdbc-realm CanbaoRealm reads the role and
-- the bcrypt hash (hash, salt and cost, Base64) of enabled accounts (config/cli/03-security.cli). Passwords are never
-- stored in plain text. An account without a hash (made before this version) cannot sign in until one is set.
alter table app_user add column role varchar(20);
alter table app_user add column password_hash varchar(64);
alter table app_user add column password_salt varchar(32);
alter table app_user add column password_cost integer;
alter table app_user add column enabled boolean default true not null;
alter table app_user add column must_change_password boolean default false not null;
alter table app_user add column password_changed_at timestamp with time zone;
alter table app_user add column last_login_at timestamp with time zone;
alter table app_user add column created_at timestamp with time zone;
alter table app_user add column created_by varchar(64);
alter table app_user add column version bigint default 1 not null;
alter table app_user add constraint ck_app_user_role check (role is null or role in ('clerk', 'town_officer',
    'district_admin', 'department', 'tax', 'supervisor', 'operator', 'integration'));
create index ix_app_user_region on app_user (region_code, username);
