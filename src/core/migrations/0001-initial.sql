-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Migration 1: the whole domain of the École de la médiation.
--
-- A released migration is never edited: later changes come as new files.
-- Every record carries an integer key for joins and a UUID for exchange
-- between machines, plus created/updated timestamps (ISO 8601, UTC).
-- Dates of the calendar (slot days) are stored as YYYY-MM-DD, times of day
-- as HH:MM in the local time of the place, instants as ISO 8601 UTC.

CREATE TABLE settings (
  key        TEXT PRIMARY KEY NOT NULL,
  value      TEXT,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) WITHOUT ROWID;

-- Competency framework ------------------------------------------------------

CREATE TABLE scales (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE scale_levels (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  scale_id   INTEGER NOT NULL REFERENCES scales (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL CHECK (position >= 0),
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  proficient INTEGER NOT NULL DEFAULT 0 CHECK (proficient IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (scale_id, position)
);

CREATE TABLE frameworks (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  code        TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description TEXT NOT NULL DEFAULT '',
  scale_id    INTEGER REFERENCES scales (id) ON DELETE RESTRICT,
  language    TEXT NOT NULL DEFAULT 'fr',
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- One tree per framework: fields, then competencies, then observable
-- indicators. The triggers below keep the levels in that order.
CREATE TABLE competencies (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  framework_id INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
  -- Removing a node removes its subtree, unless something still points to it.
  parent_id    INTEGER REFERENCES competencies (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('field', 'competency', 'indicator')),
  code         TEXT NOT NULL DEFAULT '',
  title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description  TEXT NOT NULL DEFAULT '',
  position     INTEGER NOT NULL DEFAULT 0,
  archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((kind = 'field') = (parent_id IS NULL))
);
CREATE INDEX competencies_parent ON competencies (parent_id, position);
CREATE INDEX competencies_framework ON competencies (framework_id, kind);

CREATE TRIGGER competencies_tree_insert
BEFORE INSERT ON competencies
WHEN NEW.parent_id IS NOT NULL
BEGIN
  SELECT RAISE (ABORT, 'competency tree: a competency belongs to a field and an indicator to a competency of the same framework')
  WHERE NOT EXISTS (
    SELECT 1 FROM competencies p
    WHERE p.id = NEW.parent_id
      AND p.framework_id = NEW.framework_id
      AND ((NEW.kind = 'competency' AND p.kind = 'field')
           OR (NEW.kind = 'indicator' AND p.kind = 'competency')));
END;

CREATE TRIGGER competencies_tree_update
BEFORE UPDATE OF parent_id, kind, framework_id ON competencies
WHEN NEW.parent_id IS NOT NULL
BEGIN
  SELECT RAISE (ABORT, 'competency tree: a competency belongs to a field and an indicator to a competency of the same framework')
  WHERE NOT EXISTS (
    SELECT 1 FROM competencies p
    WHERE p.id = NEW.parent_id
      AND p.framework_id = NEW.framework_id
      AND ((NEW.kind = 'competency' AND p.kind = 'field')
           OR (NEW.kind = 'indicator' AND p.kind = 'competency')));
END;

-- Curricula -------------------------------------------------------------------

-- Each version of a curriculum is its own row; versions of one curriculum
-- share a lineage UUID. Sessions point at the version they ran.
CREATE TABLE curricula (
  id                  INTEGER PRIMARY KEY,
  uuid                TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  lineage_uuid        TEXT NOT NULL CHECK (length(lineage_uuid) = 36),
  version             INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  framework_id        INTEGER REFERENCES frameworks (id) ON DELETE SET NULL,
  title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
  summary             TEXT NOT NULL DEFAULT '',
  audience            TEXT NOT NULL DEFAULT '',
  prerequisites       TEXT NOT NULL DEFAULT '',
  duration_hours      REAL NOT NULL DEFAULT 0 CHECK (duration_hours >= 0),
  modality            TEXT NOT NULL DEFAULT 'in-person'
                      CHECK (modality IN ('in-person', 'remote', 'blended')),
  teaching_methods    TEXT NOT NULL DEFAULT '',
  evaluation_methods  TEXT NOT NULL DEFAULT '',
  access_terms        TEXT NOT NULL DEFAULT '',
  access_delay        TEXT NOT NULL DEFAULT '',
  price_cents         INTEGER CHECK (price_cents IS NULL OR price_cents >= 0),
  contact             TEXT NOT NULL DEFAULT '',
  accessibility       TEXT NOT NULL DEFAULT '',
  language            TEXT NOT NULL DEFAULT 'fr',
  status              TEXT NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'published', 'archived')),
  created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (lineage_uuid, version)
);
CREATE INDEX curricula_title ON curricula (title COLLATE NOCASE);

CREATE TABLE curriculum_objectives (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  curriculum_id INTEGER NOT NULL REFERENCES curricula (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL DEFAULT 0,
  text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX curriculum_objectives_curriculum ON curriculum_objectives (curriculum_id, position);

CREATE TABLE objective_competencies (
  objective_id  INTEGER NOT NULL REFERENCES curriculum_objectives (id) ON DELETE CASCADE,
  competency_id INTEGER NOT NULL REFERENCES competencies (id) ON DELETE RESTRICT,
  PRIMARY KEY (objective_id, competency_id)
) WITHOUT ROWID;
CREATE INDEX objective_competencies_competency ON objective_competencies (competency_id);

CREATE TABLE modules (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  curriculum_id  INTEGER NOT NULL REFERENCES curricula (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL DEFAULT 0,
  title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
  objectives     TEXT NOT NULL DEFAULT '',
  duration_hours REAL NOT NULL DEFAULT 0 CHECK (duration_hours >= 0),
  method         TEXT NOT NULL DEFAULT 'mixed' CHECK (method IN ('theory', 'practice', 'mixed')),
  content        TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX modules_curriculum ON modules (curriculum_id, position);

CREATE TABLE module_competencies (
  module_id       INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
  competency_id   INTEGER NOT NULL REFERENCES competencies (id) ON DELETE RESTRICT,
  target_level_id INTEGER REFERENCES scale_levels (id) ON DELETE SET NULL,
  PRIMARY KEY (module_id, competency_id)
) WITHOUT ROWID;
CREATE INDEX module_competencies_competency ON module_competencies (competency_id);

-- Scenarios -------------------------------------------------------------------

CREATE TABLE scenarios (
  id                   INTEGER PRIMARY KEY,
  uuid                 TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
  theme                TEXT NOT NULL DEFAULT '',
  format               TEXT NOT NULL DEFAULT 'workshop'
                       CHECK (format IN ('workshop', 'guided-visit', 'demonstration', 'debate',
                                         'stand', 'show', 'game', 'other')),
  venue                TEXT NOT NULL DEFAULT 'exhibition'
                       CHECK (venue IN ('exhibition', 'workshop-room', 'classroom', 'outdoor',
                                        'online', 'other')),
  age_min              INTEGER CHECK (age_min IS NULL OR age_min >= 0),
  age_max              INTEGER CHECK (age_max IS NULL OR age_max >= 0),
  group_min            INTEGER CHECK (group_min IS NULL OR group_min >= 1),
  group_max            INTEGER CHECK (group_max IS NULL OR group_max >= 1),
  duration_minutes     INTEGER NOT NULL DEFAULT 0 CHECK (duration_minutes >= 0),
  objectives           TEXT NOT NULL DEFAULT '',
  materials            TEXT NOT NULL DEFAULT '',
  room_layout          TEXT NOT NULL DEFAULT '',
  mediator_stance      TEXT NOT NULL DEFAULT '',
  accessibility        TEXT NOT NULL DEFAULT '',
  difficult_situations TEXT NOT NULL DEFAULT '',
  safety               TEXT NOT NULL DEFAULT '',
  evaluation           TEXT NOT NULL DEFAULT '',
  sources              TEXT NOT NULL DEFAULT '',
  language             TEXT NOT NULL DEFAULT 'fr',
  author               TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'published', 'archived')),
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (age_min IS NULL OR age_max IS NULL OR age_min <= age_max),
  CHECK (group_min IS NULL OR group_max IS NULL OR group_min <= group_max)
);
CREATE INDEX scenarios_title ON scenarios (title COLLATE NOCASE);
CREATE INDEX scenarios_filters ON scenarios (format, venue, duration_minutes);

CREATE TABLE scenario_audiences (
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  audience    TEXT NOT NULL CHECK (audience IN ('school-primary', 'school-middle', 'school-high',
                                                'families', 'teenagers', 'adults', 'seniors',
                                                'disabilities', 'non-native', 'professionals')),
  PRIMARY KEY (scenario_id, audience)
) WITHOUT ROWID;
CREATE INDEX scenario_audiences_audience ON scenario_audiences (audience);

CREATE TABLE scenario_phases (
  id               INTEGER PRIMARY KEY,
  uuid             TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  scenario_id      INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  position         INTEGER NOT NULL DEFAULT 0,
  title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
  duration_minutes INTEGER NOT NULL DEFAULT 0 CHECK (duration_minutes >= 0),
  mediator_actions TEXT NOT NULL DEFAULT '',
  audience_actions TEXT NOT NULL DEFAULT '',
  materials        TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX scenario_phases_scenario ON scenario_phases (scenario_id, position);

CREATE TABLE scenario_competencies (
  scenario_id   INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  competency_id INTEGER NOT NULL REFERENCES competencies (id) ON DELETE RESTRICT,
  PRIMARY KEY (scenario_id, competency_id)
) WITHOUT ROWID;
CREATE INDEX scenario_competencies_competency ON scenario_competencies (competency_id);

CREATE TABLE module_scenarios (
  module_id   INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE RESTRICT,
  position    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (module_id, scenario_id)
) WITHOUT ROWID;
CREATE INDEX module_scenarios_scenario ON module_scenarios (scenario_id);

-- Branching rehearsal: situations and endings, linked by choices.
CREATE TABLE rehearsal_nodes (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind        TEXT NOT NULL DEFAULT 'situation' CHECK (kind IN ('situation', 'ending')),
  is_start    INTEGER NOT NULL DEFAULT 0 CHECK (is_start IN (0, 1)),
  text        TEXT NOT NULL DEFAULT '',
  debrief     TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (scenario_id, name)
);
CREATE UNIQUE INDEX rehearsal_nodes_one_start ON rehearsal_nodes (scenario_id) WHERE is_start = 1;

CREATE TABLE rehearsal_choices (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  node_id        INTEGER NOT NULL REFERENCES rehearsal_nodes (id) ON DELETE CASCADE,
  position       INTEGER NOT NULL DEFAULT 0,
  text           TEXT NOT NULL CHECK (length(trim(text)) > 0),
  feedback       TEXT NOT NULL DEFAULT '',
  target_node_id INTEGER REFERENCES rehearsal_nodes (id) ON DELETE SET NULL,
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX rehearsal_choices_node ON rehearsal_choices (node_id, position);
CREATE INDEX rehearsal_choices_target ON rehearsal_choices (target_node_id);

-- A choice leads to a situation of the same rehearsal.
CREATE TRIGGER rehearsal_choices_target_insert
BEFORE INSERT ON rehearsal_choices
WHEN NEW.target_node_id IS NOT NULL
BEGIN
  SELECT RAISE (ABORT, 'rehearsal: a choice leads to a situation of the same scenario')
  WHERE (SELECT scenario_id FROM rehearsal_nodes WHERE id = NEW.target_node_id)
        IS NOT (SELECT scenario_id FROM rehearsal_nodes WHERE id = NEW.node_id);
END;

CREATE TRIGGER rehearsal_choices_target_update
BEFORE UPDATE OF node_id, target_node_id ON rehearsal_choices
WHEN NEW.target_node_id IS NOT NULL
BEGIN
  SELECT RAISE (ABORT, 'rehearsal: a choice leads to a situation of the same scenario')
  WHERE (SELECT scenario_id FROM rehearsal_nodes WHERE id = NEW.target_node_id)
        IS NOT (SELECT scenario_id FROM rehearsal_nodes WHERE id = NEW.node_id);
END;

-- Search over every text field of a scenario: case- and accent-insensitive,
-- prefix queries served by the prefix indexes.
CREATE VIRTUAL TABLE scenarios_fts USING fts5 (
  title, theme, objectives, materials, room_layout, mediator_stance, accessibility,
  difficult_situations, safety, evaluation, sources, author,
  content = 'scenarios', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

CREATE TRIGGER scenarios_fts_insert AFTER INSERT ON scenarios BEGIN
  INSERT INTO scenarios_fts (rowid, title, theme, objectives, materials, room_layout,
                             mediator_stance, accessibility, difficult_situations, safety,
                             evaluation, sources, author)
  VALUES (NEW.id, NEW.title, NEW.theme, NEW.objectives, NEW.materials, NEW.room_layout,
          NEW.mediator_stance, NEW.accessibility, NEW.difficult_situations, NEW.safety,
          NEW.evaluation, NEW.sources, NEW.author);
END;

CREATE TRIGGER scenarios_fts_delete AFTER DELETE ON scenarios BEGIN
  INSERT INTO scenarios_fts (scenarios_fts, rowid, title, theme, objectives, materials,
                             room_layout, mediator_stance, accessibility, difficult_situations,
                             safety, evaluation, sources, author)
  VALUES ('delete', OLD.id, OLD.title, OLD.theme, OLD.objectives, OLD.materials, OLD.room_layout,
          OLD.mediator_stance, OLD.accessibility, OLD.difficult_situations, OLD.safety,
          OLD.evaluation, OLD.sources, OLD.author);
END;

CREATE TRIGGER scenarios_fts_update AFTER UPDATE ON scenarios BEGIN
  INSERT INTO scenarios_fts (scenarios_fts, rowid, title, theme, objectives, materials,
                             room_layout, mediator_stance, accessibility, difficult_situations,
                             safety, evaluation, sources, author)
  VALUES ('delete', OLD.id, OLD.title, OLD.theme, OLD.objectives, OLD.materials, OLD.room_layout,
          OLD.mediator_stance, OLD.accessibility, OLD.difficult_situations, OLD.safety,
          OLD.evaluation, OLD.sources, OLD.author);
  INSERT INTO scenarios_fts (rowid, title, theme, objectives, materials, room_layout,
                             mediator_stance, accessibility, difficult_situations, safety,
                             evaluation, sources, author)
  VALUES (NEW.id, NEW.title, NEW.theme, NEW.objectives, NEW.materials, NEW.room_layout,
          NEW.mediator_stance, NEW.accessibility, NEW.difficult_situations, NEW.safety,
          NEW.evaluation, NEW.sources, NEW.author);
END;

-- People: trainees and trainers ----------------------------------------------

CREATE TABLE people (
  id                       INTEGER PRIMARY KEY,
  uuid                     TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  given_name               TEXT NOT NULL DEFAULT '',
  family_name              TEXT NOT NULL DEFAULT '',
  email                    TEXT,
  phone                    TEXT NOT NULL DEFAULT '',
  organisation             TEXT NOT NULL DEFAULT '',
  job                      TEXT NOT NULL DEFAULT '',
  country                  TEXT NOT NULL DEFAULT '',
  language                 TEXT NOT NULL DEFAULT 'fr',
  is_trainer               INTEGER NOT NULL DEFAULT 0 CHECK (is_trainer IN (0, 1)),
  accessibility_needs      TEXT NOT NULL DEFAULT '',
  accessibility_consent_at TEXT,
  notes                    TEXT NOT NULL DEFAULT '',
  created_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (length(trim(given_name)) + length(trim(family_name)) > 0),
  -- Accessibility needs are personal health data: recorded only with consent.
  CHECK (accessibility_needs = '' OR accessibility_consent_at IS NOT NULL)
);
CREATE INDEX people_name ON people (family_name COLLATE NOCASE, given_name COLLATE NOCASE);
CREATE UNIQUE INDEX people_email ON people (email COLLATE NOCASE) WHERE email IS NOT NULL AND email != '';
CREATE INDEX people_trainers ON people (is_trainer) WHERE is_trainer = 1;

CREATE VIRTUAL TABLE people_fts USING fts5 (
  given_name, family_name, email, organisation, job, country,
  content = 'people', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
  INSERT INTO people_fts (rowid, given_name, family_name, email, organisation, job, country)
  VALUES (NEW.id, NEW.given_name, NEW.family_name, coalesce(NEW.email, ''), NEW.organisation,
          NEW.job, NEW.country);
END;

CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
  INSERT INTO people_fts (people_fts, rowid, given_name, family_name, email, organisation, job,
                          country)
  VALUES ('delete', OLD.id, OLD.given_name, OLD.family_name, coalesce(OLD.email, ''),
          OLD.organisation, OLD.job, OLD.country);
END;

CREATE TRIGGER people_fts_update AFTER UPDATE ON people BEGIN
  INSERT INTO people_fts (people_fts, rowid, given_name, family_name, email, organisation, job,
                          country)
  VALUES ('delete', OLD.id, OLD.given_name, OLD.family_name, coalesce(OLD.email, ''),
          OLD.organisation, OLD.job, OLD.country);
  INSERT INTO people_fts (rowid, given_name, family_name, email, organisation, job, country)
  VALUES (NEW.id, NEW.given_name, NEW.family_name, coalesce(NEW.email, ''), NEW.organisation,
          NEW.job, NEW.country);
END;

-- Sessions ---------------------------------------------------------------------

CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  curriculum_id INTEGER NOT NULL REFERENCES curricula (id) ON DELETE RESTRICT,
  title         TEXT NOT NULL DEFAULT '',
  place         TEXT NOT NULL DEFAULT '',
  room          TEXT NOT NULL DEFAULT '',
  capacity      INTEGER NOT NULL DEFAULT 12 CHECK (capacity >= 1),
  min_trainees  INTEGER NOT NULL DEFAULT 5 CHECK (min_trainees >= 0),
  status        TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'confirmed', 'running', 'done', 'cancelled')),
  cancel_reason TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  -- Cached from the slots, so that listing by date needs no join.
  starts_on     TEXT,
  ends_on       TEXT,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (min_trainees <= capacity),
  CHECK (status != 'cancelled' OR length(trim(cancel_reason)) > 0)
);
CREATE INDEX sessions_curriculum ON sessions (curriculum_id);
CREATE INDEX sessions_dates ON sessions (starts_on, ends_on);

CREATE TABLE session_slots (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  day        TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  period     TEXT NOT NULL CHECK (period IN ('morning', 'afternoon')),
  starts_at  TEXT NOT NULL CHECK (starts_at GLOB '[0-2][0-9]:[0-5][0-9]'),
  ends_at    TEXT NOT NULL CHECK (ends_at GLOB '[0-2][0-9]:[0-5][0-9]'),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (session_id, day, period),
  CHECK (starts_at < ends_at)
);
CREATE INDEX session_slots_day ON session_slots (day, period);

CREATE TRIGGER session_slots_dates_insert AFTER INSERT ON session_slots BEGIN
  UPDATE sessions SET
    starts_on = (SELECT min(day) FROM session_slots WHERE session_id = NEW.session_id),
    ends_on = (SELECT max(day) FROM session_slots WHERE session_id = NEW.session_id)
  WHERE id = NEW.session_id;
END;

CREATE TRIGGER session_slots_dates_delete AFTER DELETE ON session_slots BEGIN
  UPDATE sessions SET
    starts_on = (SELECT min(day) FROM session_slots WHERE session_id = OLD.session_id),
    ends_on = (SELECT max(day) FROM session_slots WHERE session_id = OLD.session_id)
  WHERE id = OLD.session_id;
END;

CREATE TRIGGER session_slots_dates_update AFTER UPDATE OF day, session_id ON session_slots BEGIN
  UPDATE sessions SET
    starts_on = (SELECT min(day) FROM session_slots WHERE session_id = sessions.id),
    ends_on = (SELECT max(day) FROM session_slots WHERE session_id = sessions.id)
  WHERE id IN (OLD.session_id, NEW.session_id);
END;

CREATE TABLE session_trainers (
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
  PRIMARY KEY (session_id, person_id)
) WITHOUT ROWID;
CREATE INDEX session_trainers_person ON session_trainers (person_id);

CREATE TABLE enrollments (
  id               INTEGER PRIMARY KEY,
  uuid             TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  session_id       INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  person_id        INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  status           TEXT NOT NULL DEFAULT 'enrolled'
                   CHECK (status IN ('enrolled', 'waiting', 'cancelled', 'no-show')),
  waiting_position INTEGER,
  cancel_reason    TEXT NOT NULL DEFAULT '',
  enrolled_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (session_id, person_id),
  CHECK ((status = 'waiting') = (waiting_position IS NOT NULL))
);
CREATE INDEX enrollments_person ON enrollments (person_id);
CREATE INDEX enrollments_session_status ON enrollments (session_id, status);

-- Attendance: the status of each trainee for each half-day slot.
CREATE TABLE attendance (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  slot_id     INTEGER NOT NULL REFERENCES session_slots (id) ON DELETE CASCADE,
  person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  status      TEXT NOT NULL CHECK (status IN ('present', 'late', 'absent', 'excused')),
  note        TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (slot_id, person_id)
);
CREATE INDEX attendance_person ON attendance (person_id);

-- Signatures, trainee's and trainer's countersignature, chained per session:
-- each hash covers the previous one, so an edit or a deletion shows.
CREATE TABLE signatures (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  session_id    INTEGER NOT NULL REFERENCES sessions (id) ON DELETE RESTRICT,
  slot_id       INTEGER NOT NULL REFERENCES session_slots (id) ON DELETE RESTRICT,
  person_id     INTEGER REFERENCES people (id) ON DELETE SET NULL,
  role          TEXT NOT NULL CHECK (role IN ('trainee', 'trainer')),
  strokes       BLOB NOT NULL,
  signed_at     TEXT NOT NULL,
  late_reason   TEXT NOT NULL DEFAULT '',
  previous_hash TEXT NOT NULL,
  hash          TEXT NOT NULL UNIQUE,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (slot_id, person_id, role)
);
CREATE INDEX signatures_session ON signatures (session_id, id);

-- Scanned paper attendance sheets and other files attached to a session.
CREATE TABLE attachments (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  session_id INTEGER REFERENCES sessions (id) ON DELETE CASCADE,
  person_id  INTEGER REFERENCES people (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL DEFAULT 'other'
             CHECK (kind IN ('attendance-sheet', 'convocation', 'certificate', 'other')),
  filename   TEXT NOT NULL CHECK (length(trim(filename)) > 0),
  mime_type  TEXT NOT NULL DEFAULT 'application/octet-stream',
  data       BLOB NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX attachments_session ON attachments (session_id);
CREATE INDEX attachments_person ON attachments (person_id);

-- Progress and positioning ----------------------------------------------------

CREATE TABLE module_progress (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  person_id    INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  module_id    INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
  session_id   INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
  status       TEXT NOT NULL DEFAULT 'not-started'
               CHECK (status IN ('not-started', 'in-progress', 'completed')),
  completed_at TEXT,
  evidence     TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (person_id, module_id),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);
CREATE INDEX module_progress_module ON module_progress (module_id);

CREATE TABLE rehearsal_runs (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  path        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(path)),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX rehearsal_runs_person ON rehearsal_runs (person_id);
CREATE INDEX rehearsal_runs_scenario ON rehearsal_runs (scenario_id);

CREATE TABLE positionings (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  session_id    INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  competency_id INTEGER NOT NULL REFERENCES competencies (id) ON DELETE RESTRICT,
  moment        TEXT NOT NULL CHECK (moment IN ('before', 'after')),
  rater         TEXT NOT NULL CHECK (rater IN ('trainee', 'trainer')),
  rater_id      INTEGER REFERENCES people (id) ON DELETE SET NULL,
  level_id      INTEGER NOT NULL REFERENCES scale_levels (id) ON DELETE RESTRICT,
  rated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (session_id, person_id, competency_id, moment, rater)
);
CREATE INDEX positionings_person ON positionings (person_id);
CREATE INDEX positionings_competency ON positionings (competency_id);

-- Satisfaction: hot survey at the end of a session, cold survey weeks later.
CREATE TABLE satisfaction_responses (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  session_id   INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  person_id    INTEGER REFERENCES people (id) ON DELETE SET NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('hot', 'cold')),
  submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (session_id, person_id, kind)
);
CREATE INDEX satisfaction_responses_person ON satisfaction_responses (person_id);

CREATE TABLE satisfaction_answers (
  response_id INTEGER NOT NULL REFERENCES satisfaction_responses (id) ON DELETE CASCADE,
  question    TEXT NOT NULL CHECK (length(question) > 0),
  subject_id  INTEGER NOT NULL DEFAULT 0,
  rating      INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  comment     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (response_id, question, subject_id)
) WITHOUT ROWID;

-- Quality: complaints, incidents and improvement actions (Qualiopi 31, 32).
CREATE TABLE complaints (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  kind        TEXT NOT NULL DEFAULT 'complaint' CHECK (kind IN ('complaint', 'incident')),
  received_on TEXT NOT NULL,
  source      TEXT NOT NULL DEFAULT '',
  session_id  INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
  description TEXT NOT NULL CHECK (length(trim(description)) > 0),
  response    TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in-progress', 'closed')),
  closed_on   TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((status = 'closed') = (closed_on IS NOT NULL))
);
CREATE INDEX complaints_received ON complaints (received_on);

CREATE TABLE improvement_actions (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
  complaint_id INTEGER REFERENCES complaints (id) ON DELETE SET NULL,
  title        TEXT NOT NULL CHECK (length(trim(title)) > 0),
  description  TEXT NOT NULL DEFAULT '',
  owner        TEXT NOT NULL DEFAULT '',
  due_on       TEXT,
  status       TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in-progress', 'done')),
  done_on      TEXT,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((status = 'done') = (done_on IS NOT NULL))
);
CREATE INDEX improvement_actions_complaint ON improvement_actions (complaint_id);
