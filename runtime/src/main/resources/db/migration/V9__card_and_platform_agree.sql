-- Card and platform agree (issue #11 item 4). Portable SQL: H2 (PostgreSQL mode) and PostgreSQL.

-- The reasons of the transaction itself (JSON array of {code, message}) as they were when it was recorded: a bank's
-- decline or timeout, a reversal's cause. Null for a transaction whose decision's reasons are its reasons (taps).
ALTER TABLE txn ADD COLUMN reasons VARCHAR(2000);

-- What the card did with an approved payment's BALANCE write (CARD_WRITE_RESULT): null = not reported (yet),
-- WRITTEN, or FAILED (then the payment is reversed, so the card's old balance and the account agree again).
ALTER TABLE payment ADD COLUMN card_write VARCHAR(16);
-- The last new card session (a repeat from a new tap: new ATC and ARQC) that was answered with an ARPC over its
-- own ARQC, so a repeat of that repeat gets the same ARPC without taking its ATC again.
ALTER TABLE payment ADD COLUMN retap_atc INTEGER;
ALTER TABLE payment ADD COLUMN retap_arqc VARCHAR(16);
