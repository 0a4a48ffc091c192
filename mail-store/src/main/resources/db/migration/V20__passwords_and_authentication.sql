-- Passwords, app passwords, two-factor and lockout (owner: io.buzon.store.password / io.buzon.store.auth).

-- Policy rows: a null column inherits from the level above (domain <- global <- buzon.password.policy.*).
create table password_policy (
    id                       bigserial primary key,
    scope                    text not null check (scope in ('global', 'domain')),
    domain_id                bigint references domain (id) on delete cascade,
    min_length               integer check (min_length >= 1),
    max_length               integer check (max_length >= 1),
    min_uppercase            integer check (min_uppercase >= 0),
    min_lowercase            integer check (min_lowercase >= 0),
    min_digits               integer check (min_digits >= 0),
    min_symbols              integer check (min_symbols >= 0),
    min_strength_score       integer check (min_strength_score between 0 and 4),
    reject_common            boolean,
    reject_login             boolean,
    history_count            integer check (history_count >= 0),
    max_age_days             integer check (max_age_days >= 0),
    lockout_threshold        integer check (lockout_threshold >= 0),
    lockout_window_seconds   integer check (lockout_window_seconds > 0),
    lockout_duration_seconds integer check (lockout_duration_seconds > 0),
    updated_at               timestamptz not null default now(),
    updated_by               text,
    check ((scope = 'global') = (domain_id is null))
);
create unique index password_policy_one_global on password_policy ((scope)) where scope = 'global';
create unique index password_policy_one_per_domain on password_policy (domain_id) where scope = 'domain';

-- The current password: argon2id PHC string (or an imported bcrypt / SHA512-CRYPT hash until the next
-- login), plus SCRAM-SHA-256 keys so SASL SCRAM works without the plaintext.
create table account_password (
    account_id       bigint primary key references account (id) on delete cascade,
    hash             text not null,
    changed_at       timestamptz not null default now(),
    scram_salt       bytea,
    scram_iterations integer,
    scram_stored_key bytea,
    scram_server_key bytea,
    check ((scram_salt is null) = (scram_stored_key is null))
);

-- Earlier passwords, as hashes, for the "last N may not be reused" rule.
create table password_history (
    id         bigserial primary key,
    account_id bigint not null references account (id) on delete cascade,
    hash       text not null,
    created_at timestamptz not null default now()
);
create index password_history_by_account on password_history (account_id, id desc);

-- App passwords: the secret shown once is selector (4 letters, stored plainly, picks the row) + 12
-- secret letters (stored as argon2id), so a login costs one hash however many app passwords exist.
create table app_password (
    id                bigserial primary key,
    account_id        bigint not null references account (id) on delete cascade,
    name              text not null check (length(name) between 1 and 64),
    selector          text not null check (selector ~ '^[a-z]{4}$'),
    hash              text not null,
    created_at        timestamptz not null default now(),
    last_used_at      timestamptz,
    last_used_address text,
    last_used_service text,
    revoked_at        timestamptz
);
create unique index app_password_active_name on app_password (account_id, lower(name)) where revoked_at is null;
create unique index app_password_active_selector on app_password (account_id, selector) where revoked_at is null;

-- Two-factor: enabled = the account's two-factor flag. last_step stops a code being replayed.
create table account_totp (
    account_id bigint primary key references account (id) on delete cascade,
    secret     text not null,
    enabled    boolean not null default false,
    created_at timestamptz not null default now(),
    enabled_at timestamptz,
    last_step  bigint
);

-- Failed-login counters shared by every replica: scope 'login' keyed by the normalised login name
-- (known or not, so lockout does not reveal which accounts exist), scope 'address' by remote address.
create table auth_failure (
    scope        text not null check (scope in ('login', 'address')),
    subject      text not null,
    failures     integer not null,
    window_start timestamptz not null,
    locked_until timestamptz,
    primary key (scope, subject)
);

-- A random server secret, created on first use, from which fake SCRAM credentials for unknown users
-- are derived (the same on every replica and across restarts).
create table auth_secret (
    id     integer primary key check (id = 1),
    secret bytea not null check (length(secret) = 32)
);
