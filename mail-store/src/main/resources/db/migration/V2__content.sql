-- Content-addressed message bodies, stored once and shared by every message that carries them.
-- sha256 is null while a body is being staged (chunks still arriving); such rows are invisible to dedup.
create table content (
    id         bigint generated always as identity primary key,
    sha256     bytea,
    size       bigint not null default 0 check (size >= 0),
    -- messages referencing this row + open staging holds; the row is deleted when it reaches 0
    ref_count  integer not null default 0 check (ref_count >= 0),
    created_at timestamptz not null default now(),
    constraint content_sha256_unique unique (sha256)
);
create index content_pending on content (created_at) where sha256 is null;

create table content_chunk (
    content_id bigint not null references content (id) on delete cascade,
    seq        integer not null,
    data       bytea not null,
    primary key (content_id, seq)
);
-- chunks are already bounded in size; keep them out of TOAST compression (mail is mostly compressed already)
alter table content_chunk alter column data set storage external;

-- A staging hold keeps freshly staged content alive until the deliverer has attached it to its
-- recipients and released the hold; abandoned holds are swept after a configurable age.
create table content_hold (
    id         bigint generated always as identity primary key,
    content_id bigint not null references content (id),
    created_at timestamptz not null default now()
);
create index content_hold_age on content_hold (created_at);
