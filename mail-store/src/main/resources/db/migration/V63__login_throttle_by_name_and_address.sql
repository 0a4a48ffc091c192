-- One login throttle for every service (POP3, the self-service pages, the console), counted so that an
-- attacker's failures never stop the owner from the owner's usual addresses:
--   'pair'    a name tried from one address: locks that pair only;
--   'address' everything tried from one address: locks the address (password spraying);
--   'login'   a name tried from everywhere: past its threshold, only addresses the name signed in from
--             before (login_address) still get through (a distributed attack on one name).
-- Subjects of console administrators are 'admin:<name>'; mailbox logins are the login itself.
alter table auth_failure drop constraint if exists auth_failure_scope_check;
alter table auth_failure add constraint auth_failure_scope_check check (scope in ('login', 'address', 'pair'));
-- where the last failure of a counter came from, for the console's "locked: why and by whom"
alter table auth_failure add column last_address text;

-- Addresses a name signed in from successfully, and when last; an address seen within
-- buzon.auth.usual-address-days counts as the owner's. Swept with the failure counters.
create table login_address (
    subject         text not null,
    address         text not null,
    last_success_at timestamptz not null,
    primary key (subject, address)
);
create index login_address_last_success on login_address (last_success_at);
