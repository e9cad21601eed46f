-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Migration 4: the translations of the text of curricula, modules,
-- scenarios and competencies, one row per field and language.
--
-- A translation points at its record by UUID, not by id: UUIDs survive an
-- export and an import, so packages carry translations with their records.
-- The original text stays in the record, in the record's language (its
-- curriculum's for a module, its framework's for a competency).

CREATE TABLE content_translations (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('curriculum', 'module', 'scenario', 'competency')),
  record_uuid TEXT NOT NULL CHECK (length(record_uuid) = 36),
  language    TEXT NOT NULL CHECK (length(language) > 0),
  field       TEXT NOT NULL CHECK (length(field) > 0),
  text        TEXT NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (kind, record_uuid, language, field)
);
CREATE INDEX content_translations_record ON content_translations (record_uuid, language);

-- Records are deleted by id, or through a cascade (the modules of a
-- curriculum, the subtree of a competency): their translations go with them.
CREATE TRIGGER curricula_delete_translations AFTER DELETE ON curricula
BEGIN
  DELETE FROM content_translations WHERE kind = 'curriculum' AND record_uuid = OLD.uuid;
END;
CREATE TRIGGER modules_delete_translations AFTER DELETE ON modules
BEGIN
  DELETE FROM content_translations WHERE kind = 'module' AND record_uuid = OLD.uuid;
END;
CREATE TRIGGER scenarios_delete_translations AFTER DELETE ON scenarios
BEGIN
  DELETE FROM content_translations WHERE kind = 'scenario' AND record_uuid = OLD.uuid;
END;
CREATE TRIGGER competencies_delete_translations AFTER DELETE ON competencies
BEGIN
  DELETE FROM content_translations WHERE kind = 'competency' AND record_uuid = OLD.uuid;
END;
