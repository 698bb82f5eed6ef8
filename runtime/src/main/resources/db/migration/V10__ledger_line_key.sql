-- Every row the write path inserts has a key of its own, so a journaled batch that the tables partly hold already
-- (H2 after a SIGKILL) is not applied twice when it is replayed: a repeated insert is a unique violation, skipped
-- (JournalReplay). Ledger lines had none; they are now numbered within their transaction (1, 2, ...).
-- Lines written before this migration are numbered by their entry_id; a journal written by an older bus replays
-- without line numbers (NULL, allowed by the unique index).
ALTER TABLE ledger_entry ADD COLUMN line_no BIGINT;
UPDATE ledger_entry SET line_no = entry_id;
CREATE UNIQUE INDEX ledger_txn_line ON ledger_entry(txn_id, line_no);
