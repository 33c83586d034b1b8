-- A program's key (integration and tax accounts, ../shared/spec/DOMAIN.md §6): a long random secret the server makes,
-- shown once, kept only as a salted SHA-256 digest (Base64), checked by the realm before the person's bcrypt password.
alter table app_user add column api_key_hash varchar(64);
alter table app_user add column api_key_salt varchar(64);
alter table app_user add column api_key_created_at timestamp with time zone;
