-- Quota warning thresholds already announced to an account (LMTP delivery, buzon.lmtp.quota-warning-thresholds).
-- A row means "this account was told it passed <threshold> %"; it is removed when usage drops below again,
-- so the next crossing warns again.
create table lmtp_quota_warning (
    account_id bigint not null references account (id) on delete cascade,
    threshold  integer not null check (threshold > 0 and threshold <= 100),
    fired_at   timestamptz not null default now(),
    primary key (account_id, threshold)
);
