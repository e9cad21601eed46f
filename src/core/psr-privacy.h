/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "psr-database.h"

G_BEGIN_DECLS

/*
 * A person's rights over their data (docs/privacy.md): everything about
 * them, exported; their personal data, erased.
 */

/* Everything the database holds about the person, as a JSON object:
 * "format", "exported_at", "person" (every field, accessibility needs and
 * consent included), "enrollments", "attendance", "signatures" (with their
 * strokes), "positionings", "module_progress", "rehearsal_runs",
 * "satisfaction_responses" (with their answers), "trainer_of" (the
 * sessions they train) and "attachments" (metadata only). NULL on error
 * (PSR_ERROR_NOT_FOUND when the person does not exist). */
JsonNode *psr_privacy_export_person (PsrDatabase  *db,
                                     gint64        person_id,
                                     GError      **error);

/* Writes that JSON, indented, to @json_file (replacing it), and the
 * person's attached documents into @documents (a folder, created when the
 * person has any; NULL to leave them out). Each attachment's JSON then
 * names its file, relative to the JSON file's folder when it is inside it. */
gboolean  psr_privacy_export_to_file (PsrDatabase  *db,
                                      gint64        person_id,
                                      GFile        *json_file,
                                      GFile        *documents,
                                      GError      **error);

/* The same into @folder (created if needed): person.json and documents/. */
gboolean  psr_privacy_export_to_folder (PsrDatabase  *db,
                                        gint64        person_id,
                                        GFile        *folder,
                                        GError      **error);

/* Erases the person's personal data, in one transaction: their record,
 * enrollments, attendance, progress, rehearsal runs, positionings and
 * attachments, their place among a session's trainers, from the search
 * index too. What the statistics need stays, anonymous: per slot, the
 * counts of each attendance status; per session, the counts of each
 * enrollment status; their signatures, without strokes nor signer (the
 * chain of hashes keeps its links); their satisfaction responses, without
 * signer. Then the search index is optimised and the file vacuumed (see
 * psr_privacy_scrub_file()), so that the file keeps no trace of them.
 *
 * Must not be called inside a transaction. Returns FALSE on error:
 * PSR_ERROR_NOT_FOUND, or PSR_ERROR_BUSY when the person is erased but
 * another program reading the database kept the file from being cleaned
 * (call psr_privacy_scrub_file() again once it is closed). */
gboolean  psr_privacy_erase_person  (PsrDatabase  *db,
                                     gint64        person_id,
                                     GError      **error);

/* Rewrites the database file without the traces of deleted data: merges
 * the search index of people, checkpoints the write-ahead log, vacuums,
 * and empties the log. Must not be called inside a transaction.
 * PSR_ERROR_BUSY when another program keeps the log from being emptied. */
gboolean  psr_privacy_scrub_file    (PsrDatabase  *db,
                                     GError      **error);

G_END_DECLS
