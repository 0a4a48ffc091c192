-- Every running instance (replica) that holds maildrop leases keeps a row here alive with its lease
-- heartbeat. A lease whose instance row has expired belongs to a dead replica (kill -9, a lost node): its
-- maildrop can be taken at once instead of waiting out the lease's own TTL, so the users of a crashed
-- replica log in again through another one within seconds.
create table store_instance (
    instance_id  varchar(64) primary key,
    started_at   timestamptz not null default now(),
    heartbeat_at timestamptz not null,
    expires_at   timestamptz not null
);
