-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Migration 2: the anchor of each session's chain of signatures.
--
-- The hashes chain every signature to the previous one, so an edited or
-- removed signature shows, except the last one: the session keeps how many
-- signatures it has and the hash of the last, updated in the same
-- transaction as each signature, so that removing the last shows too.
-- A signature keeps the UUID of its signer, which its hash covers: the
-- chain stays whole when the person is deleted later.

ALTER TABLE sessions ADD COLUMN signature_count INTEGER NOT NULL DEFAULT 0
  CHECK (signature_count >= 0);
ALTER TABLE sessions ADD COLUMN last_signature_hash TEXT NOT NULL
  DEFAULT '0000000000000000000000000000000000000000000000000000000000000000';

ALTER TABLE signatures ADD COLUMN person_uuid TEXT NOT NULL DEFAULT '';

UPDATE signatures SET person_uuid = coalesce((SELECT uuid FROM people WHERE id = person_id), '');
UPDATE sessions SET
  signature_count = (SELECT count(*) FROM signatures WHERE session_id = sessions.id),
  last_signature_hash = coalesce((SELECT hash FROM signatures WHERE session_id = sessions.id
                                  ORDER BY id DESC LIMIT 1),
                                 last_signature_hash);
