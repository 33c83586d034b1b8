-- The department an account of role department works for (资助部门, e.g. 区民政局): it sees the subsidy ledger and the
-- settlement of the categories that department certifies or funds, and nothing of the others (DOMAIN.md §9).
alter table app_user add column department varchar(100);
