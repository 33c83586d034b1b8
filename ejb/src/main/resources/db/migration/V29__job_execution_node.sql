-- Which server node runs each batch job execution (DOMAIN.md §10, several nodes over one database). JBeret's job
-- repository is shared by the nodes but does not say where an execution runs; when a node starts it may mark FAILED
-- only the executions that were running on itself (it died with them) or on a node that is no longer a member of the
-- cluster — never another live node's. Written when a job is started or restarted; an execution without a row (started
-- before this table, or by a single node) counts as "node unknown".
create table job_execution_node (
    job_execution_id bigint                   not null primary key,
    node             varchar(100)             not null,
    started_at       timestamp with time zone not null
);
create index ix_job_execution_node_node on job_execution_node (node);
