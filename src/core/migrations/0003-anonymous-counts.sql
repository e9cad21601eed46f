-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Migration 3: what stays of a person whose personal data was erased.
--
-- Erasing a person deletes their attendance and enrollments; the
-- statistics of past sessions still count them, anonymously, here: add
-- these counts to the rows of attendance and enrollments when counting.
--
-- Their signatures stay in the session's chain of hashes, without strokes
-- nor signer: erased_at marks them. Such a signature's hash can no longer
-- be computed again from its content, but it still links the previous
-- signature to the next one, so that a removed or reordered signature
-- still shows.

CREATE TABLE anonymous_attendance (
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  slot_id    INTEGER NOT NULL REFERENCES session_slots (id) ON DELETE CASCADE,
  status     TEXT NOT NULL CHECK (status IN ('present', 'late', 'absent', 'excused')),
  count      INTEGER NOT NULL CHECK (count >= 1),
  PRIMARY KEY (slot_id, status)
) WITHOUT ROWID;
CREATE INDEX anonymous_attendance_session ON anonymous_attendance (session_id);

CREATE TABLE anonymous_enrollments (
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  status     TEXT NOT NULL CHECK (status IN ('enrolled', 'waiting', 'cancelled', 'no-show')),
  count      INTEGER NOT NULL CHECK (count >= 1),
  PRIMARY KEY (session_id, status)
) WITHOUT ROWID;

ALTER TABLE signatures ADD COLUMN erased_at TEXT;
