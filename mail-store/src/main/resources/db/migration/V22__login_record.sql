-- Last successful login per account (shown by the console) and the time of the last admitted mail
-- login, which POP3 LOGIN-DELAY counts from (owner: io.buzon.store.auth / io.buzon.store.retention).
create table account_login (
    account_id         bigint primary key references account (id) on delete cascade,
    last_login_at      timestamptz,
    last_login_service text,
    last_login_address text,
    last_mail_login_at timestamptz
);
