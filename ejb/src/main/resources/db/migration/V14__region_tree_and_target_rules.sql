-- Targets say how they were set (../shared/spec/DOMAIN.md §6): typed or imported, or derived by the rule a notice names
-- (last year's paid enrollment × factor; household population × rate), kept beside the number.
alter table region_target add column rule varchar(200);
