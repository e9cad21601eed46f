-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Migration 5: the instants the Overview's recent activity is sorted by.
--
-- The overview reads the latest few rows of each kind of event at every
-- start; without these indexes, each read would go through every
-- signature, enrollment or survey response ever recorded.

CREATE INDEX signatures_signed ON signatures (signed_at);
CREATE INDEX enrollments_enrolled ON enrollments (enrolled_at);
CREATE INDEX satisfaction_responses_submitted ON satisfaction_responses (submitted_at);
CREATE INDEX module_progress_completed ON module_progress (completed_at)
  WHERE completed_at IS NOT NULL;
CREATE INDEX rehearsal_runs_started ON rehearsal_runs (started_at);
CREATE INDEX people_created ON people (created_at);
