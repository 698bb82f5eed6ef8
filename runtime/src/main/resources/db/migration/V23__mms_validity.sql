-- The MMS outbox's validity (issue 13, the MMS sweeper): until when a message waits for a delivery report. The
-- sweeper (routes/flows/api-mms.camel.yaml, MmsOutbox.expireOverdue) marks a message still awaiting one after it
-- EXPIRED_NO_REPORT, and one never sent by then EXPIRED_UNSENT. Rows queued before this column get none: the sweeper
-- counts theirs from created_at with tapbus.mms.validity-seconds.
ALTER TABLE mms_message ADD COLUMN valid_until TIMESTAMP;
CREATE INDEX mms_message_valid_until ON mms_message(valid_until);
