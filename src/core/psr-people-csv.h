/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"
#include "psr-people.h"

G_BEGIN_DECLS

/*
 * People to and from CSV, as spreadsheets write it (docs/people-csv.md).
 *
 * Import is two steps. psr_people_csv_read() reads the file into a
 * preview, changing nothing: the columns with their header text and the
 * field each one is proposed for, the rows, the bad rows with their line
 * and reason, and the rows whose email is already a person's (matches).
 * The user may change the mapping (the bad rows and matches are found
 * again) and decide, for each match, whether the file's values are merged
 * into the existing person or the existing person is kept unchanged.
 * psr_people_csv_apply() then writes it all in one transaction, or nothing.
 *
 * The reader takes UTF-8 with or without BOM, UTF-16 with BOM, and
 * Windows-1252 (any file that is not valid UTF-8); comma, semicolon or tab
 * separated (guessed from the header line); CRLF, LF or CR line ends;
 * quoted fields with separators, line breaks and doubled quotes inside.
 * Cells are stripped of spaces around them. Rows whose cells are all blank
 * are skipped.
 *
 * A preview uses the database it was read with when the mapping changes
 * and when it is applied: like every PsrDatabase, from one thread at a
 * time. To keep a window responsive with a large file, read and apply in a
 * worker thread with a PsrDatabase of its own on the same file (100,000
 * rows take about 2 s in all).
 */

/* Larger files are refused before they are read: 100,000 people take about
 * 10 MiB. */
#define PSR_PEOPLE_CSV_MAX_SIZE (50 * 1024 * 1024)

/* The mapping of a column that no field takes. */
#define PSR_PEOPLE_CSV_IGNORED (-1)

typedef enum
{
  PSR_PEOPLE_CSV_KEEP,
  PSR_PEOPLE_CSV_MERGE,
} PsrPeopleCsvDecision;

typedef struct _PsrPeopleCsv PsrPeopleCsv;

#define PSR_TYPE_PEOPLE_CSV (psr_people_csv_get_type ())

GType         psr_people_csv_get_type (void) G_GNUC_CONST;
PsrPeopleCsv *psr_people_csv_ref      (PsrPeopleCsv *csv);
void          psr_people_csv_unref    (PsrPeopleCsv *csv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrPeopleCsv, psr_people_csv_unref)

/* The preview of @contents. Refused with PSR_ERROR_INVALID (and a
 * translated reason) for a file that is not text, is larger than
 * PSR_PEOPLE_CSV_MAX_SIZE, has no header line, or has a quote that is
 * never closed (naming its line). The preview keeps a reference on @db
 * to find the matches again when the mapping changes. NULL on error. */
PsrPeopleCsv *psr_people_csv_read       (PsrDatabase   *db,
                                         GBytes        *contents,
                                         GError       **error);
/* The same from a file, one too large refused before it is read. */
PsrPeopleCsv *psr_people_csv_read_file  (PsrDatabase   *db,
                                         GFile         *file,
                                         GError       **error);

/* Columns: as many as the header line has cells. */
guint         psr_people_csv_get_n_columns (PsrPeopleCsv  *csv);
/* The header cell's text, as in the file (stripped). */
const char   *psr_people_csv_get_header    (PsrPeopleCsv  *csv,
                                            guint          column);
/* A PsrPersonField, or PSR_PEOPLE_CSV_IGNORED. */
int           psr_people_csv_get_mapping   (PsrPeopleCsv  *csv,
                                            guint          column);
/* Maps @column to @field (a PsrPersonField, or PSR_PEOPLE_CSV_IGNORED); a
 * field takes one column only: another column mapped to @field is ignored
 * from then on. The bad rows and matches are found again: FALSE only when
 * the database could not be read. */
gboolean      psr_people_csv_set_mapping   (PsrPeopleCsv  *csv,
                                            guint          column,
                                            int            field,
                                            GError       **error);

/* Rows: the records after the header, blank ones left out. */
guint         psr_people_csv_get_n_rows    (PsrPeopleCsv  *csv);
/* The physical line of the file (from 1) where the row starts. */
guint         psr_people_csv_get_row_line  (PsrPeopleCsv  *csv,
                                            guint          row);
/* The cell's text, stripped, "" when the row is shorter than the header. */
const char   *psr_people_csv_get_cell      (PsrPeopleCsv  *csv,
                                            guint          row,
                                            guint          column);

/**
 * PsrPeopleCsvProblem:
 * @row: the row, for psr_people_csv_get_cell()
 * @line: the physical line of the file where it starts, from 1
 * @message: a translated sentence saying what is wrong with it
 *
 * A bad row: no name, an email that is not one, an email an earlier row of
 * the file has, an unknown language, more cells than the header has.
 */
typedef struct
{
  guint  row;
  guint  line;
  char  *message;
} PsrPeopleCsvProblem;

/* The bad rows in file order, as PsrPeopleCsvProblem owned by @csv (one
 * per row: its first problem). Valid until the mapping changes. */
GPtrArray    *psr_people_csv_get_problems  (PsrPeopleCsv  *csv);

/**
 * PsrPeopleCsvMatch:
 * @row: the row of the file
 * @line: the physical line of the file where it starts, from 1
 * @person_id: the existing person with the row's email
 * @person_name: that person's name, to show
 * @email: the email, as the existing person has it
 * @decision: what psr_people_csv_apply() does: PSR_PEOPLE_CSV_KEEP (the
 *   default) or PSR_PEOPLE_CSV_MERGE; set it with
 *   psr_people_csv_set_decision()
 *
 * A row of the file whose email is already a person's. Bad rows are not
 * matched.
 */
typedef struct
{
  guint                 row;
  guint                 line;
  gint64                person_id;
  char                 *person_name;
  char                 *email;
  PsrPeopleCsvDecision  decision;
} PsrPeopleCsvMatch;

/* The matches in file order, as PsrPeopleCsvMatch owned by @csv. Valid
 * until the mapping changes (the decisions of the rows still matched are
 * kept). */
GPtrArray    *psr_people_csv_get_matches   (PsrPeopleCsv  *csv);
/* @match is an index in psr_people_csv_get_matches(). */
void          psr_people_csv_set_decision  (PsrPeopleCsv         *csv,
                                            guint                 match,
                                            PsrPeopleCsvDecision  decision);
/* The same decision for every match. */
void          psr_people_csv_set_all_decisions (PsrPeopleCsv         *csv,
                                                PsrPeopleCsvDecision  decision);

/**
 * PsrPeopleCsvCounts:
 * @added: new people
 * @merged: existing people given the file's values: every mapped cell
 *   that is not blank replaces the person's value (the email stays theirs)
 * @kept: existing people left unchanged
 */
typedef struct
{
  guint added;
  guint merged;
  guint kept;
} PsrPeopleCsvCounts;

/* Writes the preview into @db (the database it was read with), in one
 * transaction. Refused with PSR_ERROR_INVALID, writing nothing, while a
 * bad row remains (the message names the first one's line and reason) or
 * when no column is mapped to a name. A row whose email became a person's
 * since the preview was read is kept, never duplicated. @counts may be
 * NULL. */
gboolean      psr_people_csv_apply         (PsrPeopleCsv        *csv,
                                            PsrPeopleCsvCounts  *counts,
                                            GError             **error);

/* Export ------------------------------------------------------------------ */

/* The header of the export, in its order, NULL-terminated: "Given name",
 * "Family name", "Email", "Phone", "Organisation", "Job", "Country",
 * "Language", "Notes" (never translated: files travel). */
const char * const *psr_people_csv_export_headers (void);

/* The people with @ids (all of them when @ids is NULL), by family then
 * given name, as UTF-8 CSV with a BOM, comma separated, CRLF line ends,
 * fields quoted when needed. A cell that a spreadsheet would read as a
 * formula (starting with =, +, -, @, tab or carriage return) gets an
 * apostrophe before it; the importer removes it again. The language is
 * its code. Accessibility needs are never exported (the privacy export
 * has them). */
gboolean      psr_people_csv_export        (PsrDatabase    *db,
                                            const gint64   *ids,
                                            guint           n_ids,
                                            GOutputStream  *output,
                                            GCancellable   *cancellable,
                                            GError        **error);

G_END_DECLS
