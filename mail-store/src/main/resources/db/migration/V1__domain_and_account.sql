-- Domains and accounts. Names are stored lower-case; a login is local_part@domain.
create table domain (
    id                     bigint generated always as identity primary key,
    name                   varchar(253) not null,
    default_quota_bytes    bigint check (default_quota_bytes >= 0),
    default_quota_messages bigint check (default_quota_messages >= 0),
    enabled                boolean not null default true,
    created_at             timestamptz not null default now(),
    constraint domain_name_unique unique (name),
    constraint domain_name_lower check (name = lower(name))
);

create table account (
    id             bigint generated always as identity primary key,
    domain_id      bigint not null references domain (id),
    local_part     varchar(64) not null,
    login          varchar(320) not null,
    display_name   varchar(200),
    enabled        boolean not null default true,
    quota_bytes    bigint check (quota_bytes >= 0),
    quota_messages bigint check (quota_messages >= 0),
    -- usage is maintained by the store in the same transaction as every message insert/delete
    used_bytes     bigint not null default 0 check (used_bytes >= 0),
    used_messages  bigint not null default 0 check (used_messages >= 0),
    -- source of generated UIDLs; only ever increases
    next_uid       bigint not null default 1,
    created_at     timestamptz not null default now(),
    constraint account_login_lower check (login = lower(login))
);
-- one account per login, compared case-insensitively (login is stored lower-case)
create unique index account_login_unique on account (login);
create index account_domain on account (domain_id);
