-- Job history brought over from the old system with its ids, as a data migration does (pg_dump
-- --data-only, DMS, an ETL job): instances 2 to 500, executions 2 to 700, step executions 2 to 900.
-- Spring Batch's sequences do not move with it.
INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key)
SELECT g, 0, 'nightly-export', md5('history ' || g) FROM generate_series(2, 500) AS g;
INSERT INTO batch_job_execution (job_execution_id, version, job_instance_id, create_time, status)
SELECT g, 0, least(g, 500), now(), 'COMPLETED' FROM generate_series(2, 700) AS g;
INSERT INTO batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time, status)
SELECT g, 0, 'read', least(g, 700), now(), 'COMPLETED' FROM generate_series(2, 900) AS g;
