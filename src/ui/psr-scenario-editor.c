/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-autosave.h"
#include "psr-competencies.h"
#include "psr-competency-picker.h"
#include "psr-curriculum.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-printing.h"
#include "psr-rehearsal-editor.h"
#include "psr-rehearsal-player.h"
#include "psr-rows.h"
#include "psr-scenario-editor.h"
#include "psr-scenario-sheet.h"
#include "psr-translations.h"
#include "psr-scenario.h"
#include "psr-scenarios.h"
#include "psr-translation-editor.h"
#include "psr-window.h"

/* One scenario of the library, saved as it is typed. Every saved change
 * can be undone from its toast; a value the store refuses is shown on its
 * row and not saved. */

/* Saving waits for a pause in typing, so that a word is one change. */
#define SAVE_DELAY_MS 400

typedef enum
{
  DIRTY_DURATION = 1 << PSR_SCENARIO_N_FIELDS,
  DIRTY_AGES     = 1 << (PSR_SCENARIO_N_FIELDS + 1),
  DIRTY_GROUP    = 1 << (PSR_SCENARIO_N_FIELDS + 2),
} Dirty;

/* What the toasts call the fields. */
static const char * const field_names[PSR_SCENARIO_N_FIELDS] = {
  [PSR_SCENARIO_FIELD_TITLE] = N_("Title"),
  [PSR_SCENARIO_FIELD_THEME] = N_("Theme"),
  [PSR_SCENARIO_FIELD_OBJECTIVES] = N_("Objectives"),
  [PSR_SCENARIO_FIELD_MATERIALS] = N_("Materials"),
  [PSR_SCENARIO_FIELD_ROOM_LAYOUT] = N_("Room Layout"),
  [PSR_SCENARIO_FIELD_MEDIATOR_STANCE] = N_("Mediator Stance"),
  [PSR_SCENARIO_FIELD_ACCESSIBILITY] = N_("Accessibility Adaptations"),
  [PSR_SCENARIO_FIELD_DIFFICULT_SITUATIONS] = N_("Difficult Situations"),
  [PSR_SCENARIO_FIELD_SAFETY] = N_("Safety"),
  [PSR_SCENARIO_FIELD_EVALUATION] = N_("Evaluation"),
  [PSR_SCENARIO_FIELD_SOURCES] = N_("Sources"),
  [PSR_SCENARIO_FIELD_AUTHOR] = N_("Author"),
  [PSR_SCENARIO_FIELD_LANGUAGE] = N_("Language"),
};

typedef struct
{
  PsrScenarioField  field;
  const char       *description;
} TextField;

/* The long texts of a scenario, in the order of the scenario sheet. */
static const TextField text_fields[] = {
  { PSR_SCENARIO_FIELD_OBJECTIVES,
    N_("What the public will be able to do, one per line, each starting with a verb.") },
  { PSR_SCENARIO_FIELD_MATERIALS, N_("What to prepare.") },
  { PSR_SCENARIO_FIELD_ROOM_LAYOUT, N_("How the space is arranged.") },
  { PSR_SCENARIO_FIELD_MEDIATOR_STANCE, N_("How the mediator behaves with the public.") },
  { PSR_SCENARIO_FIELD_ACCESSIBILITY,
    N_("How visitors with disabilities take part: sight, hearing, mobility, understanding.") },
  { PSR_SCENARIO_FIELD_DIFFICULT_SITUATIONS,
    N_("What may go wrong, such as a visitor who contests a scientific fact or a group that "
       "will not settle, and how to handle it.") },
  { PSR_SCENARIO_FIELD_SAFETY, N_("Safety rules for the public and the mediator.") },
  { PSR_SCENARIO_FIELD_EVALUATION, N_("How to tell whether the activity worked.") },
  { PSR_SCENARIO_FIELD_SOURCES, N_("References, for the mediator and the curious.") },
};

/* Undo ------------------------------------------------------------------------ */

typedef enum
{
  STEP_TEXT,
  STEP_FORMAT,
  STEP_VENUE,
  STEP_STATUS,
  STEP_DURATION,
  STEP_AGES,
  STEP_GROUP,
  STEP_AUDIENCES,
  STEP_COMPETENCIES,
  STEP_PHASE_EDITED,
  STEP_PHASE_ADDED,
  STEP_PHASE_REMOVED,
  STEP_PHASE_MOVED,
} StepKind;

/* What a change replaced, to write it back. */
typedef struct
{
  StepKind  kind;
  guint     field;   /* STEP_TEXT */
  char     *text;    /* the text or code before */
  int       first;   /* the duration, or the bounds of a range, before */
  int       second;
  GStrv     codes;   /* the audiences before */
  GArray   *ids;     /* the competencies before */
  PsrPhase *phase;   /* the phase before (its id only for an added one) */
} Step;

static void
step_free (Step *step)
{
  g_free (step->text);
  g_strfreev (step->codes);
  g_clear_pointer (&step->ids, g_array_unref);
  g_clear_pointer (&step->phase, psr_phase_free);
  g_free (step);
}

static Step *
step_new (StepKind kind)
{
  Step *step = g_new0 (Step, 1);

  step->kind = kind;
  return step;
}

struct _PsrScenarioEditor
{
  GtkBox          parent_instance;

  PsrDatabase    *database;
  PsrScenario    *scenario;
  gint64          id;
  gboolean        filling;
  /* Going away: what is left is saved, without a toast. */
  gboolean        closing;
  PsrAutosave     autosave;
  guint           phases_minutes;
  gulong          active_handler;

  /* The last change, undone by its toast. */
  GPtrArray      *undo;
  AdwToast       *undo_toast;

  GtkWidget      *texts[PSR_SCENARIO_N_FIELDS];
  AdwComboRow    *format_row;
  AdwComboRow    *venue_row;
  AdwComboRow    *language_row;
  AdwActionRow   *duration_row;
  GtkSpinButton  *duration_spin;
  GtkWidget      *duration_warning;
  GtkLabel       *scenario_error;
  AdwExpanderRow *audiences_row;
  GPtrArray      *audience_checks;
  AdwEntryRow    *age_rows[2];
  AdwEntryRow    *group_rows[2];
  GtkLabel       *audience_error;
  GtkLabel       *verb_remark;
  AdwActionRow   *rehearsal_row;

  AdwWindowTitle *window_title;
  GtkScrolledWindow *scrolled;
  GtkListBox     *checks_list;
  AdwPreferencesGroup *scenario_group;
  AdwPreferencesGroup *audience_group;
  AdwPreferencesGroup *phases_group;
  AdwPreferencesGroup *rehearsal_group;
  GtkBox         *texts_box;
  GtkListBox     *phases_list;
  GtkListBox     *competencies_list;
  GtkListBox     *modules_list;
};

G_DEFINE_FINAL_TYPE (PsrScenarioEditor, psr_scenario_editor, GTK_TYPE_BOX)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh     (PsrScenarioEditor *self);
static void fill_form   (PsrScenarioEditor *self);
static void fill_phases (PsrScenarioEditor *self);

static GtkWindow *
get_window (PsrScenarioEditor *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static guint
index_of (const char * const *values,
          const char         *value)
{
  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;

  return 0;
}

static char *
get_text (GtkWidget *widget)
{
  GtkTextIter start, end;
  GtkTextBuffer *buffer;

  if (GTK_IS_EDITABLE (widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_text (GtkWidget  *widget,
          const char *text)
{
  if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
  else
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
}

static char *
format_minutes (guint minutes)
{
  /* Translators: a duration in minutes, as in "45 min". */
  return g_strdup_printf (_("%u min"), minutes);
}

/* Inline validation -------------------------------------------------------- */

static void
show_refusal (GtkLabel   *label,
              GtkWidget **rows,
              guint       n_rows,
              const char *message)
{
  for (guint i = 0; i < n_rows; i++)
    if (message != NULL)
      gtk_widget_add_css_class (rows[i], "error");
    else
      gtk_widget_remove_css_class (rows[i], "error");

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/* A bound typed in an entry: empty for none. */
static gboolean
parse_bound (AdwEntryRow  *row,
             int          *value,
             GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gint64 number;

  if (*text == '\0')
    {
      *value = -1;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (text, 10, 0, 999, &number, NULL))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("Type a whole number, or leave it empty for no limit."));
      return FALSE;
    }

  *value = number;
  return TRUE;
}

/* Infinitive endings of the languages whose verbs show it. */
static const struct
{
  const char *language;
  const char *endings[5];
} infinitives[] = {
  { "fr", { "er", "ir", "re", "oir", NULL } },
  { "es", { "ar", "er", "ir", NULL } },
  { "pt", { "ar", "er", "ir", "or", NULL } },
  { "it", { "are", "ere", "ire", "rre", NULL } },
  { "de", { "en", "ern", "eln", NULL } },
  { "nl", { "en", NULL } },
};

/* Words an English objective starts with when it does not start with a
 * verb: the public, or a noun's article. */
static const char * const english_subjects[] = {
  "a", "an", "the", "this", "that", "these", "those", "their", "its", "our", "my", "your",
  "students", "pupils", "visitors", "participants", "children", "people", "public", "they",
  "we", "you", "it", "he", "she", "some", "all", "each", "every", "knowledge", "no", NULL,
};

/* A guess, for a gentle remark only: whether @line starts with a verb in
 * @language. Lines of a language it cannot tell pass. */
static gboolean
starts_with_verb (const char *line,
                  const char *language)
{
  g_autofree char *word = NULL;
  g_autofree char *lower = NULL;
  const char *start = line;
  const char *end;

  /* Bullets and numbers of a list. */
  while (*start != '\0' && (g_unichar_isspace (g_utf8_get_char (start))
                            || g_unichar_isdigit (g_utf8_get_char (start))
                            || strchr ("-*.)", *start) != NULL
                            || g_utf8_get_char (start) == 0x2022))
    start = g_utf8_next_char (start);

  if (*start == '\0')
    return TRUE;

  for (end = start; *end != '\0' && g_unichar_isalpha (g_utf8_get_char (end));
       end = g_utf8_next_char (end))
    ;
  word = g_strndup (start, end - start);
  lower = g_utf8_strdown (word, -1);

  if (g_strcmp0 (language, "en") == 0)
    {
      if (g_str_equal (lower, "to"))
        return starts_with_verb (end, language);
      return !g_strv_contains (english_subjects, lower) && !g_str_has_suffix (lower, "ing")
             && !g_str_has_suffix (lower, "tion");
    }

  /* Pronominal verbs: "S'approprier", "Se repérer". */
  if (g_strcmp0 (language, "fr") == 0
      && (g_str_equal (lower, "se") || (g_str_equal (lower, "s") && *end == '\'')
          || (g_str_equal (lower, "s") && g_str_has_prefix (end, "’"))))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (infinitives); i++)
    if (g_strcmp0 (infinitives[i].language, language) == 0)
      {
        for (guint j = 0; infinitives[i].endings[j] != NULL; j++)
          if (g_str_has_suffix (lower, infinitives[i].endings[j]))
            return TRUE;
        return FALSE;
      }

  return TRUE;
}

static void
check_objectives (PsrScenarioEditor *self)
{
  g_autofree char *text = get_text (self->texts[PSR_SCENARIO_FIELD_OBJECTIVES]);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) quoted = g_string_new (NULL);
  const char *language = self->scenario != NULL ? psr_scenario_get_language (self->scenario)
                                                : "fr";
  guint n_remarks = 0;
  g_autofree char *remark = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0' || starts_with_verb (lines[i], language))
        continue;

      /* Translators: a line of objectives, quoted in a remark. */
      g_string_append_printf (quoted, _("\n“%s”"), lines[i]);
      n_remarks++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->verb_remark), n_remarks > 0);
  if (n_remarks == 0)
    return;

  remark = g_strdup_printf (ngettext ("An objective reads best when it starts with a verb, "
                                      "such as “Observe” or “Explain”. This line does not seem "
                                      "to:%s",
                                      "An objective reads best when it starts with a verb, "
                                      "such as “Observe” or “Explain”. These lines do not seem "
                                      "to:%s",
                                      n_remarks),
                            quoted->str);
  gtk_label_set_text (self->verb_remark, remark);
}

/* Undo ------------------------------------------------------------------------ */

static void
undo_toast_dismissed_cb (PsrScenarioEditor *self,
                         AdwToast          *toast)
{
  if (self->undo_toast == toast)
    {
      g_clear_object (&self->undo_toast);
      g_clear_pointer (&self->undo, g_ptr_array_unref);
    }
}

static void
undo_clicked_cb (PsrScenarioEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.undo", NULL);
}

/* Whether @steps change the same fields as the last change: typing on in
 * a field is still one change, undone as a whole. */
static gboolean
same_fields (GPtrArray *steps,
             GPtrArray *last)
{
  if (last == NULL || steps->len != last->len)
    return FALSE;

  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = g_ptr_array_index (steps, i);
      Step *was = g_ptr_array_index (last, i);

      if (step->kind != was->kind || step->field != was->field
          || (step->kind != STEP_TEXT && step->kind != STEP_DURATION && step->kind != STEP_AGES
              && step->kind != STEP_GROUP))
        return FALSE;
    }

  return TRUE;
}

/* Keeps @steps to undo the change just saved, and says so in a toast. */
static void
remember (PsrScenarioEditor *self,
          GPtrArray         *steps,
          const char        *what)
{
  g_autofree char *title = NULL;
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), PSR_TYPE_WINDOW);

  if (steps->len == 0 || self->closing)
    {
      g_ptr_array_unref (steps);
      return;
    }

  if (self->undo_toast != NULL && same_fields (steps, self->undo))
    g_ptr_array_unref (steps);
  else
    {
      g_clear_pointer (&self->undo, g_ptr_array_unref);
      self->undo = steps;
    }

  /* Translators: in a toast, after a change was saved, as in
   * "Changed: Title". */
  title = g_strdup_printf (_("Changed: %s"), what);

  if (self->undo_toast != NULL)
    {
      AdwToast *toast = g_steal_pointer (&self->undo_toast);

      adw_toast_dismiss (toast);
      g_object_unref (toast);
    }

  if (window == NULL)
    return;

  self->undo_toast = g_object_ref (adw_toast_new (title));
  adw_toast_set_button_label (self->undo_toast, _("_Undo"));
  g_signal_connect_object (self->undo_toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb),
                           self, G_CONNECT_SWAPPED);
  psr_window_add_toast (PSR_WINDOW (window), self->undo_toast);
}

static gboolean
undo_competencies (PsrScenarioEditor  *self,
                   GArray             *before,
                   GError            **error)
{
  g_autoptr(GArray) now = psr_scenario_list_competencies (self->database, self->id, error);
  gboolean ok = now != NULL;

  for (guint i = 0; ok && i < now->len; i++)
    {
      gint64 id = g_array_index (now, gint64, i);
      gboolean kept = FALSE;

      for (guint j = 0; j < before->len && !kept; j++)
        kept = g_array_index (before, gint64, j) == id;
      if (!kept)
        ok = psr_scenario_unlink_competency (self->database, self->id, id, error);
    }

  for (guint i = 0; ok && i < before->len; i++)
    ok = psr_scenario_link_competency (self->database, self->id,
                                       g_array_index (before, gint64, i), error);

  return ok;
}

static gboolean
undo_step (PsrScenarioEditor  *self,
           Step               *step,
           GError            **error)
{
  PsrDatabase *db = self->database;
  PsrPhase *phase = step->phase;
  gint64 id;

  switch (step->kind)
    {
    case STEP_TEXT:
      return psr_scenario_set_field (db, self->id, step->field, step->text, error);
    case STEP_FORMAT:
      return psr_scenario_set_format (db, self->id, step->text, error);
    case STEP_VENUE:
      return psr_scenario_set_venue (db, self->id, step->text, error);
    case STEP_STATUS:
      return psr_scenario_set_status (db, self->id, step->text, error);
    case STEP_DURATION:
      return psr_scenario_set_duration (db, self->id, step->first, error);
    case STEP_AGES:
      return psr_scenario_set_ages (db, self->id, step->first, step->second, error);
    case STEP_GROUP:
      return psr_scenario_set_group_size (db, self->id, step->first, step->second, error);
    case STEP_AUDIENCES:
      return psr_scenario_set_audiences (db, self->id, (const char * const *) step->codes,
                                         error);
    case STEP_COMPETENCIES:
      return undo_competencies (self, step->ids, error);
    case STEP_PHASE_EDITED:
      return psr_phase_set (db, phase->id, phase->title, phase->duration_minutes,
                            phase->mediator_actions, phase->audience_actions, phase->materials,
                            error);
    case STEP_PHASE_ADDED:
      return psr_phase_remove (db, phase->id, error);
    case STEP_PHASE_REMOVED:
      /* Back in its place, as a new row: nothing else points at a phase. */
      id = psr_phase_add (db, self->id, phase->title, error);
      return id != 0
             && psr_phase_set (db, id, phase->title, phase->duration_minutes,
                               phase->mediator_actions, phase->audience_actions,
                               phase->materials, error)
             && psr_phase_move (db, id, phase->position, error);
    case STEP_PHASE_MOVED:
      return psr_phase_move (db, phase->id, phase->position, error);
    default:
      g_assert_not_reached ();
    }
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);
  g_autoptr(GPtrArray) steps = g_steal_pointer (&self->undo);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (steps == NULL || self->id == 0)
    return;

  /* What is being typed would be lost under the old value: drop it. */
  psr_autosave_discard (&self->autosave);

  ok = psr_database_begin (self->database, &error);
  for (guint i = steps->len; ok && i > 0; i--)
    ok = undo_step (self, g_ptr_array_index (steps, i - 1), &error);

  if (ok)
    ok = psr_database_commit (self->database, &error);
  else
    psr_database_rollback (self->database);

  if (self->undo_toast != NULL)
    {
      AdwToast *toast = g_steal_pointer (&self->undo_toast);

      adw_toast_dismiss (toast);
      g_object_unref (toast);
    }

  if (!ok)
    psr_show_error (GTK_WIDGET (self), error);
  else
    psr_toast (GTK_WIDGET (self), _("Change undone"));

  psr_scenario_editor_load (self, self->id);
}

/* Saving ------------------------------------------------------------------ */

static Step *
text_step (PsrScenarioEditor *self,
           guint              field)
{
  Step *step = step_new (STEP_TEXT);

  step->field = field;
  step->text = g_strdup (psr_scenario_get_text (self->scenario, field));
  return step;
}

static gboolean
save_ranges (PsrScenarioEditor  *self,
             guint               dirty,
             GPtrArray          *steps,
             const char        **what)
{
  struct {
    guint         flag;
    AdwEntryRow **rows;
    StepKind      kind;
    const char   *name;
  } ranges[] = {
    { DIRTY_AGES, self->age_rows, STEP_AGES, N_("Ages") },
    { DIRTY_GROUP, self->group_rows, STEP_GROUP, N_("Group Size") },
  };
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autoptr(GError) error = NULL;
      int bounds[2], before[2];
      gboolean saved;

      if (!(dirty & ranges[i].flag))
        continue;

      if (ranges[i].kind == STEP_AGES)
        {
          before[0] = psr_scenario_get_age_min (self->scenario);
          before[1] = psr_scenario_get_age_max (self->scenario);
        }
      else
        {
          before[0] = psr_scenario_get_group_min (self->scenario);
          before[1] = psr_scenario_get_group_max (self->scenario);
        }

      saved = parse_bound (ranges[i].rows[0], &bounds[0], &error)
              && parse_bound (ranges[i].rows[1], &bounds[1], &error);
      if (saved && (bounds[0] != before[0] || bounds[1] != before[1]))
        saved = ranges[i].kind == STEP_AGES
                  ? psr_scenario_set_ages (self->database, self->id, bounds[0], bounds[1],
                                           &error)
                  : psr_scenario_set_group_size (self->database, self->id, bounds[0],
                                                 bounds[1], &error);
      else if (saved)
        continue;

      if (!saved && g_error_matches (error, PSR_ERROR, PSR_ERROR_INVALID))
        {
          show_refusal (self->audience_error, (GtkWidget **) ranges[i].rows, 2, error->message);
          ok = FALSE;
          continue;
        }
      if (!saved)
        {
          psr_show_error (GTK_WIDGET (self), error);
          ok = FALSE;
          continue;
        }

      show_refusal (self->audience_error, (GtkWidget **) ranges[i].rows, 2, NULL);
      {
        Step *step = step_new (ranges[i].kind);

        step->first = before[0];
        step->second = before[1];
        g_ptr_array_add (steps, step);
        *what = _(ranges[i].name);
      }
    }

  return ok;
}

static gboolean
save_dirty (PsrScenarioEditor *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *steps;
  const char *what = NULL;
  guint dirty = psr_autosave_take (&self->autosave);
  gboolean ok = TRUE;

  if (dirty == 0 || self->id == 0 || self->scenario == NULL)
    return ok;

  steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);

  for (guint field = 0; field < PSR_SCENARIO_N_FIELDS; field++)
    {
      g_autofree char *text = NULL;
      Step *step;

      if (!(dirty & (1 << field)) || self->texts[field] == NULL)
        continue;

      text = get_text (self->texts[field]);
      /* The store strips the title: spaces around it change nothing. */
      if (field == PSR_SCENARIO_FIELD_TITLE)
        g_strstrip (text);
      if (g_strcmp0 (text, psr_scenario_get_text (self->scenario, field)) == 0)
        {
          if (field == PSR_SCENARIO_FIELD_TITLE)
            show_refusal (self->scenario_error, &self->texts[field], 1, NULL);
          continue;
        }

      step = text_step (self, field);
      if (!psr_scenario_set_field (self->database, self->id, field, text, &error))
        {
          step_free (step);
          /* A blank title: shown on its row, the stored one kept. */
          if (field == PSR_SCENARIO_FIELD_TITLE
              && g_error_matches (error, PSR_ERROR, PSR_ERROR_INVALID))
            show_refusal (self->scenario_error, &self->texts[field], 1, error->message);
          else
            psr_show_error (GTK_WIDGET (self), error);
          g_clear_error (&error);
          ok = FALSE;
          continue;
        }

      if (field == PSR_SCENARIO_FIELD_TITLE)
        show_refusal (self->scenario_error, &self->texts[field], 1, NULL);
      g_ptr_array_add (steps, step);
      what = _(field_names[field]);
    }

  if (dirty & DIRTY_DURATION)
    {
      guint before = psr_scenario_get_duration_minutes (self->scenario);
      guint minutes = gtk_spin_button_get_value_as_int (self->duration_spin);

      if (minutes != before)
        {
          if (psr_scenario_set_duration (self->database, self->id, minutes, &error))
            {
              Step *step = step_new (STEP_DURATION);

              step->first = before;
              g_ptr_array_add (steps, step);
              what = _("Duration");
            }
          else
            {
              psr_show_error (GTK_WIDGET (self), error);
              g_clear_error (&error);
              ok = FALSE;
            }
        }
    }

  if (!save_ranges (self, dirty, steps, &what))
    ok = FALSE;

  if (steps->len > 1)
    what = _("Several Fields");
  remember (self, steps, what);
  refresh (self);
  return ok;
}

static void
autosave_cb (gpointer user_data)
{
  save_dirty (user_data);
}

static void
mark_dirty (PsrScenarioEditor *self,
            guint              flags)
{
  if (!self->filling)
    psr_autosave_mark (&self->autosave, flags);
}

static void
field_changed_cb (PsrScenarioEditor *self,
                  gpointer           widget_or_buffer)
{
  for (guint field = 0; field < PSR_SCENARIO_N_FIELDS; field++)
    {
      GtkWidget *widget = self->texts[field];

      if (widget == NULL)
        continue;
      if (widget == widget_or_buffer
          || (GTK_IS_TEXT_VIEW (widget)
              && gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)) == widget_or_buffer))
        {
          mark_dirty (self, 1 << field);
          if (field == PSR_SCENARIO_FIELD_OBJECTIVES)
            check_objectives (self);
        }
    }
}

static void
duration_changed_cb (PsrScenarioEditor *self)
{
  mark_dirty (self, DIRTY_DURATION);
}

static void
ages_changed_cb (PsrScenarioEditor *self)
{
  mark_dirty (self, DIRTY_AGES);
}

static void
group_changed_cb (PsrScenarioEditor *self)
{
  mark_dirty (self, DIRTY_GROUP);
}

/* A drop-down saves at once. */
static void
choice_changed_cb (PsrScenarioEditor *self,
                   GParamSpec        *pspec,
                   AdwComboRow       *row)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *steps;
  guint selected = adw_combo_row_get_selected (row);
  const char *what;
  Step *step;
  gboolean ok;

  if (self->filling || self->id == 0 || self->scenario == NULL
      || selected == GTK_INVALID_LIST_POSITION)
    return;

  save_dirty (self);
  if (row == self->format_row)
    {
      step = step_new (STEP_FORMAT);
      step->text = g_strdup (psr_scenario_get_format (self->scenario));
      ok = psr_scenario_set_format (self->database, self->id, psr_scenario_formats ()[selected],
                                    &error);
      what = _("Format");
    }
  else if (row == self->venue_row)
    {
      step = step_new (STEP_VENUE);
      step->text = g_strdup (psr_scenario_get_venue (self->scenario));
      ok = psr_scenario_set_venue (self->database, self->id, psr_scenario_venues ()[selected],
                                   &error);
      what = _("Venue");
    }
  else
    {
      step = text_step (self, PSR_SCENARIO_FIELD_LANGUAGE);
      ok = psr_scenario_set_field (self->database, self->id, PSR_SCENARIO_FIELD_LANGUAGE,
                                   psr_languages ()[selected], &error);
      what = _("Language");
    }

  steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  if (ok)
    g_ptr_array_add (steps, step);
  else
    {
      step_free (step);
      psr_show_error (GTK_WIDGET (self), error);
    }

  remember (self, steps, what);
  refresh (self);
  check_objectives (self);
}

static void
describe_audiences (PsrScenarioEditor *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->audience_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->audience_checks, i)))
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                              psr_scenario_audience_label (psr_scenario_audiences ()[i]));

  adw_expander_row_set_subtitle (self->audiences_row,
                                 names->len > 0 ? names->str : _("None chosen yet"));
}

static void
audience_toggled_cb (PsrScenarioEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) codes = NULL;
  GPtrArray *steps;
  Step *step;

  describe_audiences (self);
  if (self->filling || self->id == 0)
    return;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->audience_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->audience_checks, i)))
      g_strv_builder_add (builder, psr_scenario_audiences ()[i]);
  codes = g_strv_builder_end (builder);

  step = step_new (STEP_AUDIENCES);
  step->codes = psr_scenario_list_audiences (self->database, self->id, &error);
  steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  if (step->codes != NULL
      && psr_scenario_set_audiences (self->database, self->id, (const char * const *) codes,
                                     &error))
    g_ptr_array_add (steps, step);
  else
    {
      step_free (step);
      psr_show_error (GTK_WIDGET (self), error);
    }

  remember (self, steps, _("Audiences"));
  refresh (self);
}

/* Showing ------------------------------------------------------------------ */

static void
fill_checks (PsrScenarioEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = psr_scenario_check (self->database, self->id, &error);

  if (checks == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  psr_rows_show_checks (self->checks_list, checks, _("Everything is filled in and adds up"));
}

/* The phases' total beside the planned duration: shown, never forced. */
static void
show_phases_total (PsrScenarioEditor *self)
{
  guint planned = psr_scenario_get_duration_minutes (self->scenario);
  g_autofree char *total = format_minutes (self->phases_minutes);
  g_autofree char *subtitle = NULL;
  gboolean differ = planned > 0 && self->phases_minutes > 0 && planned != self->phases_minutes;

  /* Translators: under the duration of a scenario; %s is a duration such
   * as "40 min". */
  subtitle = g_strdup_printf (_("In minutes · the phases add up to %s"), total);
  adw_action_row_set_subtitle (self->duration_row, subtitle);
  gtk_widget_set_visible (self->duration_warning, differ);
  {
    g_autofree char *planned_text = format_minutes (planned);
    g_autofree char *description = NULL;

    if (planned > 0)
      /* Translators: the total of the phases, then the scenario's duration,
       * as in "Total: 40 min of 45 min planned". */
      description = g_strdup_printf (_("The steps of the activity, in order. Total: %s of %s "
                                       "planned."), total, planned_text);
    else
      description = g_strdup_printf (_("The steps of the activity, in order. Total: %s."),
                                     total);
    adw_preferences_group_set_description (self->phases_group, description);
  }
}

static void
update_header (PsrScenarioEditor *self)
{
  const char *status = psr_scenario_get_status (self->scenario);
  g_autofree char *minutes = format_minutes (psr_scenario_get_duration_minutes (self->scenario));
  g_autofree char *subtitle = NULL;

  /* Translators: status, format and duration of a scenario, as in
   * "Draft · Workshop · 45 min". */
  subtitle = g_strdup_printf (_("%s · %s · %s"), psr_curriculum_status_label (status),
                              psr_scenario_format_label (psr_scenario_get_format (self->scenario)),
                              minutes);
  adw_window_title_set_title (self->window_title,
                              psr_record_get_title (PSR_RECORD (self->scenario)));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.publish",
                                 g_strcmp0 (status, "published") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive",
                                 g_strcmp0 (status, "archived") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.draft",
                                 g_strcmp0 (status, "draft") != 0);
}

/* Reloads what the store says: after every change, and after an error. */
static void
refresh (PsrScenarioEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrRecord) scenario = NULL;

  if (self->id == 0)
    return;

  scenario = psr_record_load (self->database, PSR_TYPE_SCENARIO, self->id, &error);
  if (scenario == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  g_set_object (&self->scenario, PSR_SCENARIO (scenario));
  update_header (self);
  show_phases_total (self);
  fill_checks (self);
}

/* A row's actions, in a menu: a row stays readable at 360 px. */
static GtkWidget *
create_phase_menu (gint64 id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();
  struct { const char *label; const char *action; GMenu *section; } items[] = {
    { N_("_Edit…"), "editor.phase-edit", menu },
    { N_("Move _Up"), "editor.phase-move-up", moves },
    { N_("Move _Down"), "editor.phase-move-down", moves },
    { N_("_Remove"), "editor.phase-remove", moves },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_int64 (id));
      g_menu_append_item (items[i].section, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Phase Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Phase Actions"), -1);
  return button;
}

/* Phases move by drag and drop, by Alt+Up and Alt+Down, and from their
 * menu. */
static GdkContentProvider *
phase_drag_prepare_cb (GtkDragSource *source,
                       double         x,
                       double         y,
                       GtkWidget     *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id"));

  return gdk_content_provider_new_typed (G_TYPE_INT64, id);
}

static void move_phase (PsrScenarioEditor *self,
                        gint64             id,
                        int                position);

static gboolean
phase_drop_cb (GtkDropTarget     *target,
               const GValue      *value,
               double             x,
               double             y,
               PsrScenarioEditor *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  int position = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "position"));

  move_phase (self, g_value_get_int64 (value), position);
  return TRUE;
}

static void
make_phase_row_movable (PsrScenarioEditor *self,
                        GtkWidget         *row,
                        gint64             id)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (phase_drag_prepare_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_signal_connect_object (target, "drop", G_CALLBACK (phase_drop_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  for (guint i = 0; i < 2; i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (
        gtk_keyval_trigger_new (i == 0 ? GDK_KEY_Up : GDK_KEY_Down, GDK_ALT_MASK),
        gtk_named_action_new (i == 0 ? "editor.phase-move-up" : "editor.phase-move-down"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int64 (id));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
    }
  gtk_widget_add_controller (row, shortcuts);
}

static char *
first_line (const char *text)
{
  const char *end = strchr (text, '\n');

  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

static void
fill_phases (PsrScenarioEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) phases = psr_scenario_list_phases (self->database, self->id, &error);

  psr_rows_clear (self->phases_list);
  self->phases_minutes = 0;
  if (phases == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < phases->len; i++)
    {
      PsrPhase *phase = g_ptr_array_index (phases, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *minutes = format_minutes (phase->duration_minutes);
      g_autofree char *action = first_line (phase->mediator_actions);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, phase->title);
      g_autofree char *subtitle = NULL;

      /* Translators: a phase's duration, then the first line of what the
       * mediator does, as in "10 min · Welcome the group". */
      subtitle = *action != '\0' ? g_strdup_printf (_("%s · %s"), minutes, action)
                                 : g_strdup (minutes);
      self->phases_minutes += phase->duration_minutes;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_phase_menu (phase->id));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER (phase->id));
      g_object_set_data (G_OBJECT (row), "position", GINT_TO_POINTER (phase->position));
      make_phase_row_movable (self, row, phase->id);
      gtk_list_box_append (self->phases_list, row);
    }
}

static void
fill_competencies (PsrScenarioEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = psr_scenario_list_competencies (self->database, self->id, &error);

  psr_rows_clear (self->competencies_list);
  if (ids == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PsrRecord) competency = psr_record_load (self->database, PSR_TYPE_COMPETENCY,
                                                         g_array_index (ids, gint64, i), NULL);
      GtkWidget *row;
      g_autofree char *title = NULL;

      if (competency == NULL)
        continue;

      row = adw_action_row_new ();
      title = g_strdup_printf ("%s %s", psr_competency_get_code (PSR_COMPETENCY (competency)),
                               psr_record_get_title (competency));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->competencies_list, row);
    }
}

static void
fill_modules (PsrScenarioEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) modules = psr_scenario_list_modules (self->database, self->id, &error);

  psr_rows_clear (self->modules_list);
  if (modules == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (modules); i++)
    {
      g_autoptr(PsrModule) module = g_list_model_get_item (modules, i);
      g_autoptr(PsrRecord) curriculum = psr_record_load (self->database, PSR_TYPE_CURRICULUM,
                                                         psr_module_get_curriculum_id (module),
                                                         NULL);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     psr_record_get_title (PSR_RECORD (module)));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      if (curriculum != NULL)
        {
          g_autofree char *subtitle = NULL;

          /* Translators: the curriculum of a module, its version and
           * status, as in "Mediation basics · Version 2 · Published". */
          subtitle = g_strdup_printf (_("%s · Version %u · %s"),
                                      psr_record_get_title (curriculum),
                                      psr_curriculum_get_version (PSR_CURRICULUM (curriculum)),
                                      psr_curriculum_status_label (
                                        psr_curriculum_get_status (PSR_CURRICULUM (curriculum))));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->modules_list, row);
    }
}

static void
fill_rehearsal (PsrScenarioEditor *self)
{
  g_autoptr(GError) error = NULL;
  guint n_situations = 0, n_endings = 0;
  g_autofree char *situations = NULL;
  g_autofree char *endings = NULL;
  g_autofree char *subtitle = NULL;

  if (!psr_scenario_count_rehearsal (self->database, self->id, &n_situations, &n_endings,
                                     &error))
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  situations = g_strdup_printf (ngettext ("%u situation", "%u situations", n_situations),
                                n_situations);
  endings = g_strdup_printf (ngettext ("%u ending", "%u endings", n_endings), n_endings);
  /* Translators: the size of a rehearsal, as in "5 situations · 3 endings". */
  subtitle = n_situations + n_endings > 0 ? g_strdup_printf (_("%s · %s"), situations, endings)
                                          : g_strdup (_("No rehearsal yet"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rehearsal_row), subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.rehearsal-play", n_situations > 0);
}

static void
fill_form (PsrScenarioEditor *self)
{
  PsrScenario *scenario = self->scenario;
  g_auto(GStrv) audiences = psr_scenario_list_audiences (self->database, self->id, NULL);
  int bounds[4] = {
    psr_scenario_get_age_min (scenario), psr_scenario_get_age_max (scenario),
    psr_scenario_get_group_min (scenario), psr_scenario_get_group_max (scenario),
  };
  AdwEntryRow *bound_rows[4] = {
    self->age_rows[0], self->age_rows[1], self->group_rows[0], self->group_rows[1],
  };

  self->filling = TRUE;
  for (guint field = 0; field < PSR_SCENARIO_N_FIELDS; field++)
    if (self->texts[field] != NULL)
      set_text (self->texts[field], psr_scenario_get_text (scenario, field));

  gtk_spin_button_set_value (self->duration_spin, psr_scenario_get_duration_minutes (scenario));
  adw_combo_row_set_selected (self->format_row,
                              index_of (psr_scenario_formats (),
                                        psr_scenario_get_format (scenario)));
  adw_combo_row_set_selected (self->venue_row,
                              index_of (psr_scenario_venues (), psr_scenario_get_venue (scenario)));
  adw_combo_row_set_selected (self->language_row,
                              index_of (psr_languages (), psr_scenario_get_language (scenario)));

  for (guint i = 0; i < G_N_ELEMENTS (bound_rows); i++)
    {
      g_autofree char *text = bounds[i] >= 0 ? g_strdup_printf ("%d", bounds[i]) : g_strdup ("");

      gtk_editable_set_text (GTK_EDITABLE (bound_rows[i]), text);
    }

  for (guint i = 0; i < self->audience_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->audience_checks, i),
                                 audiences != NULL
                                   && g_strv_contains ((const char * const *) audiences,
                                                       psr_scenario_audiences ()[i]));
  self->filling = FALSE;

  show_refusal (self->scenario_error, &self->texts[PSR_SCENARIO_FIELD_TITLE], 1, NULL);
  show_refusal (self->audience_error, (GtkWidget **) bound_rows, 4, NULL);
  describe_audiences (self);
  check_objectives (self);
}

void
psr_scenario_editor_load (PsrScenarioEditor *self,
                          gint64             scenario_id)
{
  g_return_if_fail (PSR_IS_SCENARIO_EDITOR (self));

  if (scenario_id != self->id)
    {
      /* The last change of another scenario is not this one's to undo. */
      save_dirty (self);
      g_clear_pointer (&self->undo, g_ptr_array_unref);
      if (self->undo_toast != NULL)
        {
          AdwToast *toast = g_steal_pointer (&self->undo_toast);

          adw_toast_dismiss (toast);
          g_object_unref (toast);
        }
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
    }

  self->id = scenario_id;
  g_clear_object (&self->scenario);
  fill_phases (self);
  refresh (self);
  if (self->scenario == NULL)
    return;

  fill_form (self);
  fill_competencies (self);
  fill_modules (self);
  fill_rehearsal (self);
}

gint64
psr_scenario_editor_get_id (PsrScenarioEditor *self)
{
  g_return_val_if_fail (PSR_IS_SCENARIO_EDITOR (self), 0);

  return self->id;
}

void
psr_scenario_editor_set_database (PsrScenarioEditor *self,
                                  PsrDatabase       *database)
{
  g_return_if_fail (PSR_IS_SCENARIO_EDITOR (self));

  g_set_object (&self->database, database);
}

/* Scenario actions -------------------------------------------------------- */

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);

  save_dirty (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
set_status (PsrScenarioEditor *self,
            const char        *status,
            const char        *what)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  Step *step = step_new (STEP_STATUS);

  save_dirty (self);
  step->text = g_strdup (psr_scenario_get_status (self->scenario));
  if (psr_scenario_set_status (self->database, self->id, status, &error))
    g_ptr_array_add (steps, step);
  else
    {
      step_free (step);
      psr_show_error (GTK_WIDGET (self), error);
    }

  remember (self, steps, what);
  refresh (self);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (PSR_SCENARIO_EDITOR (widget), "published", _("Published"));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (PSR_SCENARIO_EDITOR (widget), "archived", _("Archived"));
}

static void
draft_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  set_status (PSR_SCENARIO_EDITOR (widget), "draft", _("Draft"));
}

/* The scenario sheet -------------------------------------------------------- */

/* Prints or saves the sheet in @language, a language code. */
typedef void (*SheetFunc) (PsrScenarioEditor *self,
                           const char        *language);

static PsrScenarioSheet *
build_sheet (PsrScenarioEditor  *self,
             const char         *language,
             GError            **error)
{
  return psr_scenario_sheet_new_in_language (self->database, self->id,
                                             psr_printing_get_document_info (GTK_WIDGET (self)),
                                             language, error);
}

static void
sheet_language_response_cb (AdwMessageDialog  *dialog,
                            const char        *response,
                            PsrScenarioEditor *self)
{
  GtkDropDown *drop_down = g_object_get_data (G_OBJECT (dialog), "languages");
  GtkStringList *codes = g_object_get_data (G_OBJECT (dialog), "codes");
  SheetFunc func = g_object_get_data (G_OBJECT (dialog), "func");

  if (g_str_equal (response, "continue"))
    func (self, gtk_string_list_get_string (codes, gtk_drop_down_get_selected (drop_down)));
}

/* A translated scenario's sheet can be in any of its languages: asks
 * which, then calls @func. */
static void
choose_sheet_language (PsrScenarioEditor *self,
                       SheetFunc          func,
                       const char        *verb)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = NULL;
  g_autofree char *original = NULL;
  g_autoptr(GtkStringList) labels = NULL;
  GtkStringList *codes;
  const char *uuid = psr_record_get_uuid (PSR_RECORD (self->scenario));
  GtkWidget *dialog, *drop_down;

  save_dirty (self);
  languages = psr_translation_list_languages (self->database, "scenario", uuid, &error);
  if (languages != NULL)
    original = psr_translation_get_original_language (self->database, "scenario", uuid, &error);
  if (original == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }
  if (languages[0] == NULL)
    {
      func (self, original);
      return;
    }

  labels = gtk_string_list_new (NULL);
  codes = gtk_string_list_new (NULL);
  gtk_string_list_append (labels, psr_language_label (original));
  gtk_string_list_append (codes, original);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      gtk_string_list_append (labels, psr_language_label (languages[i]));
      gtk_string_list_append (codes, languages[i]);
    }

  dialog = adw_message_dialog_new (get_window (self), _("Language of the Sheet"),
                                   _("What is not translated yet is in the original language."));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_widget_set_name (drop_down, "sheet-language");
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Language"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop_down);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "continue", verb, ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "languages", drop_down);
  g_object_set_data_full (G_OBJECT (dialog), "codes", codes, g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "func", func);
  g_signal_connect_object (dialog, "response", G_CALLBACK (sheet_language_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_sheet (PsrScenarioEditor *self,
             const char        *language)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GError) error = NULL;
  PsrScenarioSheet *sheet = build_sheet (self, language, &error);

  if (sheet == NULL)
    {
      psr_show_error (widget, error);
      return;
    }

  psr_print_document (widget, psr_scenario_sheet_get_title (sheet), FALSE, sheet,
                      g_object_unref, (PsrPaginateFunc) psr_scenario_sheet_paginate,
                      (PsrDrawPageFunc) psr_scenario_sheet_draw_page);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  choose_sheet_language (PSR_SCENARIO_EDITOR (widget), print_sheet, _("_Print"));
}

static void
save_sheet_pdf (PsrScenarioEditor *self,
                const char        *language)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  PsrScenarioSheet *sheet = build_sheet (self, language, &error);

  if (sheet == NULL)
    {
      psr_show_error (widget, error);
      return;
    }

  /* Translators: the file name of a scenario sheet; %s is the scenario's title. */
  name = g_strdup_printf (_("%s - scenario sheet.pdf"), psr_scenario_sheet_get_title (sheet));
  psr_save_pdf (widget, _("Save the Scenario Sheet"), name, _("Scenario sheet saved"), sheet,
                g_object_unref, (PsrWritePdfFunc) psr_scenario_sheet_write_pdf);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  choose_sheet_language (PSR_SCENARIO_EDITOR (widget), save_sheet_pdf, _("_Save as PDF"));
}

static void
translate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);

  if (self->scenario == NULL)
    return;

  /* The translator sees the original as it was last typed. */
  save_dirty (self);
  psr_translation_editor_present (widget, self->database, "scenario",
                                  psr_record_get_uuid (PSR_RECORD (self->scenario)));
}

/* Rehearsal ------------------------------------------------------------------- */

static void
rehearsal_edit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);

  save_dirty (self);
  psr_rehearsal_editor_present (widget, self->database, self->id);
}

static void
rehearsal_play_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);

  psr_rehearsal_player_present (widget, self->database, self->id);
}

/* The rehearsal is written in a window of its own: its size shows anew
 * when the user comes back to this one. */
static void
window_active_cb (PsrScenarioEditor *self,
                  GParamSpec        *pspec,
                  GtkWindow         *window)
{
  if (gtk_window_is_active (window) && self->id != 0 && self->database != NULL)
    fill_rehearsal (self);
}

static void
psr_scenario_editor_root (GtkWidget *widget)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (psr_scenario_editor_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    self->active_handler = g_signal_connect_object (root, "notify::is-active",
                                                    G_CALLBACK (window_active_cb), self,
                                                    G_CONNECT_SWAPPED);
}

static void
psr_scenario_editor_unroot (GtkWidget *widget)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);

  g_clear_signal_handler (&self->active_handler, gtk_widget_get_root (widget));
  GTK_WIDGET_CLASS (psr_scenario_editor_parent_class)->unroot (widget);
}

static void
build_rehearsal_group (PsrScenarioEditor *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *edit = gtk_button_new_with_mnemonic (_("_Edit Rehearsal"));
  GtkWidget *play = gtk_button_new_with_mnemonic (_("_Play"));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "editor.rehearsal-edit");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (play), "editor.rehearsal-play");
  gtk_widget_add_css_class (play, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), edit);
  gtk_box_append (GTK_BOX (buttons), play);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_group_add (self->rehearsal_group, row);
  self->rehearsal_row = ADW_ACTION_ROW (row);
}

/* Competencies -------------------------------------------------------------- */

static void
competencies_picked (GtkWidget *owner,
                     gint64     scenario_id,
                     GArray    *before,
                     GArray    *after)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (owner);
  g_autoptr(GError) error = NULL;
  GPtrArray *steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  Step *step;
  gboolean ok;

  if (scenario_id != self->id || !psr_database_begin (self->database, &error))
    {
      if (error != NULL)
        psr_show_error (GTK_WIDGET (self), error);
      g_ptr_array_unref (steps);
      return;
    }

  step = step_new (STEP_COMPETENCIES);
  step->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < before->len; i++)
    g_array_append_val (step->ids, g_array_index (before, PsrModuleCompetency, i).competency_id);

  ok = TRUE;
  for (guint i = 0; ok && i < after->len; i++)
    {
      gint64 id = g_array_index (after, PsrModuleCompetency, i).competency_id;

      if (psr_competency_picker_find_link (before, id) == NULL)
        ok = psr_scenario_link_competency (self->database, scenario_id, id, &error);
    }

  for (guint i = 0; ok && i < before->len; i++)
    {
      gint64 id = g_array_index (before, PsrModuleCompetency, i).competency_id;

      if (psr_competency_picker_find_link (after, id) == NULL)
        ok = psr_scenario_unlink_competency (self->database, scenario_id, id, &error);
    }

  /* A commit that fails rolls back itself. */
  if (!ok)
    psr_database_rollback (self->database);
  else
    ok = psr_database_commit (self->database, &error);

  if (ok)
    g_ptr_array_add (steps, step);
  else
    {
      step_free (step);
      psr_show_error (GTK_WIDGET (self), error);
    }

  remember (self, steps, _("Competencies"));
  fill_competencies (self);
  refresh (self);
}

static void
competencies_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = psr_scenario_list_competencies (self->database, self->id, &error);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (PsrModuleCompetency));

  if (ids == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      PsrModuleCompetency link = { g_array_index (ids, gint64, i), 0 };

      g_array_append_val (links, link);
    }

  psr_competency_picker_present (GTK_WIDGET (self), self->database, 0, self->id, links, FALSE,
                                 competencies_picked);
}

/* Phases ----------------------------------------------------------------------- */

typedef struct
{
  PsrScenarioEditor *editor;
  PsrPhase          *phase;  /* NULL for a new one */
  AdwEntryRow       *title_row;
  GtkSpinButton     *duration_spin;
  GtkTextBuffer     *mediator;
  GtkTextBuffer     *audience;
  GtkTextBuffer     *materials;
} PhaseDialog;

static void
phase_dialog_free (gpointer  data,
                   GClosure *closure)
{
  PhaseDialog *dialog = data;

  g_object_unref (dialog->editor);
  g_clear_pointer (&dialog->phase, psr_phase_free);
  g_free (dialog);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
phase_response_cb (AdwMessageDialog *message,
                   const char       *response,
                   PhaseDialog      *dialog)
{
  PsrScenarioEditor *self = dialog->editor;
  g_autoptr(GError) error = NULL;
  g_autofree char *mediator = NULL;
  g_autofree char *audience = NULL;
  g_autofree char *materials = NULL;
  const char *title = gtk_editable_get_text (GTK_EDITABLE (dialog->title_row));
  GPtrArray *steps;
  Step *step;
  gint64 id;
  gboolean ok;

  if (g_strcmp0 (response, "save") != 0 || self->id == 0)
    return;

  mediator = buffer_text (dialog->mediator);
  audience = buffer_text (dialog->audience);
  materials = buffer_text (dialog->materials);

  if (!psr_database_begin (self->database, &error))
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* A new phase is added and filled in as one change. */
  if (dialog->phase == NULL)
    {
      step = step_new (STEP_PHASE_ADDED);
      id = psr_phase_add (self->database, self->id, title, &error);
      ok = id != 0;
      step->phase = g_new0 (PsrPhase, 1);
      step->phase->id = id;
    }
  else
    {
      step = step_new (STEP_PHASE_EDITED);
      step->phase = psr_phase_copy (dialog->phase);
      id = dialog->phase->id;
      ok = TRUE;
    }

  ok = ok
       && psr_phase_set (self->database, id, title,
                         gtk_spin_button_get_value_as_int (dialog->duration_spin), mediator,
                         audience, materials, &error);
  /* A commit that fails rolls back itself. */
  if (!ok)
    psr_database_rollback (self->database);
  else
    ok = psr_database_commit (self->database, &error);

  steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  if (ok)
    g_ptr_array_add (steps, step);
  else
    {
      step_free (step);
      psr_show_error (GTK_WIDGET (self), error);
    }

  remember (self, steps, dialog->phase == NULL ? _("New Phase") : _("Phase"));
  fill_phases (self);
  refresh (self);
}

static void
phase_title_changed_cb (AdwEntryRow      *row,
                        AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  adw_message_dialog_set_response_enabled (dialog, "save", *text != '\0');
  if (*text == '\0')
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static GtkTextBuffer *
append_text_area (GtkBox     *box,
                  const char *title,
                  const char *text)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (title);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 72);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (box, label);
  gtk_box_append (box, scrolled);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static void
show_phase_dialog (PsrScenarioEditor *self,
                   const PsrPhase    *phase)
{
  PhaseDialog *dialog = g_new0 (PhaseDialog, 1);
  GtkWidget *message = adw_message_dialog_new (get_window (self),
                                               phase != NULL ? _("Phase") : _("New Phase"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *duration_row = adw_action_row_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  dialog->editor = g_object_ref (self);
  dialog->phase = phase != NULL ? psr_phase_copy (phase) : NULL;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  dialog->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->title_row), _("Title"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (dialog->title_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (dialog->title_row), phase != NULL ? phase->title : "");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (dialog->title_row));

  dialog->duration_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 600, 5));
  gtk_spin_button_set_value (dialog->duration_spin, phase != NULL ? phase->duration_minutes : 0);
  gtk_widget_set_valign (GTK_WIDGET (dialog->duration_spin), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (duration_row), _("Duration in Minutes"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (duration_row), GTK_WIDGET (dialog->duration_spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (duration_row),
                                         GTK_WIDGET (dialog->duration_spin));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->duration_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Duration in Minutes"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), duration_row);
  gtk_box_append (GTK_BOX (box), list);

  dialog->mediator = append_text_area (GTK_BOX (box), _("What the _Mediator Does"),
                                       phase != NULL ? phase->mediator_actions : "");
  dialog->audience = append_text_area (GTK_BOX (box), _("What the _Audience Does"),
                                       phase != NULL ? phase->audience_actions : "");
  dialog->materials = append_text_area (GTK_BOX (box), _("M_aterials"),
                                        phase != NULL ? phase->materials : "");

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 380);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message), scrolled);

  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (message), "save", _("_Save"),
                         ADW_RESPONSE_SUGGESTED);
  g_signal_connect (dialog->title_row, "changed", G_CALLBACK (phase_title_changed_cb), message);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (message), "save",
                                           phase != NULL);
  g_signal_connect_data (message, "response", G_CALLBACK (phase_response_cb), dialog,
                         phase_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (message));
  gtk_widget_grab_focus (GTK_WIDGET (dialog->title_row));
}

static PsrPhase *
find_phase (PsrScenarioEditor *self,
            gint64             id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) phases = psr_scenario_list_phases (self->database, self->id, &error);

  if (phases == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return NULL;
    }

  for (guint i = 0; i < phases->len; i++)
    {
      PsrPhase *phase = g_ptr_array_index (phases, i);

      if (phase->id == id)
        return psr_phase_copy (phase);
    }

  return NULL;
}

static void
phase_activated_cb (PsrScenarioEditor *self,
                    GtkListBoxRow     *row)
{
  g_autoptr(PsrPhase) phase = find_phase (self, GPOINTER_TO_SIZE (
    g_object_get_data (G_OBJECT (row), "id")));

  if (phase != NULL)
    show_phase_dialog (self, phase);
}

static void
phase_add_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_phase_dialog (PSR_SCENARIO_EDITOR (widget), NULL);
}

static void
phase_edit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);
  g_autoptr(PsrPhase) phase = find_phase (self, g_variant_get_int64 (parameter));

  if (phase != NULL)
    show_phase_dialog (self, phase);
}

static void
focus_phase (PsrScenarioEditor *self,
             gint64             id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->phases_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id")) == (gsize) id)
      gtk_widget_grab_focus (row);
}

static void
move_phase (PsrScenarioEditor *self,
            gint64             id,
            int                position)
{
  g_autoptr(PsrPhase) phase = find_phase (self, id);
  g_autoptr(GError) error = NULL;
  GPtrArray *steps;
  Step *step;

  if (phase == NULL || position < 0 || (guint) position == phase->position)
    return;

  steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  step = step_new (STEP_PHASE_MOVED);
  step->phase = g_steal_pointer (&phase);
  if (psr_phase_move (self->database, id, position, &error))
    g_ptr_array_add (steps, step);
  else
    {
      step_free (step);
      psr_show_error (GTK_WIDGET (self), error);
    }

  remember (self, steps, _("Order of the Phases"));
  fill_phases (self);
  refresh (self);
  focus_phase (self, id);
}

static void
phase_move_up_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);
  g_autoptr(PsrPhase) phase = find_phase (self, g_variant_get_int64 (parameter));

  if (phase != NULL)
    move_phase (self, phase->id, (int) phase->position - 1);
}

static void
phase_move_down_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);
  g_autoptr(PsrPhase) phase = find_phase (self, g_variant_get_int64 (parameter));

  if (phase != NULL)
    move_phase (self, phase->id, phase->position + 1);
}

static void
phase_remove_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PsrScenarioEditor *self = PSR_SCENARIO_EDITOR (widget);
  g_autoptr(PsrPhase) phase = find_phase (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;
  GPtrArray *steps;
  Step *step;

  if (phase == NULL)
    return;

  steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  step = step_new (STEP_PHASE_REMOVED);
  step->phase = psr_phase_copy (phase);
  if (psr_phase_remove (self->database, phase->id, &error))
    g_ptr_array_add (steps, step);
  else
    {
      step_free (step);
      psr_show_error (GTK_WIDGET (self), error);
    }

  remember (self, steps, _("Phase Removed"));
  fill_phases (self);
  refresh (self);
}

/* Building the form ----------------------------------------------------------- */

static AdwEntryRow *
add_entry_row (PsrScenarioEditor   *self,
               AdwPreferencesGroup *group,
               const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static void
add_text_row (PsrScenarioEditor *self,
              PsrScenarioField   field,
              const char        *title)
{
  AdwEntryRow *row = add_entry_row (self, self->scenario_group, title);

  self->texts[field] = GTK_WIDGET (row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (field_changed_cb), self);
}

static AdwComboRow *
add_combo_row (PsrScenarioEditor *self,
               const char        *title,
               GtkStringList     *names)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  /* The choice under the title: long names are read whole, even at 360 px. */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
  adw_preferences_group_add (self->scenario_group, row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (choice_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return ADW_COMBO_ROW (row);
}

static GtkLabel *
add_error_label (AdwPreferencesGroup *group)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Error"), -1);
  adw_preferences_group_add (group, label);
  return GTK_LABEL (label);
}

static GtkStringList *
labels_of (const char * const *codes,
           const char        *(*label) (const char *code))
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (names, label (codes[i]));
  return names;
}

static void
build_scenario_group (PsrScenarioEditor *self)
{
  g_autoptr(GtkStringList) formats = labels_of (psr_scenario_formats (),
                                                psr_scenario_format_label);
  g_autoptr(GtkStringList) venues = labels_of (psr_scenario_venues (), psr_scenario_venue_label);
  g_autoptr(GtkStringList) languages = labels_of (psr_languages (), psr_language_label);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 600, 5);
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  add_text_row (self, PSR_SCENARIO_FIELD_TITLE, _("_Title"));
  add_text_row (self, PSR_SCENARIO_FIELD_THEME, _("T_heme or Discipline"));
  self->format_row = add_combo_row (self, _("_Format"), formats);
  self->venue_row = add_combo_row (self, _("_Venue"), venues);

  /* The duration, and beside it whether the phases add up to it. */
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Duration in minutes"), -1);
  gtk_widget_add_css_class (warning, "warning");
  gtk_widget_set_tooltip_text (warning, _("The phases do not add up to this duration"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The phases do not add up to this duration"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("_Duration"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (self->scenario_group, row);
  self->duration_row = ADW_ACTION_ROW (row);
  self->duration_spin = GTK_SPIN_BUTTON (spin);
  self->duration_warning = warning;
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (duration_changed_cb), self);

  self->language_row = add_combo_row (self, _("_Language"), languages);
  add_text_row (self, PSR_SCENARIO_FIELD_AUTHOR, _("_Author"));
  self->scenario_error = add_error_label (self->scenario_group);
}

static void
build_audience_group (PsrScenarioEditor *self)
{
  const char * const *codes = psr_scenario_audiences ();
  const char *bound_titles[] = {
    N_("_Youngest Age"), N_("_Oldest Age"), N_("_Smallest Group"), N_("La_rgest Group"),
  };
  AdwEntryRow *rows[G_N_ELEMENTS (bound_titles)];

  self->audiences_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->audiences_row), _("Aud_iences"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->audiences_row), TRUE);
  adw_preferences_group_add (self->audience_group, GTK_WIDGET (self->audiences_row));

  self->audience_checks = g_ptr_array_new ();
  for (guint i = 0; codes[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     psr_scenario_audience_label (codes[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      psr_scenario_audience_label (codes[i]), -1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (audience_toggled_cb), self);
      adw_expander_row_add_row (self->audiences_row, row);
      g_ptr_array_add (self->audience_checks, check);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bound_titles); i++)
    {
      rows[i] = add_entry_row (self, self->audience_group, _(bound_titles[i]));
      gtk_editable_set_width_chars (GTK_EDITABLE (rows[i]), 3);
      adw_entry_row_set_input_purpose (rows[i], GTK_INPUT_PURPOSE_DIGITS);
      g_signal_connect_swapped (rows[i], "changed",
                                i < 2 ? G_CALLBACK (ages_changed_cb)
                                      : G_CALLBACK (group_changed_cb),
                                self);
    }
  self->age_rows[0] = rows[0];
  self->age_rows[1] = rows[1];
  self->group_rows[0] = rows[2];
  self->group_rows[1] = rows[3];
  self->audience_error = add_error_label (self->audience_group);
}

static void
build_text_groups (PsrScenarioEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *view = gtk_text_view_new ();
      const char *title = _(field_names[text_fields[i].field]);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _(text_fields[i].description));
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
      /* Tab moves on to the next field. */
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_NEVER);
      gtk_widget_add_css_class (scrolled, "card");
      gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), scrolled);

      if (text_fields[i].field == PSR_SCENARIO_FIELD_OBJECTIVES)
        {
          GtkWidget *remark = gtk_label_new (NULL);

          gtk_label_set_wrap (GTK_LABEL (remark), TRUE);
          gtk_label_set_xalign (GTK_LABEL (remark), 0);
          gtk_widget_set_margin_top (remark, 6);
          gtk_widget_add_css_class (remark, "dim-label");
          gtk_widget_set_visible (remark, FALSE);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), remark);
          self->verb_remark = GTK_LABEL (remark);
        }

      gtk_box_append (self->texts_box, group);
      self->texts[text_fields[i].field] = view;
      g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                                G_CALLBACK (field_changed_cb), self);
    }
}

static void
psr_scenario_editor_dispose (GObject *object)
{
  PsrScenarioEditor *self = (PsrScenarioEditor *)object;

  self->closing = TRUE;
  if (psr_autosave_get_dirty (&self->autosave) != 0 && self->database != NULL)
    save_dirty (self);
  psr_autosave_discard (&self->autosave);
  if (self->undo_toast != NULL)
    {
      adw_toast_dismiss (self->undo_toast);
      g_clear_object (&self->undo_toast);
    }
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_SCENARIO_EDITOR);
  g_clear_pointer (&self->audience_checks, g_ptr_array_unref);
  g_clear_object (&self->scenario);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_scenario_editor_parent_class)->dispose (object);
}

static void
psr_scenario_editor_class_init (PsrScenarioEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct {
    const char *name;
    const char *parameter;
    GtkWidgetActionActivateFunc activate;
  } actions[] = {
    { "editor.close", NULL, close_action },
    { "editor.undo", NULL, undo_action },
    { "editor.publish", NULL, publish_action },
    { "editor.archive", NULL, archive_action },
    { "editor.draft", NULL, draft_action },
    { "editor.print", NULL, print_action },
    { "editor.save-pdf", NULL, save_pdf_action },
    { "editor.translate", NULL, translate_action },
    { "editor.competencies", NULL, competencies_action },
    { "editor.rehearsal-edit", NULL, rehearsal_edit_action },
    { "editor.rehearsal-play", NULL, rehearsal_play_action },
    { "editor.phase-add", NULL, phase_add_action },
    { "editor.phase-edit", "x", phase_edit_action },
    { "editor.phase-move-up", "x", phase_move_up_action },
    { "editor.phase-move-down", "x", phase_move_down_action },
    { "editor.phase-remove", "x", phase_remove_action },
  };

  object_class->dispose = psr_scenario_editor_dispose;
  widget_class->root = psr_scenario_editor_root;
  widget_class->unroot = psr_scenario_editor_unroot;

  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-scenario-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrScenarioEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsrScenarioEditor, scrolled);
  gtk_widget_class_bind_template_child (widget_class, PsrScenarioEditor, checks_list);
  gtk_widget_class_bind_template_child (widget_class, PsrScenarioEditor, scenario_group);
  gtk_widget_class_bind_template_child (widget_class, PsrScenarioEditor, audience_group);
  gtk_widget_class_bind_template_child (widget_class, PsrScenarioEditor, phases_group);
  gtk_widget_class_bind_template_child (widget_class, PsrScenarioEditor, rehearsal_group);
  gtk_widget_class_bind_template_child (widget_class, PsrScenarioEditor, texts_box);
  gtk_widget_class_bind_template_child (widget_class, PsrScenarioEditor, phases_list);
  gtk_widget_class_bind_template_child (widget_class, PsrScenarioEditor, competencies_list);
  gtk_widget_class_bind_template_child (widget_class, PsrScenarioEditor, modules_list);
  gtk_widget_class_bind_template_callback (widget_class, phase_activated_cb);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter,
                                     actions[i].activate);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "editor.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo",
                                       NULL);
}

static void
psr_scenario_editor_init (PsrScenarioEditor *self)
{
  psr_autosave_init (&self->autosave, SAVE_DELAY_MS, autosave_cb, self);
  gtk_widget_init_template (GTK_WIDGET (self));

  build_scenario_group (self);
  build_audience_group (self);
  build_text_groups (self);
  build_rehearsal_group (self);
  psr_rows_set_placeholder (self->phases_list, _("No phases yet: add the steps of the activity"));
  psr_rows_set_placeholder (self->competencies_list, _("Linked to no competency yet"));
  psr_rows_set_placeholder (self->modules_list, _("No module uses this scenario yet"));
}
