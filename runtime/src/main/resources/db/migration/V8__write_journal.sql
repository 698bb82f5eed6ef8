-- The write path's journal position: every batch up to applied_seq is in the tables. Batches after it
-- are replayed from the journal files at start (docs/architecture.md, "The write path").
CREATE TABLE write_journal (
    id          INT    PRIMARY KEY,
    applied_seq BIGINT NOT NULL
);
INSERT INTO write_journal(id, applied_seq) VALUES (1, 0);
