/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "psr-course-sheet.h"
#include "psr-curriculum.h"
#include "psr-database.h"
#include "psr-error.h"
#include "psr-framework.h"
#include "psr-generate.h"
#include "psr-ics.h"
#include "psr-kind.h"
#include "psr-moodle-csv.h"
#include "psr-package.h"
#include "psr-people-csv.h"
#include "psr-person.h"
#include "psr-privacy.h"
#include "psr-satisfaction.h"
#include "psr-sample.h"
#include "psr-scenario-search.h"
#include "psr-scenario-sheet.h"
#include "psr-scenario.h"
#include "psr-session-docs.h"
#include "psr-session.h"
#include "psr-sessions.h"
#include "psr-twee.h"

/* passerelle-cli [--database PATH] COMMAND …
 * Exit status: 0 on success, 1 on an error, 2 on wrong usage. */

enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  const char *database_path;
  int         argc;
  char      **argv;
} Invocation;

static void
print_usage (FILE *stream)
{
  g_autofree char *kinds = g_strjoinv ("|", (char **) psr_kind_names ());

  /* Translators: keep the commands and options in English; PATH and BACKUP
   * are placeholders that may be translated. The first %s is the list of
   * kinds of record, such as "framework|curriculum|…". */
  fprintf (stream, _("Usage: passerelle-cli [--database PATH] COMMAND …\n"
                     "\n"
                     "Commands:\n"
                     "  %s list                  print UUID<TAB>title for each record\n"
                     "  scenario search QUERY    print UUID<TAB>title for each matching scenario,\n"
                     "                           best first\n"
                     "  scenario twee-export UUID FILE.twee\n"
                     "                           write the rehearsal of a scenario for Twine\n"
                     "  scenario twee-import UUID FILE.twee\n"
                     "                           replace the rehearsal of a scenario from Twine\n"
                     "  scenario sheet UUID FILE.pdf [--language CODE]\n"
                     "                           write the printable sheet of a scenario,\n"
                     "                           in one of its translations with --language\n"
                     "  curriculum sheet UUID FILE.pdf\n"
                     "                           write the public course sheet of a curriculum\n"
                     "  session verify UUID      check that the signatures of a session are intact\n"
                     "  session doc UUID convocation|sheet|certificates FOLDER\n"
                     "         [--access TEXT] [--bring TEXT]\n"
                     "                           write the convocations, the attendance sheet or\n"
                     "                           the certificates of a session into FOLDER\n"
                     "  session ics [UUID] FILE  write a session, or the whole planning, as an\n"
                     "                           iCalendar file\n"
                     "  report indicators [YEAR] print the indicators of a year (this year when\n"
                     "                           none) as name<TAB>value lines\n"
                     "  person import FILE.csv   add the people of a CSV file; people already\n"
                     "                           there (same email) are kept and reported\n"
                     "  person export FILE.csv   write every person to a CSV file\n"
                     "  person export UUID FILE.json\n"
                     "                           write everything about a person, and their\n"
                     "                           documents into FILE-documents\n"
                     "  person erase UUID        erase the personal data of a person\n"
                     "  framework import FILE    import a framework from a Moodle CSV file\n"
                     "  framework export FILE [UUID]\n"
                     "                           write a framework as a Moodle CSV file\n"
                     "  package export FILE [UUID…]\n"
                     "                           write scenarios (all when no UUID) to a package\n"
                     "  package import FILE      import the scenarios of a package\n"
                     "  demo                     load the sample data into an empty database\n"
                     "  generate [--trainees N] [--scenarios N] [--sessions N] [--days N] [--seed N]\n"
                     "                           fill an empty database with synthetic data\n"
                     "  backup                   back up the database now\n"
                     "  backups                  list the backups, newest first\n"
                     "  restore BACKUP           replace the database by a backup\n"
                     "  info                     show the database file and its version\n"
                     "\n"
                     "Options:\n"
                     "  --database PATH          use PATH instead of your own database\n"
                     "  --help                   show this help\n"
                     "  --version                show the version\n"),
           kinds);
}

static int
usage_error (const char *message)
{
  fprintf (stderr, "passerelle-cli: %s\n", message);
  fprintf (stderr, _("Run “passerelle-cli --help” for the list of commands.\n"));
  return EXIT_USAGE;
}

static int
report_error (const GError *error)
{
  fprintf (stderr, "passerelle-cli: %s\n", error->message);
  return EXIT_ERROR;
}

static PsrDatabase *
open_database (const Invocation  *invocation,
               GError           **error)
{
  return psr_database_open (invocation->database_path, error);
}

static void
print_title (const char *uuid,
             const char *title,
             gpointer    user_data)
{
  printf ("%s\t%s\n", uuid, title);
}

static int
command_list (const Invocation *invocation,
              GType             record_type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;

  if (invocation->argc != 2)
    return usage_error (_("“list” takes no argument."));

  db = open_database (invocation, &error);
  if (db == NULL || !psr_kind_foreach_title (db, record_type, print_title, NULL, &error))
    return report_error (error);

  return EXIT_OK;
}

static int
command_scenario_search (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GListModel) results = NULL;
  PsrScenarioQuery query = { NULL, };

  if (invocation->argc != 3)
    return usage_error (_("“scenario search” takes the words to look for, as one argument."));

  query.text = invocation->argv[2];
  query.sort = PSR_SCENARIO_SORT_RELEVANCE;
  db = open_database (invocation, &error);
  if (db == NULL || (results = psr_scenario_search (db, &query, &error)) == NULL)
    return report_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(PsrRecord) record = g_list_model_get_item (results, i);

      if (record != NULL)
        print_title (psr_record_get_uuid (record), psr_record_get_title (record), NULL);
    }

  return EXIT_OK;
}

static int
command_demo (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();

  if (invocation->argc != 1)
    return usage_error (_("“demo” takes no argument."));

  db = open_database (invocation, &error);
  if (db == NULL || !psr_sample_load (db, today, &error))
    return report_error (error);

  printf (_("Sample data loaded into %s\n"), psr_database_get_path (db));
  return EXIT_OK;
}

static gboolean
parse_count (const char  *text,
             guint       *value)
{
  guint64 number;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 10000000, &number, NULL))
    return FALSE;

  *value = (guint) number;
  return TRUE;
}

static void
print_progress (double   fraction,
                gpointer user_data)
{
  if (isatty (fileno (stderr)))
    fprintf (stderr, "\r%3.0f %%", fraction * 100);
}

static int
command_generate (const Invocation *invocation)
{
  PsrGenerateOptions options = { 1000, 100, 50, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GTimer) timer = NULL;

  for (int i = 1; i < invocation->argc; i += 2)
    {
      const char *name = invocation->argv[i];
      const char *value = i + 1 < invocation->argc ? invocation->argv[i + 1] : NULL;
      guint count;

      if (!parse_count (value, &count))
        return usage_error (_("“generate” options take a whole number."));

      if (g_str_equal (name, "--trainees"))
        options.trainees = count;
      else if (g_str_equal (name, "--scenarios"))
        options.scenarios = count;
      else if (g_str_equal (name, "--sessions"))
        options.sessions = count;
      else if (g_str_equal (name, "--seed"))
        options.seed = count;
      else if (g_str_equal (name, "--days"))
        options.days = count;
      else
        return usage_error (_("Unknown option of “generate”."));
    }

  db = open_database (invocation, &error);
  if (db == NULL)
    return report_error (error);

  timer = g_timer_new ();
  if (!psr_generate (db, &options, print_progress, NULL, &error))
    return report_error (error);

  if (isatty (fileno (stderr)))
    fprintf (stderr, "\r");
  printf (_("Database generated in %.1f s\n"), g_timer_elapsed (timer, NULL));
  return EXIT_OK;
}

static int
command_backup (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autofree char *backup = NULL;

  if (invocation->argc != 1)
    return usage_error (_("“backup” takes no argument."));

  db = open_database (invocation, &error);
  if (db == NULL || (backup = psr_database_backup (db, &error)) == NULL)
    return report_error (error);

  printf ("%s\n", backup);
  return EXIT_OK;
}

static int
command_backups (const Invocation *invocation)
{
  g_autoptr(GPtrArray) backups = NULL;

  if (invocation->argc != 1)
    return usage_error (_("“backups” takes no argument."));

  backups = psr_database_list_backups (invocation->database_path);
  for (guint i = 0; i < backups->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (backups, i));

  return EXIT_OK;
}

static int
command_restore (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;

  if (invocation->argc != 2)
    return usage_error (_("“restore” takes the backup file to restore."));

  if (!psr_database_restore (invocation->database_path, invocation->argv[1], &error))
    return report_error (error);

  /* Translators: the database file, then the backup file. */
  printf (_("%s restored from %s\n"), invocation->database_path, invocation->argv[1]);
  return EXIT_OK;
}

static int
command_info (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;

  if (invocation->argc != 1)
    return usage_error (_("“info” takes no argument."));

  db = open_database (invocation, &error);
  if (db == NULL)
    return report_error (error);

  printf (_("Database: %s\n"), psr_database_get_path (db));
  printf (_("Schema version: %d\n"), psr_database_get_version (db));
  return EXIT_OK;
}

/* The organisation as the app's settings describe it, when its schema is
 * installed: the command line also runs where the app is not. */
static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

static char *
get_setting (GSettings  *settings,
             const char *key)
{
  return settings != NULL ? g_settings_get_string (settings, key) : g_strdup ("");
}

/* The organisation name and disability referent, as the app's settings
 * say: three strings, in the order of PsrDocumentInfo. */
static GStrv
read_document_settings (void)
{
  g_autoptr(GSettings) settings = lookup_settings ();
  GStrv values = g_new0 (char *, 4);

  values[0] = get_setting (settings, "organisation-name");
  values[1] = get_setting (settings, "disability-referent-name");
  values[2] = get_setting (settings, "disability-referent-contact");
  return values;
}

static int
command_curriculum_sheet (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(PsrCourseSheet) sheet = NULL;
  g_auto(GStrv) settings = NULL;
  PsrDocumentInfo info;
  gint64 id = 0;

  if (invocation->argc != 4)
    return usage_error (_("“curriculum sheet” takes the UUID of a curriculum and the PDF file to write."));

  settings = read_document_settings ();
  info = (PsrDocumentInfo) { settings[0], settings[1], settings[2] };

  db = open_database (invocation, &error);
  if (db == NULL
      || (id = psr_kind_find_id (db, PSR_TYPE_CURRICULUM, invocation->argv[2], &error)) == 0
      || (sheet = psr_course_sheet_new (db, id, &info, &error)) == NULL
      || !psr_course_sheet_write_pdf (sheet, invocation->argv[3], &error))
    return report_error (error);

  printf (_("Course sheet saved as %s\n"), invocation->argv[3]);
  return EXIT_OK;
}

static int
command_framework_import (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(PsrRecord) framework = NULL;
  gint64 id = 0;

  if (invocation->argc != 3)
    return usage_error (_("“framework import” takes the CSV file to import."));

  file = g_file_new_for_commandline_arg (invocation->argv[2]);
  db = open_database (invocation, &error);
  if (db == NULL
      || (id = psr_moodle_csv_import_file (db, file, &error)) == 0
      || (framework = psr_record_load (db, PSR_TYPE_FRAMEWORK, id, &error)) == NULL)
    return report_error (error);

  print_title (psr_record_get_uuid (framework), psr_record_get_title (framework), NULL);
  return EXIT_OK;
}

static int
command_framework_export (const Invocation *invocation)
{
  const char *uuid = invocation->argc == 4 ? invocation->argv[3] : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GFile) file = NULL;
  gint64 id = 0;

  if (invocation->argc != 3 && invocation->argc != 4)
    return usage_error (_("“framework export” takes the CSV file to write, then the UUID of "
                          "the framework when there are several."));

  db = open_database (invocation, &error);
  if (db != NULL)
    id = psr_moodle_csv_find_framework (db, uuid, &error);
  if (id == 0 && g_error_matches (error, PSR_ERROR, PSR_ERROR_INVALID))
    return usage_error (error->message);

  /* Into memory first: a failed export leaves no half-written file. */
  output = g_memory_output_stream_new_resizable ();
  if (id == 0
      || !psr_moodle_csv_export (db, id, output, &error)
      || !g_output_stream_close (output, NULL, &error))
    return report_error (error);

  csv = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  file = g_file_new_for_commandline_arg (invocation->argv[2]);
  if (!g_file_replace_contents (file, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), NULL,
                                FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    return report_error (error);

  return EXIT_OK;
}

static int
command_person_import (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(PsrPeopleCsv) csv = NULL;
  PsrPeopleCsvCounts counts = { 0, 0, 0 };
  GPtrArray *problems;
  GPtrArray *matches;

  if (invocation->argc != 3)
    return usage_error (_("“person import” takes the CSV file to import."));

  file = g_file_new_for_commandline_arg (invocation->argv[2]);
  db = open_database (invocation, &error);
  if (db == NULL || (csv = psr_people_csv_read_file (db, file, &error)) == NULL)
    return report_error (error);

  /* Every bad row, not just the first: the file is corrected once. */
  problems = psr_people_csv_get_problems (csv);
  for (guint i = 0; i < problems->len; i++)
    {
      PsrPeopleCsvProblem *problem = g_ptr_array_index (problems, i);

      /* Translators: %s is the file, %u the line, the last %s the reason. */
      fprintf (stderr, _("%s:%u: %s\n"), invocation->argv[2], problem->line, problem->message);
    }
  if (problems->len > 0)
    {
      fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                    "passerelle-cli: %u row cannot be imported; nothing was "
                                    "imported.\n",
                                    "passerelle-cli: %u rows cannot be imported; nothing was "
                                    "imported.\n",
                                    problems->len),
               problems->len);
      return EXIT_ERROR;
    }

  if (!psr_people_csv_apply (csv, &counts, &error))
    return report_error (error);

  /* Matches are kept as they are (the default decision). */
  matches = psr_people_csv_get_matches (csv);
  for (guint i = 0; i < matches->len; i++)
    {
      PsrPeopleCsvMatch *match = g_ptr_array_index (matches, i);

      printf (_("Line %u: %s <%s> is already there, kept unchanged\n"),
              match->line, match->person_name, match->email);
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "%u person added", "%u people added", counts.added),
          counts.added);
  printf (g_dngettext (GETTEXT_PACKAGE, ", %u kept\n", ", %u kept\n", counts.kept), counts.kept);
  return EXIT_OK;
}

/* FILE.json → FILE-documents, beside it. */
static GFile *
documents_folder_for (GFile *json_file)
{
  g_autofree char *path = g_file_get_path (json_file);
  g_autofree char *stem = NULL;
  g_autofree char *folder = NULL;

  stem = g_str_has_suffix (path, ".json") ? g_strndup (path, strlen (path) - strlen (".json"))
                                          : g_strdup (path);
  folder = g_strconcat (stem, "-documents", NULL);
  return g_file_new_for_path (folder);
}

static int
command_person_export (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GFile) file = NULL;
  gint64 id = 0;

  if (invocation->argc == 4)
    {
      g_autoptr(GFile) documents = NULL;

      file = g_file_new_for_commandline_arg (invocation->argv[3]);
      documents = documents_folder_for (file);
      db = open_database (invocation, &error);
      if (db == NULL
          || (id = psr_kind_find_id (db, PSR_TYPE_PERSON, invocation->argv[2], &error)) == 0
          || !psr_privacy_export_to_file (db, id, file, documents, &error))
        return report_error (error);

      printf ("%s\n", invocation->argv[3]);
      return EXIT_OK;
    }

  if (invocation->argc != 3 || g_str_has_suffix (invocation->argv[2], ".json"))
    return usage_error (_("“person export” takes the CSV file to write, or the UUID of a person "
                          "then the JSON file to write."));

  /* Into memory first: a failed export leaves no half-written file. */
  output = g_memory_output_stream_new_resizable ();
  db = open_database (invocation, &error);
  if (db == NULL
      || !psr_people_csv_export (db, NULL, 0, output, NULL, &error)
      || !g_output_stream_close (output, NULL, &error))
    return report_error (error);

  csv = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  file = g_file_new_for_commandline_arg (invocation->argv[2]);
  if (!g_file_replace_contents (file, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), NULL,
                                FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL, &error))
    return report_error (error);

  return EXIT_OK;
}

static int
command_person_erase (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  gint64 id = 0;

  if (invocation->argc != 3)
    return usage_error (_("“person erase” takes the UUID of a person."));

  db = open_database (invocation, &error);
  if (db == NULL
      || (id = psr_kind_find_id (db, PSR_TYPE_PERSON, invocation->argv[2], &error)) == 0
      || !psr_privacy_erase_person (db, id, &error))
    return report_error (error);

  printf (_("Personal data erased; anonymous attendance counts kept\n"));
  return EXIT_OK;
}

static int
command_package_export (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (invocation->argc < 3)
    return usage_error (_("“package export” takes the file to write, then the UUIDs of the "
                          "scenarios (all when none)."));

  db = open_database (invocation, &error);
  if (db == NULL)
    return report_error (error);
  for (int i = 3; i < invocation->argc; i++)
    {
      gint64 id = psr_package_find_scenario (db, invocation->argv[i], &error);

      if (id == 0)
        return report_error (error);
      g_array_append_val (ids, id);
    }

  /* Into memory first: a failed export leaves no half-written file. */
  output = g_memory_output_stream_new_resizable ();
  if (!psr_package_export (db, (const gint64 *) ids->data, ids->len, output, &error)
      || !g_output_stream_close (output, NULL, &error))
    return report_error (error);

  contents = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  file = g_file_new_for_commandline_arg (invocation->argv[2]);
  if (!g_file_replace_contents (file, g_bytes_get_data (contents, NULL),
                                g_bytes_get_size (contents), NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, &error))
    return report_error (error);

  return EXIT_OK;
}

static int
command_package_import (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(PsrPackagePlan) plan = NULL;
  GPtrArray *conflicts;

  if (invocation->argc != 3)
    return usage_error (_("“package import” takes the package file to import."));

  file = g_file_new_for_commandline_arg (invocation->argv[2]);
  contents = psr_package_load_file (file, &error);
  if (contents == NULL)
    return report_error (error);

  db = open_database (invocation, &error);
  if (db == NULL
      || (plan = psr_package_read (db, contents, &error)) == NULL
      || !psr_package_apply (db, plan, PSR_PACKAGE_KEEP_LOCAL, &error))
    return report_error (error);

  /* Translators: the numbers of scenarios added, updated and left as they were. */
  printf (_("New: %u, updated: %u, unchanged: %u\n"), psr_package_plan_get_n_new (plan),
          psr_package_plan_get_n_updates (plan), psr_package_plan_get_n_unchanged (plan));

  conflicts = psr_package_plan_get_conflicts (plan);
  for (guint i = 0; i < conflicts->len; i++)
    {
      PsrPackageConflict *conflict = g_ptr_array_index (conflicts, i);

      fprintf (stderr, "passerelle-cli: ");
      /* Translators: %s are a scenario's UUID and its title here. */
      fprintf (stderr, _("%s “%s” was changed both here and in the package: the local version "
                         "is kept.\n"),
               conflict->uuid, conflict->local_title);
    }

  return EXIT_OK;
}

static int
command_scenario_twee (const Invocation *invocation,
                       gboolean          import)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(GBytes) twee = NULL;
  g_autoptr(GFile) file = NULL;
  gint64 id = 0;

  if (invocation->argc != 4)
    return usage_error (_("“scenario twee-export” and “scenario twee-import” take the UUID of "
                          "a scenario and the Twee file."));

  file = g_file_new_for_commandline_arg (invocation->argv[3]);
  db = open_database (invocation, &error);
  if (db == NULL
      || (id = psr_kind_find_id (db, PSR_TYPE_SCENARIO, invocation->argv[2], &error)) == 0)
    return report_error (error);

  if (import)
    return psr_twee_import_file (db, id, file, &error) ? EXIT_OK : report_error (error);

  /* Into memory first: a failed export leaves no half-written file. */
  output = g_memory_output_stream_new_resizable ();
  if (!psr_twee_export (db, id, output, &error)
      || !g_output_stream_close (output, NULL, &error))
    return report_error (error);

  twee = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  if (!g_file_replace_contents (file, g_bytes_get_data (twee, NULL), g_bytes_get_size (twee),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error))
    return report_error (error);

  return EXIT_OK;
}

static int
command_scenario_sheet (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(PsrScenarioSheet) sheet = NULL;
  g_auto(GStrv) settings = NULL;
  PsrDocumentInfo info;
  const char *language = NULL;
  gint64 id = 0;

  if (invocation->argc == 6 && g_str_equal (invocation->argv[4], "--language"))
    language = invocation->argv[5];
  else if (invocation->argc != 4)
    return usage_error (_("“scenario sheet” takes the UUID of a scenario and the PDF file to "
                          "write, then optionally --language and a language code."));

  settings = read_document_settings ();
  info = (PsrDocumentInfo) { settings[0], settings[1], settings[2] };

  db = open_database (invocation, &error);
  if (db == NULL
      || (id = psr_kind_find_id (db, PSR_TYPE_SCENARIO, invocation->argv[2], &error)) == 0
      || (sheet = psr_scenario_sheet_new_in_language (db, id, &info, language, &error)) == NULL
      || !psr_scenario_sheet_write_pdf (sheet, invocation->argv[3], &error))
    return report_error (error);

  printf (_("Scenario sheet saved as %s\n"), invocation->argv[3]);
  return EXIT_OK;
}

static int
command_session_verify (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(PsrChainReport) report = NULL;
  gint64 id = 0;

  if (invocation->argc != 3)
    return usage_error (_("“session verify” takes the UUID of a session."));

  db = open_database (invocation, &error);
  if (db == NULL
      || (id = psr_kind_find_id (db, PSR_TYPE_SESSION, invocation->argv[2], &error)) == 0
      || (report = psr_session_verify_signatures (db, id, &error)) == NULL)
    return report_error (error);

  if (!report->intact)
    {
      fprintf (stderr, "passerelle-cli: %s\n", report->message);
      return EXIT_ERROR;
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "%u signature, all intact\n", "%u signatures, all intact\n",
                       report->n_signatures),
          report->n_signatures);
  return EXIT_OK;
}

static int
command_session_doc (const Invocation *invocation)
{
  static const char * const kinds[] = { "convocation", "sheet", "certificates", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_auto(GStrv) settings = NULL;
  g_auto(GStrv) paths = NULL;
  PsrSessionDocumentOptions options = { NULL, NULL, NULL };
  PsrDocumentInfo info;
  gint64 id = 0;
  int kind = -1;

  if (invocation->argc >= 4)
    for (int i = 0; kinds[i] != NULL; i++)
      if (g_str_equal (invocation->argv[3], kinds[i]))
        kind = i;

  if (invocation->argc < 5 || kind < 0 || invocation->argc % 2 == 0)
    return usage_error (_("“session doc” takes the UUID of a session, “convocation”, “sheet” or "
                          "“certificates”, then the folder to write into."));

  for (int i = 5; i + 1 < invocation->argc; i += 2)
    {
      if (g_str_equal (invocation->argv[i], "--access"))
        options.access = invocation->argv[i + 1];
      else if (g_str_equal (invocation->argv[i], "--bring"))
        options.to_bring = invocation->argv[i + 1];
      else
        return usage_error (_("Unknown option of “session doc”."));
    }

  settings = read_document_settings ();
  info = (PsrDocumentInfo) { settings[0], settings[1], settings[2] };
  options.info = &info;

  db = open_database (invocation, &error);
  if (db == NULL
      || (id = psr_kind_find_id (db, PSR_TYPE_SESSION, invocation->argv[2], &error)) == 0
      || (paths = psr_session_documents_write (db, id, (PsrSessionDocumentKind) kind, &options,
                                               invocation->argv[4], NULL, NULL, NULL,
                                               &error)) == NULL)
    return report_error (error);

  for (guint i = 0; paths[i] != NULL; i++)
    printf ("%s\n", paths[i]);
  return EXIT_OK;
}

static int
command_session_ics (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  const char *path = invocation->argv[invocation->argc - 1];
  gint64 id = 0;

  if (invocation->argc != 3 && invocation->argc != 4)
    return usage_error (_("“session ics” takes the UUID of a session, or none for the whole "
                          "planning, then the file to write."));

  db = open_database (invocation, &error);
  if (db == NULL
      || (invocation->argc == 4
          && (id = psr_kind_find_id (db, PSR_TYPE_SESSION, invocation->argv[2], &error)) == 0)
      || !psr_ics_write (db, id, path, &error))
    return report_error (error);

  printf (_("Calendar saved as %s\n"), path);
  return EXIT_OK;
}

/* Machine-readable: one "name<TAB>value" line per indicator, in the C
 * locale, as docs/indicators.md defines them. */
static int
command_report_indicators (const Invocation *invocation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  g_autofree char *text = NULL;
  PsrIndicators indicators;
  guint64 year;

  if (invocation->argc > 3)
    return usage_error (_("“report indicators” takes a year, or none for this year."));

  if (invocation->argc == 3)
    {
      if (!g_ascii_string_to_unsigned (invocation->argv[2], 10, 1970, 9999, &year, NULL))
        return usage_error (_("“report indicators” takes a year from 1970 to 9999."));
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      year = g_date_time_get_year (now);
    }

  db = open_database (invocation, &error);
  if (db == NULL || !psr_indicators_compute (db, year, &indicators, &error))
    return report_error (error);

  text = psr_indicators_to_text (&indicators);
  fputs (text, stdout);
  return EXIT_OK;
}

static int
run_command (Invocation *invocation)
{
  const char *command = invocation->argv[0];
  GType record_type;

  if (g_str_equal (command, "demo"))
    return command_demo (invocation);
  if (g_str_equal (command, "generate"))
    return command_generate (invocation);
  if (g_str_equal (command, "backup"))
    return command_backup (invocation);
  if (g_str_equal (command, "backups"))
    return command_backups (invocation);
  if (g_str_equal (command, "restore"))
    return command_restore (invocation);
  if (g_str_equal (command, "info"))
    return command_info (invocation);
  if (g_str_equal (command, "package") && invocation->argc >= 2
      && g_str_equal (invocation->argv[1], "export"))
    return command_package_export (invocation);
  if (g_str_equal (command, "package") && invocation->argc >= 2
      && g_str_equal (invocation->argv[1], "import"))
    return command_package_import (invocation);
  if (g_str_equal (command, "package"))
    return usage_error (_("Say what to do with the package: “export” or “import”."));

  if (g_str_equal (command, "report") && invocation->argc >= 2
      && g_str_equal (invocation->argv[1], "indicators"))
    return command_report_indicators (invocation);
  if (g_str_equal (command, "report"))
    return usage_error (_("Say which report to print: “indicators”."));

  record_type = psr_kind_lookup (command);
  if (record_type != G_TYPE_INVALID)
    {
      if (invocation->argc < 2)
        return usage_error (_("Say what to do with the records, for example “list”."));
      if (g_str_equal (invocation->argv[1], "list"))
        return command_list (invocation, record_type);
      if (record_type == PSR_TYPE_SCENARIO && g_str_equal (invocation->argv[1], "search"))
        return command_scenario_search (invocation);
      if (record_type == PSR_TYPE_SCENARIO && g_str_equal (invocation->argv[1], "twee-export"))
        return command_scenario_twee (invocation, FALSE);
      if (record_type == PSR_TYPE_SCENARIO && g_str_equal (invocation->argv[1], "twee-import"))
        return command_scenario_twee (invocation, TRUE);
      if (record_type == PSR_TYPE_SCENARIO && g_str_equal (invocation->argv[1], "sheet"))
        return command_scenario_sheet (invocation);
      if (record_type == PSR_TYPE_CURRICULUM && g_str_equal (invocation->argv[1], "sheet"))
        return command_curriculum_sheet (invocation);
      if (record_type == PSR_TYPE_SESSION && g_str_equal (invocation->argv[1], "verify"))
        return command_session_verify (invocation);
      if (record_type == PSR_TYPE_SESSION && g_str_equal (invocation->argv[1], "doc"))
        return command_session_doc (invocation);
      if (record_type == PSR_TYPE_SESSION && g_str_equal (invocation->argv[1], "ics"))
        return command_session_ics (invocation);
      if (record_type == PSR_TYPE_PERSON && g_str_equal (invocation->argv[1], "import"))
        return command_person_import (invocation);
      if (record_type == PSR_TYPE_PERSON && g_str_equal (invocation->argv[1], "export"))
        return command_person_export (invocation);
      if (record_type == PSR_TYPE_PERSON && g_str_equal (invocation->argv[1], "erase"))
        return command_person_erase (invocation);
      if (record_type == PSR_TYPE_FRAMEWORK && g_str_equal (invocation->argv[1], "import"))
        return command_framework_import (invocation);
      if (record_type == PSR_TYPE_FRAMEWORK && g_str_equal (invocation->argv[1], "export"))
        return command_framework_export (invocation);
      return usage_error (_("Unknown action for this kind of record."));
    }

  return usage_error (_("Unknown command."));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *default_path = NULL;
  Invocation invocation = { NULL, 0, NULL };
  int i;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          printf ("passerelle-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--database") && i + 1 < argc)
        {
          invocation.database_path = argv[++i];
        }
      else if (g_str_has_prefix (argv[i], "--database="))
        {
          invocation.database_path = argv[i] + strlen ("--database=");
        }
      else
        {
          return usage_error (_("Unknown option."));
        }
    }

  if (i >= argc)
    return usage_error (_("A command is missing."));

  if (invocation.database_path == NULL || *invocation.database_path == '\0')
    {
      const char *override = g_getenv ("PASSERELLE_DATABASE");

      default_path = override != NULL && *override != '\0' ? g_strdup (override)
                                                           : psr_database_default_path ();
      invocation.database_path = default_path;
    }

  invocation.argc = argc - i;
  invocation.argv = argv + i;
  return run_command (&invocation);
}
