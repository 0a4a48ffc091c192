-- Admin console: its own administrators, browser sessions, login throttling, API tokens and
-- cluster-wide locks. Mailbox data lives in the store's tables (V1-V39); nothing here duplicates it.

create table console_admin (
    id              bigserial primary key,
    username        varchar(64)  not null,
    password_hash   varchar(255) not null,
    role            varchar(16)  not null check (role in ('SUPER_ADMIN', 'DOMAIN_ADMIN')),
    totp_secret     varchar(64),
    enabled         boolean      not null default true,
    created_at      timestamptz  not null default now(),
    last_login_at   timestamptz
);
create unique index console_admin_username_ci on console_admin (lower(username));

-- Domains a DOMAIN_ADMIN may manage (by name, lower case; super admins have no rows).
create table console_admin_domain (
    admin_id  bigint       not null references console_admin (id) on delete cascade,
    domain    varchar(253) not null,
    primary key (admin_id, domain)
);

-- Browser sessions of admins (kind ADMIN) and of mailbox users on the self-service pages (kind MAILBOX).
-- Only a SHA-256 of the cookie value is stored, so a database dump does not hand out live sessions.
-- Kept in the database so every replica behind a load balancer knows every session.
create table console_session (
    token_hash     char(64)     primary key,
    kind           varchar(8)   not null check (kind in ('ADMIN', 'MAILBOX')),
    subject        varchar(320) not null,
    csrf_token     varchar(64)  not null,
    awaiting_totp  boolean      not null default false,
    source_address varchar(64),
    created_at     timestamptz  not null default now(),
    last_seen_at   timestamptz  not null default now(),
    expires_at     timestamptz  not null
);
create index console_session_expiry on console_session (expires_at);
create index console_session_subject on console_session (kind, subject);

-- Failed logins, counted per key (login name or source address) in a sliding window, across replicas.
create table console_login_failure (
    id          bigserial    primary key,
    throttle_key varchar(400) not null,
    failed_at   timestamptz  not null default now()
);
create index console_login_failure_key_time on console_login_failure (throttle_key, failed_at);

-- API tokens for /api/v1. The token is shown once; only its SHA-256 is kept.
create table console_api_token (
    id           bigserial    primary key,
    name         varchar(100) not null,
    token_hash   char(64)     not null unique,
    token_prefix varchar(12)  not null,
    created_by   varchar(64)  not null,
    created_at   timestamptz  not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- Leases for jobs that must run on one replica only (the daily retention run).
create table console_job_lease (
    name        varchar(64)  primary key,
    holder      varchar(128) not null,
    expires_at  timestamptz  not null
);

-- One-time actions already done (the demo data seed), so a restart does not repeat them.
create table console_once (
    name     varchar(64) primary key,
    done_at  timestamptz not null default now()
);
