-- The maildrop snapshot (MaildropService.SNAPSHOT_QUERY) reads id, uidl and size of one account's
-- messages in id order. With uidl and size in the index it is an index-only scan of that account's range:
-- no heap page is visited (once vacuumed), however large the rest of the table or the header prefixes.
-- It replaces message_account, whose (account_id, id) prefix it keeps for every other use.
create index message_snapshot on message (account_id, id) include (uidl, size);
drop index message_account;
