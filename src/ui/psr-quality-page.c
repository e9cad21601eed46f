/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-format.h"
#include "psr-quality-page.h"
#include "psr-satisfaction.h"
#include "psr-window.h"

/* The figures of Qualiopi indicator 2 for one year, then the satisfaction
 * of each session held and of each curriculum. */
struct _PsrQualityPage
{
  AdwBin         parent_instance;

  PsrDatabase   *database;
  guint          year;
  /* The years to step through: those with sessions held and this one,
   * in increasing order. */
  GArray        *years;
  /* The indicators as readable text, for the clipboard. */
  char          *report;

  GtkButton     *previous_button;
  GtkLabel      *year_label;
  GtkButton     *next_button;
  GtkButton     *copy_button;
  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkListBox    *indicators_list;
  GtkListBox    *sessions_list;
  GtkListBox    *curricula_list;
};

G_DEFINE_FINAL_TYPE (PsrQualityPage, psr_quality_page, ADW_TYPE_BIN)

/* The satisfaction of one session, or of the sessions of a curriculum. */
typedef struct
{
  char  *title;
  guint  n_sessions;
  guint  n_trainees;
  guint  n_responses;
  guint  n_ratings;
  guint  n_satisfied;
} Tally;

static void
tally_free (Tally *tally)
{
  g_free (tally->title);
  g_free (tally);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A rate, or NULL when it is undefined (a negative fraction). */
static char *
format_rate (double fraction)
{
  return fraction < 0 ? NULL : psr_format_percent (fraction);
}

/* An average rating out of 5, or NULL when undefined. */
static char *
format_average (double average)
{
  if (average < 0)
    return NULL;

  /* Translators: an average rating out of 5, as in "4.3/5". */
  return g_strdup_printf (_("%.1f/5"), average);
}

/* A value at the end of a row: a large number, or a dim note when there
 * is nothing to count yet. */
static GtkWidget *
create_value (const char *value)
{
  GtkWidget *label = gtk_label_new (value != NULL ? value : _("Not enough answers yet"));

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  if (value != NULL)
    {
      gtk_widget_add_css_class (label, "indicator-value");
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
    }
  return label;
}

static void
add_indicator (PsrQualityPage *self,
               GString        *report,
               const char     *title,
               const char     *value,
               const char     *explanation)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), explanation);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_value (value));
  gtk_list_box_append (self->indicators_list, row);

  /* Translators: a line of the indicators copied to the clipboard, as in
   * "Satisfaction rate: 85 %". */
  g_string_append_printf (report, _("%s: %s"), title,
                          value != NULL ? value : _("Not enough answers yet"));
  g_string_append_c (report, '\n');
}

static void
fill_indicators (PsrQualityPage      *self,
                 const PsrIndicators *indicators)
{
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *satisfaction = format_rate (indicators->satisfaction_rate);
  g_autofree char *average = format_average (indicators->satisfaction_average);
  g_autofree char *completion = format_rate (indicators->completion_rate);
  g_autofree char *responses = format_rate (indicators->response_rate);
  g_autofree char *follow_up = format_average (indicators->follow_up_average);
  g_autofree char *trainees = psr_format_count (indicators->n_trainees);
  g_autofree char *sessions = psr_format_count (indicators->n_sessions);
  g_autofree char *hours = psr_format_hours (indicators->hours_delivered);
  g_autofree char *trainee_hours = psr_format_hours (indicators->trainee_hours);
  g_autofree char *n_satisfied = psr_format_count (indicators->n_satisfied);
  g_autofree char *n_ratings = psr_format_count (indicators->n_overall_ratings);
  g_autofree char *n_completed = psr_format_count (indicators->n_completed);
  g_autofree char *n_responses = psr_format_count (indicators->n_responses);
  g_autofree char *n_follow_up = psr_format_count (indicators->n_follow_up);
  g_autofree char *satisfaction_text = NULL;
  g_autofree char *completion_text = NULL;
  g_autofree char *responses_text = NULL;
  g_autofree char *follow_up_text = NULL;

  clear_list (self->indicators_list);

  /* Translators: the title of the indicators copied to the clipboard. */
  g_string_append_printf (report, _("Qualiopi indicator 2 — %u"), indicators->year);
  g_string_append (report, "\n\n");

  if (indicators->n_overall_ratings == 0)
    satisfaction_text = g_strdup (_("No trainee has rated the training as a whole yet"));
  else
    satisfaction_text = g_strdup_printf (ngettext ("%s of %s overall rating is 4 or 5 out of 5",
                                                   "%s of %s overall ratings are 4 or 5 out of 5",
                                                   indicators->n_overall_ratings),
                                         n_satisfied, n_ratings);
  add_indicator (self, report, _("Satisfaction rate"), satisfaction, satisfaction_text);
  add_indicator (self, report, _("Average satisfaction"), average,
                 _("The trainees' overall rating at the end of their session"));

  completion_text = g_strdup_printf (ngettext ("%s trainee attended at least %d %% of their session",
                                               "%s trainees attended at least %d %% of their session",
                                               indicators->n_completed),
                                     n_completed, PSR_COMPLETION_PERCENT);
  add_indicator (self, report, _("Completion rate"), completion, completion_text);

  responses_text = g_strdup_printf (ngettext ("%s end-of-session survey answered",
                                              "%s end-of-session surveys answered",
                                              indicators->n_responses),
                                    n_responses);
  add_indicator (self, report, _("Response rate"), responses, responses_text);

  follow_up_text = g_strdup_printf (ngettext ("Trainees using what they learned, weeks later (%s response)",
                                              "Trainees using what they learned, weeks later (%s responses)",
                                              indicators->n_follow_up),
                                    n_follow_up);
  add_indicator (self, report, _("Follow-up"), follow_up, follow_up_text);

  add_indicator (self, report, _("Trainees"), trainees,
                 _("People trained in the sessions held"));
  add_indicator (self, report, _("Sessions held"), sessions,
                 _("Sessions done whose last day falls in the year"));
  add_indicator (self, report, _("Hours delivered"), hours,
                 _("Hours of the slots of the sessions held"));
  add_indicator (self, report, _("Trainee hours"), trainee_hours,
                 _("Hours attended, added up over every trainee"));

  g_free (self->report);
  self->report = g_string_free (g_steal_pointer (&report), FALSE);
}

/* "8 of 10 trainees answered", under a session or a curriculum. */
static char *
describe_tally (const Tally *tally)
{
  g_autofree char *responses = psr_format_count (tally->n_responses);
  g_autofree char *trainees = psr_format_count (tally->n_trainees);

  /* Translators: survey responses out of the trainees asked. */
  return g_strdup_printf (ngettext ("%s of %s trainee answered", "%s of %s trainees answered",
                                    tally->n_trainees),
                          responses, trainees);
}

static GtkWidget *
create_tally_row (const Tally *tally,
                  const char  *detail)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *answered = describe_tally (tally);
  g_autofree char *subtitle = NULL;
  g_autofree char *rate = NULL;
  GtkWidget *value;

  if (tally->n_ratings > 0)
    rate = psr_format_percent ((double) tally->n_satisfied / tally->n_ratings);

  /* Translators: a session's dates, or a curriculum's sessions, then its
   * survey responses. */
  subtitle = g_strdup_printf (_("%s · %s"), detail, answered);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tally->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  value = create_value (rate);
  if (rate != NULL)
    {
      gtk_widget_remove_css_class (value, "indicator-value");
      gtk_widget_add_css_class (value, "title-4");
    }
  gtk_widget_set_tooltip_text (value, _("Satisfied trainees: overall ratings of 4 or 5"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  return row;
}

static void
add_results (Tally                  *tally,
             const PsrSurveyResults *results)
{
  tally->n_sessions++;
  tally->n_trainees += results->n_trainees;
  tally->n_responses += results->n_responses;
  for (guint i = 0; i < results->questions->len; i++)
    {
      const PsrQuestionResult *question = g_ptr_array_index (results->questions, i);

      if (question->question == PSR_QUESTION_OVERALL)
        {
          tally->n_ratings += question->n_ratings;
          tally->n_satisfied += question->n_satisfied;
        }
    }
}

static gboolean
fill_sessions (PsrQualityPage  *self,
               GPtrArray       *sessions,
               GError         **error)
{
  g_autoptr(GHashTable) curricula = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) tally_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  clear_list (self->sessions_list);
  clear_list (self->curricula_list);

  for (guint i = 0; i < sessions->len; i++)
    {
      const PsrHeldSession *session = g_ptr_array_index (sessions, i);
      g_autoptr(PsrSurveyResults) results = NULL;
      g_autofree char *dates = NULL;
      Tally tally = { .title = session->title };
      Tally *curriculum;
      GtkWidget *row;

      results = psr_survey_results_for_session (self->database, session->session_id,
                                                PSR_SURVEY_END, error);
      if (results == NULL)
        return FALSE;

      add_results (&tally, results);
      dates = psr_format_date_range (&session->starts_on, &session->ends_on);
      row = create_tally_row (&tally, dates);
      /* Opens the session on the Sessions page. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-session");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", session->session_id);
      gtk_list_box_append (self->sessions_list, row);

      /* The versions of a curriculum count together, under the latest
       * title. */
      curriculum = g_hash_table_lookup (curricula, session->lineage);
      if (curriculum == NULL)
        {
          curriculum = g_new0 (Tally, 1);
          g_hash_table_insert (curricula, g_strdup (session->lineage), curriculum);
          g_ptr_array_add (order, curriculum);
        }
      g_free (curriculum->title);
      curriculum->title = g_strdup (session->curriculum);
      add_results (curriculum, results);
    }

  for (guint i = 0; i < order->len; i++)
    {
      const Tally *curriculum = g_ptr_array_index (order, i);
      g_autofree char *count = psr_format_count (curriculum->n_sessions);
      g_autofree char *held = g_strdup_printf (ngettext ("%s session", "%s sessions",
                                                         curriculum->n_sessions),
                                               count);

      gtk_list_box_append (self->curricula_list, create_tally_row (curriculum, held));
    }

  return TRUE;
}

static void
update_years (PsrQualityPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) held = psr_indicators_list_years (self->database, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint this_year = g_date_time_get_year (now);
  gboolean has_this_year = FALSE;

  if (held == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      held = g_array_new (FALSE, FALSE, sizeof (guint));
    }

  g_array_set_size (self->years, 0);
  /* Most recent first in @held: reversed here. */
  for (guint i = held->len; i > 0; i--)
    {
      guint year = g_array_index (held, guint, i - 1);

      has_this_year |= year == this_year;
      g_array_append_val (self->years, year);
    }
  if (!has_this_year)
    {
      guint position = 0;

      while (position < self->years->len && g_array_index (self->years, guint, position) < this_year)
        position++;
      g_array_insert_val (self->years, position, this_year);
    }

  if (self->year == 0)
    self->year = this_year;
}

static void
show_year (PsrQualityPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autofree char *year = g_strdup_printf ("%u", self->year);
  g_autofree char *empty = NULL;
  PsrIndicators indicators;

  gtk_label_set_label (self->year_label, year);
  gtk_widget_set_sensitive (GTK_WIDGET (self->previous_button),
                            self->years->len > 0 && g_array_index (self->years, guint, 0) < self->year);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            self->years->len > 0
                            && g_array_index (self->years, guint, self->years->len - 1) > self->year);

  sessions = psr_indicators_list_sessions (self->database, self->year, &error);
  if (sessions == NULL || !psr_indicators_compute (self->database, self->year, &indicators, &error)
      || !fill_sessions (self, sessions, &error))
    {
      psr_show_error (GTK_WIDGET (self), error);
      g_clear_pointer (&sessions, g_ptr_array_unref);
    }

  if (sessions == NULL || sessions->len == 0)
    {
      /* Translators: the year of the indicators. */
      empty = g_strdup_printf (_("No Session Held in %u"), self->year);
      adw_status_page_set_title (self->empty_page, empty);
      g_clear_pointer (&self->report, g_free);
      gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  fill_indicators (self, &indicators);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

/* The year before or after the one shown, among those offered. */
static void
step_year (PsrQualityPage *self,
           int             direction)
{
  guint best = 0;

  for (guint i = 0; i < self->years->len; i++)
    {
      guint year = g_array_index (self->years, guint, i);

      if ((direction < 0 && year < self->year) || (direction > 0 && year > self->year && best == 0))
        best = year;
    }

  if (best == 0)
    return;

  self->year = best;
  show_year (self);
}

static void
previous_clicked_cb (PsrQualityPage *self)
{
  step_year (self, -1);
}

static void
next_clicked_cb (PsrQualityPage *self)
{
  step_year (self, 1);
}

static void
copy_clicked_cb (PsrQualityPage *self)
{
  if (self->report == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->report);
  psr_toast (GTK_WIDGET (self), _("Indicators copied"));
}

void
psr_quality_page_reload (PsrQualityPage *self)
{
  g_return_if_fail (PSR_IS_QUALITY_PAGE (self));

  if (self->database == NULL)
    return;

  update_years (self);
  show_year (self);
}

void
psr_quality_page_set_database (PsrQualityPage *self,
                               PsrDatabase    *database)
{
  g_return_if_fail (PSR_IS_QUALITY_PAGE (self));

  /* Loaded when shown (psr_window_show_page()): a start loads only the
   * page it opens on. */
  if (g_set_object (&self->database, database) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    psr_quality_page_reload (self);
}

static void
psr_quality_page_dispose (GObject *object)
{
  PsrQualityPage *self = (PsrQualityPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_QUALITY_PAGE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_quality_page_parent_class)->dispose (object);
}

static void
psr_quality_page_finalize (GObject *object)
{
  PsrQualityPage *self = (PsrQualityPage *)object;

  g_array_unref (self->years);
  g_free (self->report);

  G_OBJECT_CLASS (psr_quality_page_parent_class)->finalize (object);
}

static void
psr_quality_page_class_init (PsrQualityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psr_quality_page_dispose;
  object_class->finalize = psr_quality_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/psr-quality-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrQualityPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, PsrQualityPage, year_label);
  gtk_widget_class_bind_template_child (widget_class, PsrQualityPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, PsrQualityPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, PsrQualityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PsrQualityPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PsrQualityPage, indicators_list);
  gtk_widget_class_bind_template_child (widget_class, PsrQualityPage, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, PsrQualityPage, curricula_list);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
}

static void
psr_quality_page_init (PsrQualityPage *self)
{
  self->years = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_widget_init_template (GTK_WIDGET (self));
}
