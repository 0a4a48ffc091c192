create table message (
    id                 bigint generated always as identity primary key,
    account_id         bigint not null references account (id),
    uidl               varchar(70) not null,
    -- per-recipient header lines (Return-Path, Delivered-To, Received) sent before the shared content
    header_prefix      bytea not null default '\x'::bytea,
    content_id         bigint not null references content (id),
    -- octets RETR sends before byte-stuffing: length(header_prefix) + content.size
    size               bigint not null check (size >= 0),
    received_at        timestamptz not null default now(),
    first_retrieved_at timestamptz,
    constraint message_uidl_unique unique (account_id, uidl),
    constraint message_uidl_charset check (uidl ~ '^[!-~]{1,70}$')
);
-- the maildrop snapshot: all messages of one account in id order
create index message_account on message (account_id, id);
create index message_content on message (content_id);
