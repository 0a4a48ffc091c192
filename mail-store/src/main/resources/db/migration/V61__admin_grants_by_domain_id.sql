-- A domain admin's grants name domains by id, not by name: a grant can no longer name a domain that does
-- not exist, and it ends with the domain (on delete cascade) instead of passing to whoever creates a
-- domain of the same name later. Grants for names that match no domain are dropped here.
create table console_admin_grant (
    admin_id  bigint not null references console_admin (id) on delete cascade,
    domain_id bigint not null references domain (id) on delete cascade,
    primary key (admin_id, domain_id)
);
create index console_admin_grant_domain on console_admin_grant (domain_id);

insert into console_admin_grant (admin_id, domain_id)
select g.admin_id, d.id
from console_admin_domain g
join domain d on d.name = lower(g.domain);

-- Version 0.1 reads console_admin_domain: the application keeps it equal to the grants (same
-- transaction) until the release after next drops it, so a rollback to 0.1 sees the same grants.
delete from console_admin_domain g where not exists (
    select 1 from domain d where d.name = lower(g.domain));

-- A second factor being enrolled: its secret stays on the server, in the browser session that started
-- the enrolment, until the first code proves the authenticator app has it.
alter table console_session add column pending_totp_secret varchar(64);
