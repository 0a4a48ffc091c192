-- Retention of mail left on the server (owner: io.buzon.store.retention).

-- One row per level; a null column inherits from the level above
-- (account <- domain <- global <- buzon.retention.*). 0 means "off" and does override.
create table retention_rule (
    id                          bigserial primary key,
    scope                       text not null check (scope in ('global', 'domain', 'account')),
    domain_id                   bigint references domain (id) on delete cascade,
    account_id                  bigint references account (id) on delete cascade,
    delete_after_retrieval_days integer check (delete_after_retrieval_days >= 0),
    delete_older_than_days      integer check (delete_older_than_days >= 0),
    login_delay_seconds         integer check (login_delay_seconds >= 0),
    updated_at                  timestamptz not null default now(),
    updated_by                  text,
    check ((scope = 'global' and domain_id is null and account_id is null)
        or (scope = 'domain' and domain_id is not null and account_id is null)
        or (scope = 'account' and account_id is not null and domain_id is null))
);
create unique index retention_rule_one_global on retention_rule ((scope)) where scope = 'global';
create unique index retention_rule_one_per_domain on retention_rule (domain_id) where scope = 'domain';
create unique index retention_rule_one_per_account on retention_rule (account_id) where scope = 'account';

-- Every purge, with what it deleted per account. No foreign key to account: the record outlives it.
create table retention_run (
    id          bigserial primary key,
    actor       text not null,
    as_of       timestamptz not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    accounts    integer not null default 0,
    messages    integer not null default 0,
    bytes       bigint not null default 0,
    skipped     integer not null default 0,
    status      text not null check (status in ('running', 'finished', 'failed')),
    error       text
);

create table retention_run_account (
    run_id      bigint not null references retention_run (id) on delete cascade,
    account_id  bigint not null,
    login       text not null,
    messages    integer not null,
    bytes       bigint not null,
    message_ids bigint[] not null,
    outcome     text not null check (outcome in ('purged', 'skipped_locked', 'skipped_changed')),
    primary key (run_id, account_id)
);
