/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-database-private.h"
#include "psr-document.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-locale-private.h"
#include "psr-locale.h"
#include "psr-record.h"
#include "psr-scenario.h"
#include "psr-scenario-sheet.h"
#include "psr-translations.h"

/* The printable sheet of a mediation scenario: what a mediator takes into
 * the room. Everything is read from the store once into a PsrDocument, so
 * that laying out and drawing never touch the database. Its labels, dates
 * and numbers are in the scenario's own language, whatever the language
 * of the interface: the sheet goes with the scenario. A sheet in another
 * language takes the translated fields, and the original of the others. */

#define DIM    PSR_DOCUMENT_DIM
#define ACCENT PSR_DOCUMENT_ACCENT
#define WARN   PSR_DOCUMENT_WARN

/* The columns of the query in read_scenario (), in order. */
enum {
  COLUMN_TITLE,
  COLUMN_THEME,
  COLUMN_FORMAT,
  COLUMN_VENUE,
  COLUMN_OBJECTIVES,
  COLUMN_MATERIALS,
  COLUMN_ROOM_LAYOUT,
  COLUMN_MEDIATOR_STANCE,
  COLUMN_ACCESSIBILITY,
  COLUMN_DIFFICULT_SITUATIONS,
  COLUMN_SAFETY,
  COLUMN_EVALUATION,
  COLUMN_SOURCES,
  COLUMN_LANGUAGE,
  COLUMN_AUTHOR,
  COLUMN_UUID,
  N_TEXT_COLUMNS,
  COLUMN_AGE_MIN = N_TEXT_COLUMNS,
  COLUMN_AGE_MAX,
  COLUMN_GROUP_MIN,
  COLUMN_GROUP_MAX,
  COLUMN_DURATION,
};

typedef struct
{
  char  *text[N_TEXT_COLUMNS];
  int    age_min;      /* -1 when not set */
  int    age_max;
  int    group_min;
  int    group_max;
  guint  duration;     /* minutes */
} Scenario;

typedef struct
{
  const char *label;
  int         column;
} Field;

struct _PsrScenarioSheet
{
  GObject      parent_instance;

  PsrDocument *document;
  PsrLocale   *locale;
};

G_DEFINE_FINAL_TYPE (PsrScenarioSheet, psr_scenario_sheet, G_TYPE_OBJECT)

/* Sections shown only when filled in; a scenario is a working document,
 * not a regulated one like the course sheet. */
static const Field fields_preparation[] = {
  { N_("Materials"), COLUMN_MATERIALS },
  { N_("Room layout"), COLUMN_ROOM_LAYOUT },
};

static const Field fields_conduct[] = {
  { N_("Mediator stance"), COLUMN_MEDIATOR_STANCE },
  { N_("Accessibility"), COLUMN_ACCESSIBILITY },
  { N_("Difficult situations"), COLUMN_DIFFICULT_SITUATIONS },
  { N_("Safety"), COLUMN_SAFETY },
};

static const Field fields_review[] = {
  { N_("Evaluation"), COLUMN_EVALUATION },
  { N_("Sources"), COLUMN_SOURCES },
};

/* The translatable fields of a scenario, as psr_translation_fields () names
 * them, and their columns. */
static const struct
{
  const char *code;
  int         column;
} translatable[] = {
  { "title", COLUMN_TITLE },
  { "theme", COLUMN_THEME },
  { "objectives", COLUMN_OBJECTIVES },
  { "materials", COLUMN_MATERIALS },
  { "room_layout", COLUMN_ROOM_LAYOUT },
  { "mediator_stance", COLUMN_MEDIATOR_STANCE },
  { "accessibility", COLUMN_ACCESSIBILITY },
  { "difficult_situations", COLUMN_DIFFICULT_SITUATIONS },
  { "safety", COLUMN_SAFETY },
  { "evaluation", COLUMN_EVALUATION },
  { "sources", COLUMN_SOURCES },
};

static void
scenario_clear (Scenario *scenario)
{
  for (guint i = 0; i < N_TEXT_COLUMNS; i++)
    g_clear_pointer (&scenario->text[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scenario, scenario_clear)

static void
psr_scenario_sheet_finalize (GObject *object)
{
  PsrScenarioSheet *self = PSR_SCENARIO_SHEET (object);

  g_clear_object (&self->document);
  g_clear_object (&self->locale);

  G_OBJECT_CLASS (psr_scenario_sheet_parent_class)->finalize (object);
}

static void
psr_scenario_sheet_class_init (PsrScenarioSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psr_scenario_sheet_finalize;
}

static void
psr_scenario_sheet_init (PsrScenarioSheet *self)
{
}

/* Reading ----------------------------------------------------------------- */

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static int
column_int_or_unset (sqlite3_stmt *stmt,
                     int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, column);
}

static gboolean
finish_rows (PsrDatabase   *db,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  if (rc != SQLITE_DONE)
    psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
read_scenario (PsrDatabase  *db,
               gint64        id,
               Scenario     *scenario,
               GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT title, theme, format, venue, objectives, materials,"
                               " room_layout, mediator_stance, accessibility, difficult_situations,"
                               " safety, evaluation, sources, language, author, uuid, age_min,"
                               " age_max, group_min, group_max, duration_minutes"
                               " FROM scenarios WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _("The scenario no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return finish_rows (db, stmt, rc, error);

  for (guint i = 0; i < N_TEXT_COLUMNS; i++)
    scenario->text[i] = g_strstrip (psr_record_column_text (stmt, i));
  scenario->age_min = column_int_or_unset (stmt, COLUMN_AGE_MIN);
  scenario->age_max = column_int_or_unset (stmt, COLUMN_AGE_MAX);
  scenario->group_min = column_int_or_unset (stmt, COLUMN_GROUP_MIN);
  scenario->group_max = column_int_or_unset (stmt, COLUMN_GROUP_MAX);
  scenario->duration = sqlite3_column_int (stmt, COLUMN_DURATION);
  sqlite3_reset (stmt);

  return TRUE;
}

/* Replaces the text of each field translated into @language; sets
 * @is_partial when a field filled in has no translation. */
static gboolean
translate_scenario (PsrDatabase  *db,
                    Scenario     *scenario,
                    const char   *language,
                    gboolean     *is_partial,
                    GError      **error)
{
  g_autoptr(GHashTable) translated = NULL;

  *is_partial = FALSE;
  if (g_strcmp0 (language, scenario->text[COLUMN_LANGUAGE]) == 0)
    return TRUE;

  translated = psr_translation_get (db, "scenario", scenario->text[COLUMN_UUID], language, error);
  if (translated == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (translatable); i++)
    {
      const char *text = g_hash_table_lookup (translated, translatable[i].code);
      char **field = &scenario->text[translatable[i].column];

      if (text != NULL && *text != '\0')
        {
          g_free (*field);
          *field = g_strstrip (g_strdup (text));
        }
      else if (**field != '\0')
        *is_partial = TRUE;
    }

  return TRUE;
}

/* In the order of psr_scenario_audiences (), joined with commas. */
static char *
read_audiences (PsrDatabase  *db,
                gint64        id,
                GError      **error)
{
  g_autoptr(GHashTable) chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char * const *audiences = psr_scenario_audiences ();
  g_autoptr(GString) labels = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db, "SELECT audience FROM scenario_audiences WHERE scenario_id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (chosen, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (!finish_rows (db, stmt, rc, error))
    return NULL;

  for (guint i = 0; audiences[i] != NULL; i++)
    if (g_hash_table_contains (chosen, audiences[i]))
      {
        if (labels->len > 0)
          /* Translators: between the items of a list on one line. */
          g_string_append (labels, _(", "));
        g_string_append (labels, psr_scenario_audience_label (audiences[i]));
      }

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/* Wording ----------------------------------------------------------------- */

static char *
format_minutes (guint minutes)
{
  /* Translators: a duration in minutes, abbreviated. */
  return g_strdup_printf (ngettext ("%u min", "%u min", minutes), minutes);
}

static char *
format_ages (const Scenario *scenario)
{
  int min = scenario->age_min, max = scenario->age_max;

  if (min >= 0 && max >= 0 && min == max)
    /* Translators: the age of the audience. */
    return g_strdup_printf (ngettext ("%d year old", "%d years old", max), max);
  if (min >= 0 && max >= 0)
    /* Translators: the ages of the audience, from and to. */
    return g_strdup_printf (_("%d–%d years"), min, max);
  if (min >= 0)
    /* Translators: the ages of the audience, from; "8+ years". */
    return g_strdup_printf (_("%d+ years"), min);
  if (max >= 0)
    /* Translators: the ages of the audience, up to. */
    return g_strdup_printf (_("Up to %d years"), max);
  return NULL;
}

static char *
format_group (const Scenario *scenario)
{
  int min = scenario->group_min, max = scenario->group_max;

  if (min >= 0 && max >= 0 && min == max)
    return g_strdup_printf (ngettext ("%d person", "%d people", max), max);
  if (min >= 0 && max >= 0)
    /* Translators: the size of a group, from and to. */
    return g_strdup_printf (_("%d–%d people"), min, max);
  if (min >= 0)
    /* Translators: the size of a group, at least. */
    return g_strdup_printf (ngettext ("From %d person", "From %d people", min), min);
  if (max >= 0)
    /* Translators: the size of a group, at most. */
    return g_strdup_printf (ngettext ("Up to %d person", "Up to %d people", max), max);
  return NULL;
}

static char *
make_meta (const Scenario *scenario,
           const char     *language_code)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                           g_date_time_get_month (now),
                                           g_date_time_get_year (now));
  g_autofree char *date = psr_format_date (today);
  /* Translators: when the sheet was made; %s is a date. */
  g_autofree char *made = g_strdup_printf (_("Sheet made on %s"), date);
  const char *language = psr_language_label (language_code);
  g_autofree char *by = NULL;

  if (*scenario->text[COLUMN_AUTHOR] == '\0')
    return g_markup_printf_escaped ("%s  ·  %s", language, made);

  /* Translators: who wrote the scenario. */
  by = g_strdup_printf (_("By %s"), scenario->text[COLUMN_AUTHOR]);
  return g_markup_printf_escaped ("%s  ·  %s  ·  %s", by, language, made);
}

/* Blocks ------------------------------------------------------------------ */

static void
add_facts (PsrDocument    *document,
           const Scenario *scenario,
           const char     *audiences,
           guint           n_phases)
{
  g_autofree char *minutes = format_minutes (scenario->duration);
  g_autofree char *phases = g_strdup_printf (ngettext ("%u phase", "%u phases", n_phases), n_phases);
  g_autofree char *ages = format_ages (scenario);
  g_autofree char *group = format_group (scenario);
  g_auto(GStrv) cells = g_new0 (char *, 5);

  if (scenario->duration > 0)
    cells[0] = psr_document_make_fact (_("Duration"), minutes, FALSE, n_phases > 0 ? phases : NULL);
  else
    cells[0] = psr_document_make_fact (_("Duration"), _("Not specified"), TRUE, NULL);
  cells[1] = psr_document_make_fact (_("Format"),
                                     psr_scenario_format_label (scenario->text[COLUMN_FORMAT]),
                                     FALSE,
                                     psr_scenario_venue_label (scenario->text[COLUMN_VENUE]));
  cells[2] = psr_document_make_fact (_("Audience"), ages != NULL ? ages : _("All ages"), ages == NULL,
                                     *audiences != '\0' ? audiences : NULL);
  cells[3] = psr_document_make_fact (_("Group"), group != NULL ? group : _("Not specified"),
                                     group == NULL, NULL);
  psr_document_add_facts (document, (const char * const *) cells);
}

/* Objectives are one per line: a list. */
static void
add_objectives (PsrDocument    *document,
                const Scenario *scenario)
{
  g_auto(GStrv) lines = g_strsplit (scenario->text[COLUMN_OBJECTIVES], "\n", -1);
  guint n = 0;

  psr_document_add_text (document, PSR_DOCUMENT_STYLE_HEADING, _("Objectives"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *markup = NULL;

      const char *line = g_strstrip (lines[i]);

      /* Authors often type their own bullets. */
      if (g_str_has_prefix (line, "- ") || g_str_has_prefix (line, "* ")
          || g_str_has_prefix (line, "• "))
        line = g_utf8_next_char (line) + 1;
      if (*line == '\0')
        continue;
      markup = g_markup_escape_text (line, -1);
      psr_document_add_item (document, PSR_DOCUMENT_STYLE_ITEM, "•", markup);
      n++;
    }
  if (n == 0)
    psr_document_add_missing (document);
}

static void
append_phase_part (GString    *markup,
                   const char *label,
                   const char *text)
{
  g_autofree char *part = NULL;

  if (text == NULL || *text == '\0')
    return;

  part = g_markup_printf_escaped ("\n<span size='small'><span foreground='" DIM "'>%s</span>  %s</span>",
                                  label, text);
  g_string_append (markup, part);
}

/* Each phase with its minutes in the margin, then what the mediator does,
 * what the audience does and what it needs. */
static gboolean
add_phases (PsrDocument     *document,
            PsrDatabase     *db,
            gint64           scenario_id,
            guint            duration,
            GError         **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  guint total = 0;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT title, duration_minutes, mediator_actions, audience_actions,"
                               " materials FROM scenario_phases"
                               " WHERE scenario_id = ?1 ORDER BY position, id",
                               error);
  if (stmt == NULL)
    return FALSE;

  psr_document_add_text (document, PSR_DOCUMENT_STYLE_HEADING, _("Phases"));
  sqlite3_bind_int64 (stmt, 1, scenario_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint minutes = sqlite3_column_int (stmt, 1);
      g_autofree char *time = format_minutes (minutes);
      g_autofree char *marker = g_markup_printf_escaped ("<b>%s</b>", time);
      g_autofree char *title = g_markup_printf_escaped ("<b>%u. %s</b>", ++n,
                                                        (const char *) sqlite3_column_text (stmt, 0));
      g_autoptr(GString) markup = g_string_new (title);
      g_autofree char *mediator = g_strstrip (psr_record_column_text (stmt, 2));
      g_autofree char *audience = g_strstrip (psr_record_column_text (stmt, 3));
      g_autofree char *materials = g_strstrip (psr_record_column_text (stmt, 4));

      append_phase_part (markup, _("Mediator"), mediator);
      append_phase_part (markup, _("Audience"), audience);
      append_phase_part (markup, _("Materials"), materials);
      psr_document_add_item (document, PSR_DOCUMENT_STYLE_STEP, minutes > 0 ? marker : "–",
                             markup->str);
      total += minutes;
    }
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;

  if (n == 0)
    psr_document_add_missing (document);
  else
    {
      g_autofree char *sum = format_minutes (total);
      g_autofree char *planned = format_minutes (duration);
      /* Translators: the sum of the durations of the phases of a scenario. */
      g_autofree char *text = g_strdup_printf (_("Total of the phases: %s"), sum);
      g_autofree char *markup = NULL;

      if (duration == 0 || total == duration)
        markup = g_markup_printf_escaped ("<b>%s</b>", text);
      else
        {
          /* Translators: after the total of the phases, when it differs
           * from the duration of the scenario; %s is that duration. */
          g_autofree char *differs = g_strdup_printf (_("the scenario is planned for %s"), planned);

          markup = g_markup_printf_escaped ("<b>%s</b>  <span foreground='" WARN "'>· %s</span>",
                                            text, differs);
        }
      psr_document_add_markup (document, PSR_DOCUMENT_STYLE_BODY, markup);
    }

  return TRUE;
}

/* Under one heading, each field filled in starts with its label, run in:
 * the sheet stays on two pages and the mediator finds each part by eye. */
static void
add_fields (PsrDocument    *document,
            const char     *heading,
            const Scenario *scenario,
            const Field    *fields,
            guint           n_fields)
{
  gboolean headed = FALSE;

  for (guint i = 0; i < n_fields; i++)
    {
      g_auto(GStrv) lines = g_strsplit (scenario->text[fields[i].column], "\n", -1);
      gboolean labelled = FALSE;

      for (guint j = 0; lines[j] != NULL; j++)
        {
          g_autofree char *markup = NULL;

          if (*g_strstrip (lines[j]) == '\0')
            continue;
          if (!headed)
            psr_document_add_text (document, PSR_DOCUMENT_STYLE_HEADING, heading);
          headed = TRUE;
          if (labelled)
            markup = g_markup_escape_text (lines[j], -1);
          else
            markup = g_markup_printf_escaped ("<b>%s</b>  %s", _(fields[i].label), lines[j]);
          labelled = TRUE;
          psr_document_add_markup (document, PSR_DOCUMENT_STYLE_BODY, markup);
        }
    }
}

static gboolean
add_competencies (PsrDocument  *document,
                  PsrDatabase  *db,
                  gint64        scenario_id,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT c.code, c.title FROM scenario_competencies sc"
                               " JOIN competencies c ON c.id = sc.competency_id"
                               " WHERE sc.scenario_id = ?1 ORDER BY c.code, c.title",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, scenario_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *markup =
        g_markup_printf_escaped ("\n<span foreground='" DIM "'><b>%s</b>  %s</span>",
                                 (const char *) sqlite3_column_text (stmt, 0),
                                 (const char *) sqlite3_column_text (stmt, 1));

      if (n++ == 0)
        {
          g_autofree char *label = g_markup_printf_escaped ("<b>%s</b>", _("Competencies exercised"));

          psr_document_add_markup (document, PSR_DOCUMENT_STYLE_LABEL, label);
          /* The label's block takes the lines, so that they stay with it. */
          psr_document_append_markup (document, "<span weight='normal'>");
        }
      psr_document_append_markup (document, markup);
    }
  if (n > 0)
    psr_document_append_markup (document, "</span>");

  return finish_rows (db, stmt, rc, error);
}

static guint
count_phases (PsrDatabase  *db,
              gint64        scenario_id,
              GError      **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = psr_database_prepare (db, "SELECT count(*) FROM scenario_phases WHERE scenario_id = ?1",
                               error);
  if (stmt == NULL)
    return G_MAXUINT;

  sqlite3_bind_int64 (stmt, 1, scenario_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      n = sqlite3_column_int (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  return finish_rows (db, stmt, rc, error) ? n : G_MAXUINT;
}

static char *
make_footer (const char *organisation,
             const char *title)
{
  if (*organisation == '\0')
    return g_markup_escape_text (title, -1);

  return g_markup_printf_escaped ("%s  ·  %s", organisation, title);
}

/**
 * psr_scenario_sheet_new:
 * @db: the store
 * @scenario_id: the scenario's row id
 * @info: (nullable): what to say about the organisation
 * @error: return location for a #PSR_ERROR
 *
 * Reads the scenario, its audiences, phases and competencies, in the
 * scenario's own language.
 *
 * Returns: (transfer full): the sheet, or %NULL with @error set
 */
PsrScenarioSheet *
psr_scenario_sheet_new (PsrDatabase            *db,
                        gint64                  scenario_id,
                        const PsrDocumentInfo  *info,
                        GError                **error)
{
  return psr_scenario_sheet_new_in_language (db, scenario_id, info, NULL, error);
}

/**
 * psr_scenario_sheet_new_in_language:
 * @db: the store
 * @scenario_id: the scenario's row id
 * @info: (nullable): what to say about the organisation
 * @error: return location for a #PSR_ERROR
 *
 * @language: (nullable): a code of psr_languages(), or %NULL for the
 *   scenario's own language
 * @error: return location for a #PSR_ERROR
 *
 * Reads the scenario, its audiences, phases and competencies. In another
 * language than the scenario's, the labels are in @language, and so is
 * each field translated into it; the others stay in the original, and the
 * sheet says so.
 *
 * Returns: (transfer full): the sheet, or %NULL with @error set
 */
PsrScenarioSheet *
psr_scenario_sheet_new_in_language (PsrDatabase            *db,
                                    gint64                  scenario_id,
                                    const PsrDocumentInfo  *info,
                                    const char             *language,
                                    GError                **error)
{
  gboolean is_partial = FALSE;
  const char *original;
  g_autoptr(PsrScenarioSheet) self = NULL;
  g_auto(Scenario) scenario = { { NULL } };
  g_autofree char *audiences = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *meta = NULL;
  const char *organisation = info != NULL ? or_empty (info->organisation) : "";
  PsrDocument *document;
  guint n_phases;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (language != NULL && !g_strv_contains (psr_languages (), language))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("“%s” is not a language Passerelle knows. "
                     "Choose one in the list of languages."),
                   language);
      return NULL;
    }

  if (!read_scenario (db, scenario_id, &scenario, error)
      || (language != NULL && !translate_scenario (db, &scenario, language, &is_partial, error))
      || (audiences = read_audiences (db, scenario_id, error)) == NULL
      || (n_phases = count_phases (db, scenario_id, error)) == G_MAXUINT)
    return NULL;

  self = g_object_new (PSR_TYPE_SCENARIO_SHEET, NULL);
  original = scenario.text[COLUMN_LANGUAGE];
  if (language == NULL)
    language = original;
  self->locale = psr_locale_new (language);
  psr_locale_push (self->locale);
  footer = make_footer (organisation, scenario.text[COLUMN_TITLE]);
  self->document = document = psr_document_new (scenario.text[COLUMN_TITLE], footer);
  psr_document_set_compact (document, TRUE);

  if (*organisation != '\0')
    psr_document_add_text (document, PSR_DOCUMENT_STYLE_ORGANISATION, organisation);
  psr_document_add_text (document, PSR_DOCUMENT_STYLE_TITLE, scenario.text[COLUMN_TITLE]);
  meta = make_meta (&scenario, language);
  psr_document_add_markup (document, PSR_DOCUMENT_STYLE_META, meta);
  if (is_partial)
    {
      g_autofree char *text =
        /* Translators: on a sheet printed in a translation; %s is the
         * original language ("French"). */
        g_strdup_printf (_("Translated from %s; some parts are in the original language"),
                         psr_language_label (original));
      g_autofree char *markup =
        g_markup_printf_escaped ("<span foreground='" DIM "'>%s</span>", text);

      psr_document_add_markup (document, PSR_DOCUMENT_STYLE_META, markup);
    }
  if (*scenario.text[COLUMN_THEME] != '\0')
    psr_document_add_text (document, PSR_DOCUMENT_STYLE_LEAD, scenario.text[COLUMN_THEME]);
  add_facts (document, &scenario, audiences, n_phases);

  add_objectives (document, &scenario);
  if (!add_competencies (document, db, scenario_id, error)
      || !add_phases (document, db, scenario_id, scenario.duration, error))
    {
      psr_locale_pop (self->locale);
      return NULL;
    }
  add_fields (document, _("Preparation"), &scenario, fields_preparation,
              G_N_ELEMENTS (fields_preparation));
  add_fields (document, _("Running the activity"), &scenario, fields_conduct,
              G_N_ELEMENTS (fields_conduct));
  add_fields (document, _("Evaluation and sources"), &scenario, fields_review,
              G_N_ELEMENTS (fields_review));
  psr_locale_pop (self->locale);

  return g_steal_pointer (&self);
}

const char *
psr_scenario_sheet_get_title (PsrScenarioSheet *self)
{
  g_return_val_if_fail (PSR_IS_SCENARIO_SHEET (self), NULL);

  return psr_document_get_title (self->document);
}

/**
 * psr_scenario_sheet_paginate:
 * @self: a scenario sheet
 * @cr: the context it will be drawn on
 * @width: the width of the whole sheet of paper, in the units of @cr
 * @height: its height
 *
 * Returns: the number of pages
 */
guint
psr_scenario_sheet_paginate (PsrScenarioSheet *self,
                             cairo_t          *cr,
                             double            width,
                             double            height)
{
  guint pages;

  g_return_val_if_fail (PSR_IS_SCENARIO_SHEET (self), 0);

  psr_locale_push (self->locale);
  pages = psr_document_paginate (self->document, cr, width, height);
  psr_locale_pop (self->locale);
  return pages;
}

void
psr_scenario_sheet_draw_page (PsrScenarioSheet *self,
                              cairo_t          *cr,
                              double            width,
                              double            height,
                              guint             page)
{
  g_return_if_fail (PSR_IS_SCENARIO_SHEET (self));

  psr_locale_push (self->locale);
  psr_document_draw_page (self->document, cr, width, height, page);
  psr_locale_pop (self->locale);
}

/**
 * psr_scenario_sheet_write_pdf:
 * @self: a scenario sheet
 * @path: the PDF file to write
 * @error: return location for a #PSR_ERROR
 *
 * Writes the sheet as an A4 PDF; on failure, @path is left as it was.
 *
 * Returns: whether the file was written
 */
gboolean
psr_scenario_sheet_write_pdf (PsrScenarioSheet  *self,
                              const char        *path,
                              GError           **error)
{
  gboolean written;

  g_return_val_if_fail (PSR_IS_SCENARIO_SHEET (self), FALSE);

  psr_locale_push (self->locale);
  written = psr_document_write_pdf (self->document, path, error);
  psr_locale_pop (self->locale);
  return written;
}
