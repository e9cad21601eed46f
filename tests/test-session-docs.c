/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <cairo-pdf.h>

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "psr-document.h"
#include "psr-error.h"
#include "psr-locale.h"
#include "psr-session-docs.h"
#include "psr-test-utils.h"

/* The documents of a session, written as real PDF files from a real
 * database and read back with pdftotext. The interface runs in German
 * (LANGUAGE=de, as a desktop sets it) while the convocations and
 * certificates come out in each trainee's language. */

static const PsrDocumentInfo info = {
  "Centre de formation Lumière", "Camille Durand-Lefèvre", "referent@example.org",
};

static const PsrSessionDocumentOptions options = {
  &info, "Métro ligne 7, station Porte de la Villette.", "Une tenue confortable.",
};

typedef struct
{
  char        *dir;
  char        *out;
  PsrDatabase *db;
} Fixture;

#define SESSION_ID 1

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = psr_test_make_dir ();
  fixture->out = g_build_filename (fixture->dir, "out", NULL);
  path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (path, &error);
  g_assert_no_error (error);

  psr_test_exec (fixture->db,
                 "INSERT INTO scales (id, uuid, name)"
                 " VALUES (1, '00000000-0000-4000-8000-000000000001', 'Niveaux');"
                 "INSERT INTO scale_levels (id, uuid, scale_id, position, name) VALUES"
                 " (1, '00000000-0000-4000-8000-000000000011', 1, 0, 'Débutant'),"
                 " (2, '00000000-0000-4000-8000-000000000012', 1, 1, 'Confirmé');"
                 "INSERT INTO frameworks (id, uuid, title, scale_id)"
                 " VALUES (1, '00000000-0000-4000-8000-000000000021', 'Référentiel', 1);"
                 "INSERT INTO competencies (id, uuid, framework_id, parent_id, kind, code, title)"
                 " VALUES (1, '00000000-0000-4000-8000-000000000031', 1, NULL, 'field', '1',"
                 "         'Animer'),"
                 " (2, '00000000-0000-4000-8000-000000000032', 1, 1, 'competency', '1.2',"
                 "  'Conduire un atelier avec le public');"
                 "INSERT INTO curricula (id, uuid, lineage_uuid, title, modality) VALUES"
                 " (1, '00000000-0000-4000-8000-000000000041', "
                 "  '00000000-0000-4000-8000-000000000042',"
                 "  'Animer un atelier scientifique', 'in-person');"
                 "INSERT INTO curriculum_objectives (uuid, curriculum_id, position, text) VALUES"
                 " ('00000000-0000-4000-8000-000000000051', 1, 0, 'Accueillir un groupe'),"
                 " ('00000000-0000-4000-8000-000000000052', 1, 1, 'Gérer un imprévu');"
                 "INSERT INTO sessions (id, uuid, curriculum_id, place, room, status) VALUES"
                 " (1, '00000000-0000-4000-8000-000000000061', 1, 'Cité des sciences',"
                 "  'Salle Jean-Perrin', 'confirmed');"
                 "INSERT INTO session_slots (id, uuid, session_id, day, period, starts_at, ends_at)"
                 " VALUES"
                 " (1, '00000000-0000-4000-8000-000000000071', "
                 "  1, '2026-03-10', 'morning', '09:00', '12:30'),"
                 " (2, '00000000-0000-4000-8000-000000000072', "
                 "  1, '2026-03-10', 'afternoon', '13:30', '17:00'),"
                 " (3, '00000000-0000-4000-8000-000000000073', "
                 "  1, '2026-03-11', 'morning', '09:00', '12:30'),"
                 " (4, '00000000-0000-4000-8000-000000000074', "
                 "  1, '2026-03-11', 'afternoon', '13:30', '17:00');"
                 "INSERT INTO people (id, uuid, given_name, family_name, language, is_trainer)"
                 " VALUES"
                 " (1, '00000000-0000-4000-8000-000000000081', 'Camille', 'Martin', 'fr', 0),"
                 " (2, '00000000-0000-4000-8000-000000000082', 'Lucía', 'Ríos', 'es', 0),"
                 " (3, 'abcdef12-0000-4000-8000-000000000083', 'ليلى', 'حداد', 'ar', 0),"
                 " (4, '00000000-0000-4000-8000-000000000084', 'Waiting', 'Person', 'fr', 0),"
                 " (5, '00000000-0000-4000-8000-000000000085', 'Cancelled', 'Person', 'fr', 0),"
                 " (6, '00000000-0000-4000-8000-000000000086', 'Karim', 'Benali', 'fr', 1);"
                 "INSERT INTO enrollments (uuid, session_id, person_id, status, waiting_position)"
                 " VALUES"
                 " ('00000000-0000-4000-8000-000000000091', 1, 1, 'enrolled', NULL),"
                 " ('00000000-0000-4000-8000-000000000092', 1, 2, 'enrolled', NULL),"
                 " ('00000000-0000-4000-8000-000000000093', 1, 3, 'enrolled', NULL),"
                 " ('00000000-0000-4000-8000-000000000094', 1, 4, 'waiting', 1),"
                 " ('00000000-0000-4000-8000-000000000095', 1, 5, 'cancelled', NULL);"
                 "INSERT INTO session_trainers (session_id, person_id) VALUES (1, 6);");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->out);
}

/* pdftotext breaks lines where the document does, and marks the
 * direction of runs of text: texts are compared without any space or
 * mark. */
static char *
remove_spaces (const char *text)
{
  GString *result = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && g_unichar_type (c) != G_UNICODE_SPACE_SEPARATOR
          && g_unichar_type (c) != G_UNICODE_FORMAT)
        g_string_append_unichar (result, c);
    }

  return g_string_free (result, FALSE);
}

/* The text of a PDF, or NULL when pdftotext is not installed. Pages are
 * separated by form feeds. */
static char *
pdf_text (const char *path,
          gboolean    keep_spaces)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  if (pdftotext == NULL)
    return NULL;

  g_spawn_sync (NULL, (char *[]) { pdftotext, (char *) "-enc", (char *) "UTF-8", (char *) path,
                                   (char *) "-", NULL },
                NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return keep_spaces ? g_steal_pointer (&out) : remove_spaces (out);
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static void
assert_has (const char *text,
            const char *expected)
{
  g_autofree char *squeezed = remove_spaces (expected);

  if (strstr (text, squeezed) == NULL)
    g_error ("“%s” is missing from:\n%s", expected, text);
}

static void
assert_lacks (const char *text,
              const char *unexpected)
{
  g_autofree char *squeezed = remove_spaces (unexpected);

  if (strstr (text, squeezed) != NULL)
    g_error ("“%s” should not be in:\n%s", unexpected, text);
}

static char *
read_document (Fixture    *fixture,
               const char *name)
{
  g_autofree char *path = g_build_filename (fixture->out, name, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return pdf_text (path, FALSE);
}

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, ==, calls[0] + 1);
  calls[0]++;
  calls[1] = total;
}

static GStrv
write_documents (Fixture                *fixture,
                 PsrSessionDocumentKind  kind,
                 guint                   expected)
{
  g_autoptr(GError) error = NULL;
  guint calls[2] = { 0, 0 };
  GStrv paths;

  paths = psr_session_documents_write (fixture->db, SESSION_ID, kind, &options, fixture->out,
                                       count_progress, calls, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (paths);
  g_assert_cmpuint (g_strv_length (paths), ==, expected);
  g_assert_cmpuint (calls[0], ==, expected);
  g_assert_cmpuint (calls[1], ==, expected);
  return paths;
}

/* A session with a French, a Spanish and an Arabic trainee makes three
 * convocations in three languages, whatever the interface's. */
static void
test_convocation_languages (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(GStrv) paths = NULL;
  g_autofree char *fr = NULL;
  g_autofree char *es = NULL;
  g_autofree char *ar = NULL;
  g_autofree char *ar_spaced = NULL;
  g_autofree char *ar_path = NULL;

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  paths = write_documents (fixture, PSR_SESSION_DOCUMENT_CONVOCATIONS, 3);

  /* In the order of names; the waiting and cancelled trainees get none. */
  g_assert_true (g_str_has_suffix (paths[0], "convocation-martin-camille.pdf"));
  g_assert_true (g_str_has_suffix (paths[1], "convocation-rios-lucia.pdf"));
  /* No Latin letter in the name: the start of the UUID instead. */
  g_assert_true (g_str_has_suffix (paths[2], "convocation-abcdef12.pdf"));

  fr = read_document (fixture, "convocation-martin-camille.pdf");
  assert_has (fr, "Centre de formation Lumière");
  assert_has (fr, "Convocation");
  assert_has (fr, "Bonjour Camille,");
  assert_has (fr, "Vous êtes inscrit·e à la formation « Animer un atelier scientifique »");
  assert_has (fr, "Programme horaire");
  assert_has (fr, "mardi 10 mars 2026");
  assert_has (fr, "mercredi 11 mars 2026");
  assert_has (fr, "Après-midi");
  assert_has (fr, "9 h 00 – 12 h 30");
  assert_has (fr, "13 h 30 – 17 h 00");
  assert_has (fr, "Lieu et accès");
  assert_has (fr, "Cité des sciences, Salle Jean-Perrin");
  assert_has (fr, "Métro ligne 7, station Porte de la Villette.");
  assert_has (fr, "À apporter");
  assert_has (fr, "Une tenue confortable.");
  assert_has (fr, "Karim Benali");
  assert_has (fr, "Référent handicap");
  assert_has (fr, "Camille Durand-Lefèvre");
  assert_has (fr, "referent@example.org");
  assert_has (fr, "14 heures");
  assert_has (fr, "Page 1 sur");
  assert_lacks (fr, "Schedule");
  assert_lacks (fr, "Zeitplan");
  assert_lacks (fr, "Waiting");

  es = read_document (fixture, "convocation-rios-lucia.pdf");
  assert_has (es, "Hola, Lucía:");
  assert_has (es, "Está inscrito/a en la formación «Animer un atelier scientifique»");
  assert_has (es, "Horario");
  assert_has (es, "martes, 10 de marzo de 2026");
  assert_has (es, "Tarde");
  assert_has (es, "Qué traer");
  assert_has (es, "Referente de discapacidad");
  assert_lacks (es, "Programme horaire");

  /* pdftotext gives Arabic in reading order, but spells the ligature of
   * lam and alef backwards: the words checked have none. */
  ar_path = g_build_filename (fixture->out, "convocation-abcdef12.pdf", NULL);
  ar_spaced = pdf_text (ar_path, TRUE);
  ar = remove_spaces (ar_spaced);
  assert_has (ar, "مرحبًا ليلى،");
  assert_has (ar, "الجدول الزمني");
  assert_has (ar, "المكان وطريقة الوصول");
  assert_has (ar, "مسؤول شؤون");
  assert_has (ar, "مارس");
  assert_lacks (ar, "Schedule");
  assert_lacks (ar, "Horario");

  /* The interface kept its language through it all. */
  g_assert_cmpstr (_("Attendance sheet"), ==, "Anwesenheitsliste");
  g_assert_cmpstr (psr_locale_gettext ("Schedule"), ==, "Zeitplan");
}

/* Where the line holding @word starts on the first page, from the left
 * edge, in points. */
static double
line_start (const char *path,
            const char *word)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  g_autofree char *bbox = NULL;
  g_auto(GStrv) lines = NULL;
  double x_min = -1;
  int status;

  g_spawn_sync (NULL, (char *[]) { pdftotext, (char *) "-bbox-layout", (char *) "-f",
                                   (char *) "1", (char *) "-l", (char *) "1", (char *) path,
                                   (char *) "-", NULL },
                NULL, G_SPAWN_DEFAULT, NULL, NULL, &bbox, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  lines = g_strsplit (bbox, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = strstr (lines[i], "<line xMin=\"");

      if (line != NULL)
        x_min = g_ascii_strtod (line + strlen ("<line xMin=\""), NULL);
      else if (strstr (lines[i], "<word") != NULL && strstr (lines[i], word) != NULL)
        return x_min;
    }

  g_error ("“%s” is not on the first page of %s:\n%s", word, path, bbox);
}

/* Arabic documents are laid out from the right: their short lines end at
 * the right margin. */
static void
test_convocation_right_to_left (Fixture       *fixture,
                                gconstpointer  data)
{
  g_auto(GStrv) paths = NULL;

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  paths = write_documents (fixture, PSR_SESSION_DOCUMENT_CONVOCATIONS, 3);

  /* Names in Latin script, in right-to-left paragraphs: the organisation
   * and a trainer. (pdftotext gives the Arabic words letter by letter.) */
  g_assert_cmpfloat (line_start (paths[0], "Centre"), <, 100);
  g_assert_cmpfloat (line_start (paths[2], "Centre"), >, 300);
  g_assert_cmpfloat (line_start (paths[0], "Karim"), <, 100);
  g_assert_cmpfloat (line_start (paths[2], "Karim"), >, 300);
}

static void
test_attendance_sheet (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(GStrv) paths = NULL;
  g_autofree char *text = NULL;

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  /* One trainee signed the first half-day, on screen; strokes that do not
   * read are said to be signed. An absence is written in the box. */
  psr_test_exec (fixture->db,
                 "INSERT INTO signatures (uuid, session_id, slot_id, person_id, role, strokes,"
                 "                        signed_at, previous_hash, hash) VALUES"
                 " ('00000000-0000-4000-8000-0000000000a1', 1, 1, 1, 'trainee',"
                 "  CAST('[[[0.1,0.5],[0.5,0.2],[0.9,0.6]]]' AS BLOB), '2026-03-10T08:10:00Z',"
                 "  '', 'h1'),"
                 " ('00000000-0000-4000-8000-0000000000a2', 1, 1, 2, 'trainee',"
                 "  CAST('not strokes' AS BLOB), '2026-03-10T08:11:00Z', 'h1', 'h2');"
                 "INSERT INTO attendance (uuid, slot_id, person_id, status) VALUES"
                 " ('00000000-0000-4000-8000-0000000000b1', 2, 3, 'absent');");

  paths = write_documents (fixture, PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET, 1);
  g_assert_true (g_str_has_suffix (paths[0], "attendance-sheet.pdf"));
  text = read_document (fixture, "attendance-sheet.pdf");

  /* The sheet is for the trainer: in the interface language, German. */
  assert_has (text, "Anwesenheitsliste");
  assert_has (text, "Centre de formation Lumière");
  assert_has (text, "Animer un atelier scientifique");
  assert_has (text, "Camille Martin");
  assert_has (text, "Lucía Ríos");
  assert_has (text, "ليلى حداد");
  assert_has (text, "Karim Benali");
  assert_has (text, "Vormittag");
  assert_has (text, "Nachmittag");
  assert_has (text, "Am Bildschirm unterschrieben");
  assert_has (text, "Abwesend");
  assert_has (text, "Seite 1 von 1");
  assert_lacks (text, "Waiting");
  assert_lacks (text, "Cancelled");
}

/* Many half-days turn the sheet to landscape; many trainees and many
 * half-days spread it over pages, each with its heading. */
static void
test_attendance_sheet_pages (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *path = NULL;
  g_autofree char *info_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  g_auto(GStrv) paths = NULL;
  g_auto(GStrv) pages = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (pdfinfo == NULL || !have_program ("pdftotext"))
    {
      g_test_skip ("poppler's tools are not installed");
      return;
    }

  psr_test_exec (fixture->db,
                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)"
                 " INSERT INTO people (uuid, given_name, family_name, language)"
                 " SELECT printf('00000000-0000-4000-9000-%012d', i), 'Trainee',"
                 "        printf('Zed %02d', i), 'fr'"
                 " FROM n;"
                 "INSERT INTO enrollments (uuid, session_id, person_id, status)"
                 " SELECT printf('00000000-0000-4000-a000-%012d', id), 1, id, 'enrolled'"
                 " FROM people WHERE family_name GLOB 'Zed *';"
                 "WITH RECURSIVE n(i) AS (SELECT 12 UNION ALL SELECT i + 1 FROM n WHERE i < 16)"
                 " INSERT INTO session_slots (uuid, session_id, day, period, starts_at, ends_at)"
                 " SELECT printf('00000000-0000-4000-b000-%012d', i), 1, printf('2026-03-%02d', i),"
                 " 'morning', '09:00', '12:30' FROM n;");

  paths = write_documents (fixture, PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET, 1);
  path = g_build_filename (fixture->out, "attendance-sheet.pdf", NULL);
  g_spawn_sync (NULL, (char *[]) { pdfinfo, path, NULL }, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &info_text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (info_text, "841.89 x 595.276"));

  /* 9 half-days: two groups of columns, each on as many pages as the 44
   * trainees and trainer take. */
  text = pdf_text (path, TRUE);
  pages = g_strsplit (text, "\f", -1);
  g_assert_cmpuint (g_strv_length (pages), >=, 5);
  for (guint i = 0; pages[i] != NULL && *g_strstrip (pages[i]) != '\0'; i++)
    {
      g_autofree char *page = remove_spaces (pages[i]);

      assert_has (page, "Anwesenheitsliste");
      assert_has (page, "Name");
    }

  squeezed = remove_spaces (text);
  assert_has (squeezed, "Trainee Zed 01");
  assert_has (squeezed, "Trainee Zed 40");
  /* Every half-day has its column somewhere. */
  /* The interface's language is German but its locale C: the days are
   * worded as the locale does, laid out as German does. */
  assert_has (squeezed, "Tue, 10. Mar");
  assert_has (squeezed, "Mon, 16. Mar");
}

static void
test_certificates (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(GStrv) paths = NULL;
  g_autofree char *fr = NULL;
  g_autofree char *es = NULL;

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  /* Camille signed three half-days of four, and was positioned before and
   * after by herself and by the trainer; the trainer's rating wins. A
   * trainer's signature does not count for her. */
  psr_test_exec (fixture->db,
                 "INSERT INTO signatures (uuid, session_id, slot_id, person_id, role, strokes,"
                 "                        signed_at, previous_hash, hash) VALUES"
                 " ('00000000-0000-4000-8000-0000000000c1', 1, 1, 1, 'trainee', CAST('[]' AS BLOB),"
                 "  '2026-03-10T08:10:00Z', '', 'h1'),"
                 " ('00000000-0000-4000-8000-0000000000c2', 1, 2, 1, 'trainee', CAST('[]' AS BLOB),"
                 "  '2026-03-10T12:40:00Z', 'h1', 'h2'),"
                 " ('00000000-0000-4000-8000-0000000000c3', 1, 3, 1, 'trainee', CAST('[]' AS BLOB),"
                 "  '2026-03-11T08:10:00Z', 'h2', 'h3'),"
                 " ('00000000-0000-4000-8000-0000000000c4', 1, 4, 6, 'trainer', CAST('[]' AS BLOB),"
                 "  '2026-03-11T12:40:00Z', 'h3', 'h4');"
                 "INSERT INTO positionings (uuid, session_id, person_id, competency_id, moment,"
                 "                          rater, level_id) VALUES"
                 " ('00000000-0000-4000-8000-0000000000d1', 1, 1, 2, 'before', 'trainee', 2),"
                 " ('00000000-0000-4000-8000-0000000000d2', 1, 1, 2, 'before', 'trainer', 1),"
                 " ('00000000-0000-4000-8000-0000000000d3', 1, 1, 2, 'after', 'trainee', 2);");

  paths = write_documents (fixture, PSR_SESSION_DOCUMENT_CERTIFICATES, 3);
  g_assert_true (g_str_has_suffix (paths[0], "certificate-martin-camille.pdf"));

  fr = read_document (fixture, "certificate-martin-camille.pdf");
  assert_has (fr, "Attestation de fin de formation");
  assert_has (fr, "Centre de formation Lumière atteste que Camille Martin a suivi la formation "
                  "« Animer un atelier scientifique ».");
  assert_has (fr, "Objectifs");
  assert_has (fr, "Accueillir un groupe");
  assert_has (fr, "Gérer un imprévu");
  assert_has (fr, "Nature de l’action");
  assert_has (fr, "Action de formation, en présentiel");
  assert_has (fr, "14 heures");
  assert_has (fr, "4 demi-journées");
  assert_has (fr, "75 %");
  assert_has (fr, "3 demi-journées signées sur 4");
  assert_has (fr, "Évaluation des compétences");
  assert_has (fr, "1.2 Conduire un atelier avec le public");
  assert_has (fr, "Avant : Débutant");
  assert_has (fr, "Après : Confirmé");
  assert_lacks (fr, "Aucune évaluation");

  es = read_document (fixture, "certificate-rios-lucia.pdf");
  assert_has (es, "Certificado de finalización");
  assert_has (es, "0 %");
  assert_has (es, "0 de 4 medias jornadas firmadas");
  assert_has (es, "No se ha registrado ninguna evaluación de competencias");
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GStrv paths;

  g_cancellable_cancel (cancellable);
  paths = psr_session_documents_write (fixture->db, SESSION_ID, PSR_SESSION_DOCUMENT_CERTIFICATES,
                                       &options, fixture->out, NULL, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (paths);
  g_assert_false (g_file_test (fixture->out, G_FILE_TEST_EXISTS));
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (fixture->dir, "file", NULL);
  g_autofree char *below = g_build_filename (file, "out", NULL);
  GStrv paths;

  paths = psr_session_documents_write (fixture->db, 99, PSR_SESSION_DOCUMENT_CONVOCATIONS, NULL,
                                       fixture->out, NULL, NULL, NULL, &error);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_assert_null (paths);
  g_clear_error (&error);

  psr_test_exec (fixture->db, "DELETE FROM enrollments");
  paths = psr_session_documents_write (fixture->db, SESSION_ID, PSR_SESSION_DOCUMENT_CONVOCATIONS,
                                       NULL, fixture->out, NULL, NULL, NULL, &error);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_assert_null (paths);
  g_clear_error (&error);
  g_assert_false (g_file_test (fixture->out, G_FILE_TEST_EXISTS));

  /* An empty sheet is still a sheet to print. */
  paths = psr_session_documents_write (fixture->db, SESSION_ID,
                                       PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET, NULL, fixture->out,
                                       NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (paths), ==, 1);
  g_strfreev (paths);

  /* A folder that cannot be made. */
  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  paths = psr_session_documents_write (fixture->db, SESSION_ID,
                                       PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET, NULL, below, NULL,
                                       NULL, NULL, &error);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CANT_OPEN);
  g_assert_null (paths);
}

/* One trainee's document, in their language; nobody else's, and nothing
 * for someone not enrolled. */
static void
test_one_trainee (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "lucia.pdf", NULL);
  g_autofree char *waiting = g_build_filename (fixture->dir, "waiting.pdf", NULL);
  g_autofree char *text = NULL;

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  g_assert_true (psr_session_trainee_document_write (fixture->db, SESSION_ID, 2,
                                                     PSR_SESSION_DOCUMENT_CERTIFICATES, &options,
                                                     path, &error));
  g_assert_no_error (error);
  text = pdf_text (path, FALSE);
  assert_has (text, "Certificado de finalización");
  assert_has (text, "Lucía Ríos");
  assert_lacks (text, "Camille");
  g_clear_pointer (&text, g_free);

  g_assert_true (psr_session_trainee_document_write (fixture->db, SESSION_ID, 2,
                                                     PSR_SESSION_DOCUMENT_CONVOCATIONS, NULL,
                                                     path, &error));
  g_assert_no_error (error);
  text = pdf_text (path, FALSE);
  assert_has (text, "Lucía Ríos");
  assert_lacks (text, "Certificado de finalización");

  /* On the waiting list, unknown, or in no such session. */
  g_assert_false (psr_session_trainee_document_write (fixture->db, SESSION_ID, 4,
                                                      PSR_SESSION_DOCUMENT_CONVOCATIONS, NULL,
                                                      waiting, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_session_trainee_document_write (fixture->db, SESSION_ID, 99,
                                                      PSR_SESSION_DOCUMENT_CERTIFICATES, NULL,
                                                      waiting, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_session_trainee_document_write (fixture->db, 99, 2,
                                                      PSR_SESSION_DOCUMENT_CERTIFICATES, NULL,
                                                      waiting, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (waiting, G_FILE_TEST_EXISTS));
}

/* Two trainees of the same name get a file each. */
static void
test_file_names (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(GStrv) paths = NULL;

  psr_test_exec (fixture->db,
                 "INSERT INTO people (id, uuid, given_name, family_name, language) VALUES"
                 " (7, '00000000-0000-4000-8000-000000000087', 'Camille', 'MARTIN', 'en'),"
                 " (8, '00000000-0000-4000-8000-000000000088', 'Zoé', 'O''Brien / Dupré', 'xx');"
                 "INSERT INTO enrollments (uuid, session_id, person_id, status) VALUES"
                 " ('00000000-0000-4000-8000-000000000097', 1, 7, 'enrolled'),"
                 " ('00000000-0000-4000-8000-000000000098', 1, 8, 'enrolled');");

  paths = write_documents (fixture, PSR_SESSION_DOCUMENT_CONVOCATIONS, 5);
  g_assert_true (g_str_has_suffix (paths[0], "/convocation-martin-camille.pdf"));
  g_assert_true (g_str_has_suffix (paths[1], "/convocation-martin-camille-2.pdf"));
  g_assert_true (g_str_has_suffix (paths[2], "/convocation-o-brien-dupre-zoe.pdf"));
  for (guint i = 0; paths[i] != NULL; i++)
    g_assert_true (g_file_test (paths[i], G_FILE_TEST_IS_REGULAR));
}

/* Arabic has six plural forms; a language with no catalogue or no locale
 * gives English. */
static void
test_locale (void)
{
  g_autoptr(PsrLocale) ar = psr_locale_new ("ar");
  g_autoptr(PsrLocale) pt = psr_locale_new ("pt-BR");
  g_autoptr(PsrLocale) unknown = psr_locale_new ("xx");
  g_autoptr(PsrLocale) none = psr_locale_new (NULL);
  static const struct
  {
    gulong      n;
    const char *form;
  } forms[] = {
    { 0, "%u نصف يوم" }, { 1, "%u نصف يوم" }, { 2, "%u نصفا يوم" }, { 3, "%u أنصاف أيام" },
    { 10, "%u أنصاف أيام" }, { 11, "%u نصف يوم" }, { 99, "%u نصف يوم" }, { 103, "%u أنصاف أيام" },
  };

  g_assert_cmpstr (psr_locale_get_language (ar), ==, "ar");
  g_assert_true (psr_locale_is_right_to_left (ar));
  psr_locale_push (ar);
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    g_assert_cmpstr (psr_locale_ngettext ("%u half-day", "%u half-days", forms[i].n), ==,
                     forms[i].form);
  g_assert_cmpstr (psr_locale_pgettext ("half-day\004Morning", strlen ("half-day") + 1), ==,
                   "الصباح");

  /* Nested: the innermost wins, and popping gives the outer back. */
  psr_locale_push (pt);
  g_assert_cmpstr (psr_locale_gettext ("What to bring"), ==, "O que trazer");
  psr_locale_pop (pt);
  g_assert_cmpstr (psr_locale_gettext ("What to bring"), ==, "ما يجب إحضاره");
  psr_locale_pop (ar);

  g_assert_cmpstr (psr_locale_get_language (pt), ==, "pt_BR");
  g_assert_false (psr_locale_is_right_to_left (pt));
  g_assert_cmpstr (psr_locale_get_language (unknown), ==, "en");
  g_assert_cmpstr (psr_locale_get_language (none), ==, "en");

  psr_locale_push (unknown);
  g_assert_cmpstr (psr_locale_gettext ("What to bring"), ==, "What to bring");
  g_assert_cmpstr (psr_locale_ngettext ("%u half-day", "%u half-days", 1), ==, "%u half-day");
  g_assert_cmpstr (psr_locale_ngettext ("%u half-day", "%u half-days", 0), ==, "%u half-days");
  psr_locale_pop (unknown);

  /* Back to the interface's language. */
  g_assert_cmpstr (psr_locale_gettext ("What to bring"), ==, "Bitte mitbringen");
}

/* The language of a thread is its own. */
static gpointer
translate_in_thread (gpointer data)
{
  g_autoptr(PsrLocale) es = psr_locale_new ("es");
  char *result;

  psr_locale_push (es);
  result = g_strdup (psr_locale_gettext ("What to bring"));
  g_usleep (20000);
  psr_locale_pop (es);
  return result;
}

static void
test_locale_threads (void)
{
  g_autoptr(PsrLocale) fr = psr_locale_new ("fr");
  GThread *thread = g_thread_new ("documents", translate_in_thread, NULL);
  g_autofree char *spanish = NULL;

  psr_locale_push (fr);
  g_assert_cmpstr (psr_locale_gettext ("What to bring"), ==, "À apporter");
  spanish = g_thread_join (thread);
  g_assert_cmpstr (psr_locale_gettext ("What to bring"), ==, "À apporter");
  psr_locale_pop (fr);
  g_assert_cmpstr (spanish, ==, "Qué traer");
}

/* Printing lays out the same documents, one after the other, each in
 * its trainee's language: drawn into a PDF here, as a printer would get
 * them. */
static void
test_print (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->out, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(PsrSessionPrint) print = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint pages;

  if (!have_program ("pdftotext"))
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (fixture->out, 0700), ==, 0);
  print = psr_session_print_new (fixture->db, SESSION_ID, PSR_SESSION_DOCUMENT_CONVOCATIONS,
                                 &options, &error);
  g_assert_no_error (error);
  g_assert_false (psr_session_print_is_landscape (print));

  surface = cairo_pdf_surface_create (path, PSR_DOCUMENT_A4_WIDTH, PSR_DOCUMENT_A4_HEIGHT);
  cr = cairo_create (surface);
  pages = psr_session_print_paginate (print, cr, PSR_DOCUMENT_A4_WIDTH, PSR_DOCUMENT_A4_HEIGHT);
  g_assert_cmpuint (pages, >=, 3);
  for (guint i = 0; i < pages; i++)
    {
      psr_session_print_draw_page (print, cr, PSR_DOCUMENT_A4_WIDTH, PSR_DOCUMENT_A4_HEIGHT, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  text = pdf_text (path, FALSE);
  assert_has (text, "Bonjour Camille,");
  assert_has (text, "Hola, Lucía:");
  assert_has (text, "Page 1 sur");
  g_clear_pointer (&print, psr_session_print_free);

  print = psr_session_print_new (fixture->db, SESSION_ID, PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET,
                                 &options, &error);
  g_assert_no_error (error);
  surface = cairo_pdf_surface_create (path, PSR_DOCUMENT_A4_WIDTH, PSR_DOCUMENT_A4_HEIGHT);
  cr = cairo_create (surface);
  g_assert_cmpuint (psr_session_print_paginate (print, cr, PSR_DOCUMENT_A4_WIDTH,
                                                PSR_DOCUMENT_A4_HEIGHT), ==, 1);
  psr_session_print_draw_page (print, cr, PSR_DOCUMENT_A4_WIDTH, PSR_DOCUMENT_A4_HEIGHT, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_free (text);
  text = pdf_text (path, FALSE);
  assert_has (text, "Anwesenheitsliste");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *locale_dir = NULL;

  /* The interface in German through LANGUAGE, which overrides the locale
   * for gettext() in the whole process, as desktops set it. */
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* The catalogues this build compiled. */
  locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/session-docs/convocations/languages", test_convocation_languages);
  ADD ("/session-docs/convocations/right-to-left", test_convocation_right_to_left);
  ADD ("/session-docs/attendance-sheet", test_attendance_sheet);
  ADD ("/session-docs/attendance-sheet/pages", test_attendance_sheet_pages);
  ADD ("/session-docs/certificates", test_certificates);
  ADD ("/session-docs/cancelled", test_cancelled);
  ADD ("/session-docs/errors", test_errors);
  ADD ("/session-docs/file-names", test_file_names);
  ADD ("/session-docs/one-trainee", test_one_trainee);
  ADD ("/session-docs/print", test_print);
#undef ADD
  g_test_add_func ("/session-docs/locale", test_locale);
  g_test_add_func ("/session-docs/locale/threads", test_locale_threads);

  return g_test_run ();
}
