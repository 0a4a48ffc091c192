-- One row per locked maildrop. Taken by a conditional insert/upsert; expires unless heartbeated.
-- All times are the database's clock so replicas with skewed clocks agree.
create table maildrop_lease (
    account_id          bigint primary key references account (id) on delete cascade,
    owner_id            varchar(200) not null,
    instance_id         varchar(64) not null,
    acquired_at         timestamptz not null,
    heartbeat_at        timestamptz not null,
    expires_at          timestamptz not null,
    remote_address      varchar(100),
    tls                 boolean not null default false,
    bytes_sent          bigint not null default 0,
    terminate_requested boolean not null default false
);
create index maildrop_lease_instance on maildrop_lease (instance_id);
