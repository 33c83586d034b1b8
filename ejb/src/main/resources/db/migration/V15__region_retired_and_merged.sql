-- A village is never deleted (../shared/spec/DOMAIN.md §6): it is retired on a date, and when it was merged into
-- another village its persons, enrollments, targets and accounts moved there (region.boundary.RegionTree.merge).
alter table region add column retired_on date;
alter table region add column merged_into varchar(12) references region (code);
