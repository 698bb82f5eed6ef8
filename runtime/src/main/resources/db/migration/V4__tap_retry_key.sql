-- A reader retries a tap with a new sequence number and the same correlationId
-- (docs/reader-protocol.md): (reader, correlationId) identifies the tap, so a retry gets the first
-- answer and money never moves twice, even when two retries race.
CREATE UNIQUE INDEX txn_reader_correlation ON txn(reader_id, correlation_id);
