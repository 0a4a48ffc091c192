-- Append-only: the application has no update or delete statement for this table.
create table audit_log (
    id             bigint generated always as identity primary key,
    at             timestamptz not null default now(),
    actor          varchar(320) not null,
    action         varchar(100) not null,
    target         varchar(500),
    source_address varchar(100),
    detail         text
);
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_actor on audit_log (actor, at desc);
create index audit_log_target on audit_log (target, at desc);

-- Login outcomes per hour for the console's dashboard chart.
create table login_stat (
    bucket  timestamptz not null,
    service varchar(20) not null,
    outcome varchar(30) not null,
    count   bigint not null default 0,
    primary key (bucket, service, outcome)
);
