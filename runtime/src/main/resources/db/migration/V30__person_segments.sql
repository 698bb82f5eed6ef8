-- Audience segments (e.g. students, commuters, vip): one row per person and segment ever set (writer: Segments,
-- state held by the write path). A removed person keeps the row with member = FALSE, so the history is visible.
CREATE TABLE person_segment (
    user_id    VARCHAR(64)  NOT NULL REFERENCES app_user(user_id),
    segment    VARCHAR(64)  NOT NULL,
    member     BOOLEAN      NOT NULL,
    changed_by VARCHAR(140) NOT NULL,
    changed_at TIMESTAMP    NOT NULL,
    PRIMARY KEY (user_id, segment)
);
CREATE INDEX person_segment_segment ON person_segment(segment, member);
