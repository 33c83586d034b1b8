-- The batch readers (switchover, deadline rollover, renewal) page through one village's enrollments of a policy in one
-- status by id (keyset: id > last order by id limit 1000). With ix_enrollment_policy_region (policy, region, status)
-- PostgreSQL walked the primary key and filtered out the other villages' rows (~19,000 rows read per page of 1,000 at
-- 1,000,000 enrollments over 17 villages, docs/benchmarks.md); with id as the last column a page is one range scan.
create index ix_enrollment_policy_region_status_id on enrollment (policy_id, region_code, status, id);
drop index ix_enrollment_policy_region;
