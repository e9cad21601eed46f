/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-autosave.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-competency-chart.h"
#include "psr-curricula.h"
#include "psr-people.h"
#include "psr-person-editor.h"
#include "psr-progress.h"
#include "psr-printing.h"
#include "psr-privacy.h"
#include "psr-session-docs.h"
#include "psr-window.h"

/* One person: their details saved as they are typed, their progress
 * through the modules of their curricula with the trainer's evidence notes,
 * their accessibility needs recorded with their consent, and their rights
 * over their data: everything exported, or their personal data erased. */
struct _PsrPersonEditor
{
  GtkBox               parent_instance;

  PsrDatabase         *database;
  gint64               id;
  PsrPersonDetails    *details;
  gboolean             filling;
  PsrAutosave          autosave;

  AdwWindowTitle      *window_title;
  AdwPreferencesGroup *summary_group;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *work_group;
  AdwPreferencesGroup *accessibility_group;

  GtkWidget           *texts[PSR_PERSON_N_FIELDS];
  AdwComboRow         *language_row;
  GtkSwitch           *trainer_switch;
  AdwActionRow        *needs_row;
  GtkWidget           *clear_needs_button;
  AdwActionRow        *sessions_row;
  GtkListBox          *training_list;
  AdwPreferencesGroup *chart_group;
  PsrCompetencyChart  *chart;

  /* PsrModuleProgress of the modules shown, by module id. */
  GHashTable          *modules;
  /* The curricula expanded, kept while the page is refilled. */
  GHashTable          *expanded;
  gboolean             keep_expanded;
};

G_DEFINE_FINAL_TYPE (PsrPersonEditor, psr_person_editor, GTK_TYPE_BOX)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define SAVE_DELAY_MS 500

static void refresh (PsrPersonEditor *self);

/* Saving ------------------------------------------------------------------------- */

static void
save_dirty (PsrPersonEditor *self)
{
  guint dirty = psr_autosave_take (&self->autosave);

  for (guint field = 0; field < PSR_PERSON_N_FIELDS; field++)
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *row = self->texts[field];

      if ((dirty & (1u << field)) == 0 || row == NULL)
        continue;

      if (psr_person_set_field (self->database, self->id, field,
                                gtk_editable_get_text (GTK_EDITABLE (row)), &error))
        gtk_widget_remove_css_class (row, "error");
      else
        {
          /* The row says it is wrong; the message says why. */
          gtk_widget_add_css_class (row, "error");
          psr_toast (GTK_WIDGET (self), error->message);
        }
    }
}

static void
autosave_cb (gpointer user_data)
{
  save_dirty (user_data);
  refresh (user_data);
}

static void
text_changed_cb (PsrPersonEditor *self,
                 GtkEditable     *row)
{
  guint flags = 0;

  if (self->filling || self->id == 0)
    return;

  for (guint field = 0; field < PSR_PERSON_N_FIELDS; field++)
    if (self->texts[field] == GTK_WIDGET (row))
      flags |= 1u << field;

  /* An email is checked as it is typed, gently: not before the @. */
  if (GTK_WIDGET (row) == self->texts[PSR_PERSON_FIELD_EMAIL])
    {
      const char *email = gtk_editable_get_text (row);

      if (*email == '\0' || psr_person_email_is_valid (email))
        gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }

  psr_autosave_mark (&self->autosave, flags);
}

static void
language_changed_cb (PsrPersonEditor *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->language_row);

  if (self->filling || self->id == 0 || selected >= g_strv_length ((GStrv) psr_languages ()))
    return;

  if (!psr_person_set_field (self->database, self->id, PSR_PERSON_FIELD_LANGUAGE,
                             psr_languages ()[selected], &error))
    psr_show_error (GTK_WIDGET (self), error);
  refresh (self);
}

static void
trainer_changed_cb (PsrPersonEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->filling || self->id == 0)
    return;

  if (!psr_person_set_trainer (self->database, self->id,
                               gtk_switch_get_active (self->trainer_switch), &error))
    psr_show_error (GTK_WIDGET (self), error);
  refresh (self);
}

/* Filling ------------------------------------------------------------------------ */

static char *
format_day (GDateTime *instant)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (instant);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return psr_format_date (&day);
}

/* The rows after the first, which sums the training up; which curricula
 * were open is remembered, so that refilling the page keeps them open. */
static void
clear_training (PsrPersonEditor *self)
{
  GtkWidget *child;

  if (!self->keep_expanded)
    g_hash_table_remove_all (self->expanded);

  while ((child = gtk_widget_get_next_sibling (GTK_WIDGET (self->sessions_row))) != NULL)
    {
      gint64 *id = g_object_get_data (G_OBJECT (child), "curriculum-id");

      if (self->keep_expanded && id != NULL && ADW_IS_EXPANDER_ROW (child))
        {
          if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (child)))
            g_hash_table_add (self->expanded, g_memdup2 (id, sizeof *id));
          else
            g_hash_table_remove (self->expanded, id);
        }
      gtk_list_box_remove (self->training_list, child);
    }
  g_hash_table_remove_all (self->modules);
}

static GtkWidget *
create_session_row (const PsrTraineeSession *session)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *dates = NULL;
  g_autofree char *subtitle = NULL;

  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "x-office-calendar-symbolic");
  if (g_date_valid (&session->starts_on))
    dates = psr_format_date_range (&session->starts_on, &session->ends_on);
  else
    dates = g_strdup (_("Not scheduled yet"));

  if (session->attendance_rate >= 0)
    {
      g_autofree char *rate = psr_format_percent (session->attendance_rate);

      /* Translators: the dates of a session, and the share of its half-days
       * over that the trainee signed, as in "March 10 – 12 · 83% signed". */
      subtitle = g_strdup_printf (_("%s · %s signed"), dates, rate);
    }
  else
    subtitle = g_strdup_printf (_("%s · %s"), dates,
                                psr_enrollment_status_label (session->enrollment));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), session->display_title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (session->enrollment == PSR_ENROLLMENT_ENROLLED)
    {
      /* The trainee's own convocation and certificate of this session. */
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) convocation = g_menu_item_new (_("Save _Convocation…"), NULL);
      g_autoptr(GMenuItem) certificate = g_menu_item_new (_("Save C_ertificate…"), NULL);
      GtkWidget *button = gtk_menu_button_new ();

      g_menu_item_set_action_and_target (convocation, "person.save-document", "(xi)",
                                         session->session_id,
                                         (gint32) PSR_SESSION_DOCUMENT_CONVOCATIONS);
      g_menu_item_set_action_and_target (certificate, "person.save-document", "(xi)",
                                         session->session_id,
                                         (gint32) PSR_SESSION_DOCUMENT_CERTIFICATES);
      g_menu_append_item (menu, convocation);
      g_menu_append_item (menu, certificate);
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-document-symbolic");
      gtk_widget_set_name (button, "session-documents");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Documents"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Documents"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-session");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", session->session_id);
  return row;
}

static char *
describe_progress (const PsrModuleProgress *progress)
{
  if (progress->status == PSR_PROGRESS_COMPLETED && progress->completed_at != NULL)
    {
      g_autofree char *day = format_day (progress->completed_at);

      /* Translators: as in "Completed on March 10, 2026". */
      return g_strdup_printf (_("Completed on %s"), day);
    }

  return g_strdup (psr_progress_status_label (progress->status));
}

/* The runs of @runs (PsrRehearsalRun) through the scenarios of a module;
 * -1 when the module has no scenario to rehearse. */
static int
count_module_runs (PsrPersonEditor *self,
                   gint64           module_id,
                   GPtrArray       *runs)
{
  g_autoptr(GListModel) scenarios = psr_module_list_scenarios (self->database, module_id, NULL);
  guint n_scenarios = scenarios != NULL ? g_list_model_get_n_items (scenarios) : 0;
  int n_runs = 0;

  if (n_scenarios == 0)
    return -1;

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      const PsrRehearsalRun *run = g_ptr_array_index (runs, i);

      for (guint j = 0; j < n_scenarios; j++)
        {
          g_autoptr(PsrRecord) scenario = g_list_model_get_item (scenarios, j);

          if (psr_record_get_id (scenario) == run->scenario_id)
            {
              n_runs++;
              break;
            }
        }
    }

  return n_runs;
}

static GtkWidget *
create_module_row (const PsrModuleProgress *progress,
                   int                      n_runs)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: a module's number and title, as in "2. Welcoming a group". */
  g_autofree char *title = g_strdup_printf (_("%u. %s"), progress->position + 1, progress->title);
  g_autofree char *status = describe_progress (progress);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *edit = gtk_image_new_from_icon_name ("document-edit-symbolic");

  if (n_runs >= 0)
    {
      g_autofree char *played = NULL;

      if (n_runs == 0)
        played = g_strdup (_("no rehearsal played"));
      else
        /* Translators: how many times the trainee played the rehearsals of
         * a module, after its status, as in "In progress · 2 rehearsals
         * played". */
        played = g_strdup_printf (ngettext ("%d rehearsal played", "%d rehearsals played", n_runs),
                                  n_runs);
      g_string_printf (subtitle, _("%s · %s"), status, played);
    }
  else
    g_string_assign (subtitle, status);

  if (*progress->evidence != '\0')
    {
      /* One line of the row, however many the notes have. */
      g_autofree char *evidence = g_strdelimit (g_strdup (progress->evidence), "\r\n\t", ' ');

      g_string_append_c (subtitle, '\n');
      /* Translators: the trainer's evidence notes on a module, as in
       * "Evidence: welcomed a school group on her own". */
      g_string_append_printf (subtitle, _("Evidence: %s"), evidence);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_tooltip_text (edit, _("Edit the status and the evidence notes"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  gtk_widget_set_name (row, "module-progress");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "person.edit-module");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", progress->module_id);
  return row;
}

/* A curriculum, its progress, and its modules to open. */
static GtkWidget *
create_curriculum_row (PsrPersonEditor            *self,
                       const PsrTraineeCurriculum *curriculum,
                       GPtrArray                  *runs,
                       gboolean                    expanded)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modules = NULL;
  GtkWidget *row;
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 100);
  g_autofree char *percent = psr_format_percent (curriculum->percent / 100.0);
  /* Translators: a trainee's progress in a curriculum, as in "3 of 5
   * modules completed · 60%". */
  g_autofree char *subtitle = g_strdup_printf (ngettext ("%u of %u module completed · %s",
                                                         "%u of %u modules completed · %s",
                                                         curriculum->n_modules),
                                               curriculum->n_completed, curriculum->n_modules,
                                               percent);

  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), curriculum->percent);
  gtk_widget_set_size_request (bar, 80, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  subtitle, -1);

  if (curriculum->n_modules > 0)
    modules = psr_person_list_module_progress (self->database, self->id,
                                               curriculum->curriculum_id, &error);
  if (error != NULL)
    psr_show_error (GTK_WIDGET (self), error);

  if (modules == NULL || modules->len == 0)
    {
      row = adw_action_row_new ();
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "accessories-dictionary-symbolic");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
    }
  else
    {
      row = adw_expander_row_new ();
      /* A curriculum and its session often share a title: their icons
       * tell them apart. */
      adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (row), "accessories-dictionary-symbolic");
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), bar);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expanded);
      for (guint i = 0; i < modules->len; i++)
        {
          PsrModuleProgress *progress = g_ptr_array_index (modules, i);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                    create_module_row (progress,
                                                       count_module_runs (self,
                                                                          progress->module_id,
                                                                          runs)));
          g_hash_table_replace (self->modules, &progress->module_id, progress);
        }
      /* The table holds them now. */
      g_ptr_array_set_free_func (modules, NULL);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), curriculum->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "curriculum-id",
                          g_memdup2 (&curriculum->curriculum_id, sizeof (gint64)), g_free);
  return row;
}

/* What the person followed: sessions and their attendance, curricula and
 * their progress, and the competencies before and after. */
static void
fill_training (PsrPersonEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrTraineeSummary) summary = psr_trainee_summary_load (self->database, self->id,
                                                                   NULL, &error);
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *title = NULL;
  gboolean rated = FALSE;

  clear_training (self);
  if (summary == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (summary->attendance_rate >= 0)
    {
      rate = psr_format_percent (summary->attendance_rate);
      /* Translators: a trainee's attendance, as in "92% of half-days signed
       * (23 of 25)". */
      title = g_strdup_printf (ngettext ("%s of half-days signed (%u of %u)",
                                         "%s of half-days signed (%u of %u)",
                                         summary->n_slots_over),
                               rate, summary->n_signed, summary->n_slots_over);
      adw_action_row_set_subtitle (self->sessions_row, title);
    }
  else
    adw_action_row_set_subtitle (self->sessions_row, "");

  for (guint i = 0; i < summary->sessions->len; i++)
    gtk_list_box_append (self->training_list,
                         create_session_row (g_ptr_array_index (summary->sessions, i)));
  if (summary->n_rehearsal_runs > 0
      && (runs = psr_person_list_rehearsal_runs (self->database, self->id, &error)) == NULL)
    psr_show_error (GTK_WIDGET (self), error);
  for (guint i = 0; i < summary->curricula->len; i++)
    {
      PsrTraineeCurriculum *curriculum = g_ptr_array_index (summary->curricula, i);
      /* Open at first when there is only one to look at. */
      gboolean expanded = self->keep_expanded
                            ? g_hash_table_contains (self->expanded, &curriculum->curriculum_id)
                            : summary->curricula->len == 1;

      gtk_list_box_append (self->training_list,
                           create_curriculum_row (self, curriculum, runs, expanded));
    }
  self->keep_expanded = TRUE;

  /* A chart of empty bars says nothing: it shows once someone rated. */
  for (guint i = 0; i < summary->competencies->len; i++)
    {
      PsrTraineeCompetency *competency = g_ptr_array_index (summary->competencies, i);

      rated |= competency->before >= 0 || competency->after >= 0;
    }
  psr_competency_chart_set_ratings (self->chart, summary->competencies);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_group), rated);
}

static void
fill_form (PsrPersonEditor *self)
{
  PsrPersonDetails *details = self->details;
  const char *values[PSR_PERSON_N_FIELDS] = {
    [PSR_PERSON_FIELD_GIVEN_NAME] = details->given_name,
    [PSR_PERSON_FIELD_FAMILY_NAME] = details->family_name,
    [PSR_PERSON_FIELD_EMAIL] = details->email,
    [PSR_PERSON_FIELD_PHONE] = details->phone,
    [PSR_PERSON_FIELD_ORGANISATION] = details->organisation,
    [PSR_PERSON_FIELD_JOB] = details->job,
    [PSR_PERSON_FIELD_COUNTRY] = details->country,
    [PSR_PERSON_FIELD_NOTES] = details->notes,
  };
  const char * const *languages = psr_languages ();
  g_autofree char *subtitle = NULL;
  g_autofree char *sessions = NULL;

  self->filling = TRUE;
  for (guint field = 0; field < PSR_PERSON_N_FIELDS; field++)
    if (self->texts[field] != NULL
        && (psr_autosave_get_dirty (&self->autosave) & (1u << field)) == 0)
      gtk_editable_set_text (GTK_EDITABLE (self->texts[field]), values[field]);

  for (guint i = 0; languages[i] != NULL; i++)
    if (g_strcmp0 (languages[i], details->language) == 0)
      adw_combo_row_set_selected (self->language_row, i);
  gtk_switch_set_active (self->trainer_switch, details->is_trainer);

  if (*details->accessibility_needs != '\0')
    {
      g_autofree char *day = format_day (details->accessibility_consent_at);
      /* Translators: when the person agreed to record their needs. */
      g_autofree char *consent = g_strdup_printf (_("Recorded with consent on %s"), day);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->needs_row),
                                     details->accessibility_needs);
      adw_action_row_set_subtitle (self->needs_row, consent);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->needs_row), _("None recorded"));
      adw_action_row_set_subtitle (self->needs_row, "");
    }
  gtk_widget_set_visible (self->clear_needs_button, *details->accessibility_needs != '\0');
  self->filling = FALSE;

  /* Translators: a person's role and preferred language, as in "Trainer ·
   * Spanish". */
  subtitle = g_strdup_printf (_("%s · %s"), details->is_trainer ? _("Trainer") : _("Trainee"),
                              psr_language_label (details->language));
  adw_window_title_set_title (self->window_title, details->display_name);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (details->is_trainer)
    sessions = g_strdup_printf (ngettext ("Trainer of %u session", "Trainer of %u sessions",
                                          details->n_sessions_trained),
                                details->n_sessions_trained);
  else
    sessions = g_strdup_printf (ngettext ("Enrolled in %u session", "Enrolled in %u sessions",
                                          details->n_enrollments),
                                details->n_enrollments);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sessions_row), sessions);
}

static void
refresh (PsrPersonEditor *self)
{
  g_autoptr(GError) error = NULL;
  PsrPersonDetails *details;

  if (self->database == NULL || self->id == 0)
    return;

  details = psr_person_get_details (self->database, self->id, &error);
  if (details == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  g_clear_pointer (&self->details, psr_person_details_free);
  self->details = details;
  fill_form (self);
  fill_training (self);
}

void
psr_person_editor_load (PsrPersonEditor *self,
                        gint64           person_id)
{
  g_return_if_fail (PSR_IS_PERSON_EDITOR (self));

  if (self->id != 0)
    save_dirty (self);

  self->keep_expanded = self->id == person_id;
  self->id = person_id;
  psr_autosave_discard (&self->autosave);
  for (guint field = 0; field < PSR_PERSON_N_FIELDS; field++)
    if (self->texts[field] != NULL)
      gtk_widget_remove_css_class (self->texts[field], "error");
  refresh (self);
}

gint64
psr_person_editor_get_id (PsrPersonEditor *self)
{
  g_return_val_if_fail (PSR_IS_PERSON_EDITOR (self), 0);

  return self->id;
}

void
psr_person_editor_set_database (PsrPersonEditor *self,
                                PsrDatabase     *database)
{
  g_return_if_fail (PSR_IS_PERSON_EDITOR (self));

  if (g_set_object (&self->database, database))
    self->id = 0;
}

/* Actions -------------------------------------------------------------------------- */

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsrPersonEditor *self = PSR_PERSON_EDITOR (widget);

  save_dirty (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
needs_done (GtkWidget  *widget,
            const char *needs,
            gpointer    data)
{
  PsrPersonEditor *self = PSR_PERSON_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!psr_person_set_accessibility_needs (self->database, self->id, needs, &error))
    psr_show_error (widget, error);
  refresh (self);
}

static void
needs_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsrPersonEditor *self = PSR_PERSON_EDITOR (widget);

  psr_ask_text (widget, _("Accessibility Needs"),
                _("Record them only if the person agrees: recording them notes today as the "
                  "date of their consent."),
                _("Needs, such as “wheelchair access” or “large print”"),
                self->details != NULL ? self->details->accessibility_needs : NULL,
                _("Record with _Consent"), needs_done, NULL, NULL);
}

static void
clear_needs_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PsrPersonEditor *self = PSR_PERSON_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!psr_person_set_accessibility_needs (self->database, self->id, NULL, &error))
    psr_show_error (widget, error);
  else
    psr_toast (widget, _("Accessibility needs and consent cleared"));
  refresh (self);
}

/* The rows of the page are made again when it is refilled: the focus goes
 * back to the one of the module just edited. */
static GtkWidget *
find_module_row (GtkWidget *widget,
                 gint64     module_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child),
                                                    "module-progress") == 0)
        {
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));

          if (target != NULL && g_variant_get_int64 (target) == module_id)
            return child;
        }
      else if ((found = find_module_row (child, module_id)) != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  PsrPersonEditor   *editor;
  gint64             module_id;
  PsrProgressStatus  status;
  char              *evidence;
  AdwComboRow       *status_row;
  GtkTextBuffer     *evidence_buffer;
} ModuleDialog;

static void
module_dialog_free (gpointer  data,
                    GClosure *closure)
{
  ModuleDialog *dialog = data;

  g_object_unref (dialog->editor);
  g_free (dialog->evidence);
  g_free (dialog);
}

static void
module_dialog_response_cb (AdwMessageDialog *message,
                           const char       *response,
                           ModuleDialog     *dialog)
{
  PsrPersonEditor *self = dialog->editor;
  g_autoptr(GError) error = NULL;
  g_autofree char *evidence = NULL;
  guint status = adw_combo_row_get_selected (dialog->status_row);
  gboolean changed = FALSE;
  gboolean saved = TRUE;
  GtkTextIter start, end;
  GtkWidget *row;

  if (g_strcmp0 (response, "save") != 0 || self->id == 0 || self->database == NULL)
    return;

  /* The notes first: they are what took time to type. A blank note
   * clears them. */
  gtk_text_buffer_get_bounds (dialog->evidence_buffer, &start, &end);
  evidence = g_strstrip (gtk_text_buffer_get_text (dialog->evidence_buffer, &start, &end, FALSE));
  if (g_strcmp0 (evidence, dialog->evidence) != 0)
    {
      changed = TRUE;
      saved = psr_module_progress_set_evidence (self->database, self->id, dialog->module_id,
                                                *evidence != '\0' ? evidence : NULL, &error);
    }

  if (saved && status <= PSR_PROGRESS_COMPLETED && status != dialog->status)
    {
      changed = TRUE;
      saved = psr_module_progress_set (self->database, self->id, dialog->module_id, status, NULL,
                                       NULL, &error);
    }

  if (!saved)
    psr_show_error (GTK_WIDGET (self), error);
  else if (changed)
    psr_toast (GTK_WIDGET (self), _("Module progress saved"));

  refresh (self);
  if ((row = find_module_row (GTK_WIDGET (self->training_list), dialog->module_id)) != NULL)
    gtk_widget_grab_focus (row);
}

/* When a completed module was, or will be, completed. */
static void
module_status_changed_cb (AdwComboRow *row)
{
  GDateTime *completed_at = g_object_get_data (G_OBJECT (row), "completed-at");
  g_autofree char *day = NULL;

  if (adw_combo_row_get_selected (row) == PSR_PROGRESS_COMPLETED)
    day = completed_at != NULL ? format_day (completed_at)
                               /* Translators: the day a module is recorded as
                                * completed on, under its status. */
                               : g_strdup (_("Today"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), day != NULL ? day : "");
}

/* A module of the person's curricula: where they stand, and the notes on
 * what shows their work. */
static void
edit_module_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PsrPersonEditor *self = PSR_PERSON_EDITOR (widget);
  gint64 module_id = g_variant_get_int64 (parameter);
  const PsrModuleProgress *progress = g_hash_table_lookup (self->modules, &module_id);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;
  ModuleDialog *dialog;
  GtkWidget *message, *box, *list, *label, *help, *scrolled, *view;
  GtkTextIter end;

  if (progress == NULL || self->id == 0)
    return;

  save_dirty (self);
  title = g_strdup_printf (_("%u. %s"), progress->position + 1, progress->title);
  message = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                    _("Module Progress"), title);
  dialog = g_new0 (ModuleDialog, 1);
  dialog->editor = g_object_ref (self);
  dialog->module_id = module_id;
  dialog->status = progress->status;
  dialog->evidence = g_strdup (progress->evidence);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (PsrProgressStatus status = PSR_PROGRESS_NOT_STARTED; status <= PSR_PROGRESS_COMPLETED;
       status++)
    gtk_string_list_append (statuses, psr_progress_status_label (status));
  dialog->status_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->status_row), _("Status"));
  adw_combo_row_set_model (dialog->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (dialog->status_row, progress->status);
  if (progress->completed_at != NULL)
    g_object_set_data_full (G_OBJECT (dialog->status_row), "completed-at",
                            g_date_time_ref (progress->completed_at),
                            (GDestroyNotify) g_date_time_unref);
  module_status_changed_cb (dialog->status_row);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (dialog->status_row));
  gtk_box_append (GTK_BOX (box), list);

  view = gtk_text_view_new ();
  label = gtk_label_new_with_mnemonic (_("_Evidence Notes"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_box_append (GTK_BOX (box), label);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  dialog->evidence_buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (dialog->evidence_buffer, progress->evidence, -1);
  gtk_text_buffer_get_end_iter (dialog->evidence_buffer, &end);
  gtk_text_buffer_place_cursor (dialog->evidence_buffer, &end);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 96);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (box), scrolled);

  help = gtk_label_new (_("What shows the trainee’s work, such as a file name or what you "
                          "observed. Leave empty to clear the notes."));
  gtk_label_set_xalign (GTK_LABEL (help), 0);
  gtk_label_set_wrap (GTK_LABEL (help), TRUE);
  gtk_widget_add_css_class (help, "caption");
  gtk_widget_add_css_class (help, "dim-label");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  help, NULL, -1);
  gtk_box_append (GTK_BOX (box), help);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message), box);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (message), "save", _("_Save"),
                         ADW_RESPONSE_SUGGESTED);
  g_signal_connect (dialog->status_row, "notify::selected",
                    G_CALLBACK (module_status_changed_cb), NULL);
  g_signal_connect_data (message, "response", G_CALLBACK (module_dialog_response_cb), dialog,
                         module_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (message));
  gtk_widget_grab_focus (view);
}

static void
export_folder_cb (GtkNativeDialog *chooser,
                  int              response,
                  PsrPersonEditor *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      if (psr_privacy_export_to_folder (self->database, self->id, folder, &error))
        psr_toast (GTK_WIDGET (self), _("Personal data exported"));
      else
        psr_show_error (GTK_WIDGET (self), error);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser;

  save_dirty (PSR_PERSON_EDITOR (widget));
  chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Personal Data"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export Here"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_folder_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

typedef struct
{
  char   *database_path;
  gint64  session_id;
  gint64  person_id;
  int     kind;
  char   *organisation;
  char   *referent_name;
  char   *referent_contact;
  char   *path;
} DocumentJob;

static void
document_job_free (gpointer data)
{
  DocumentJob *job = data;

  g_free (job->database_path);
  g_free (job->organisation);
  g_free (job->referent_name);
  g_free (job->referent_contact);
  g_free (job->path);
  g_free (job);
}

/* Laying a PDF out takes a moment: a thread does it, on a connection of
 * its own. */
static void
document_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DocumentJob *job = task_data;
  PsrDocumentInfo info = { job->organisation, job->referent_name, job->referent_contact };
  PsrSessionDocumentOptions options = { &info, NULL, NULL };
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  if ((db = psr_database_open (job->database_path, &error)) != NULL
      && psr_session_trainee_document_write (db, job->session_id, job->person_id, job->kind,
                                             &options, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
document_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PsrPersonEditor *self = PSR_PERSON_EDITOR (object);
  DocumentJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    psr_show_error (GTK_WIDGET (self), error);
  else
    psr_toast (GTK_WIDGET (self), job->kind == PSR_SESSION_DOCUMENT_CONVOCATIONS
                                    ? _("Convocation saved")
                                    : _("Certificate saved"));
}

static void
document_file_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  DocumentJob *job = user_data;
  PsrPersonEditor *self = g_object_get_data (G_OBJECT (chooser), "editor");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  if (response != GTK_RESPONSE_ACCEPT
      || (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL
      || (job->path = g_file_get_path (file)) == NULL)
    {
      document_job_free (job);
      gtk_native_dialog_destroy (chooser);
      return;
    }

  task = g_task_new (self, NULL, document_written_cb, NULL);
  g_task_set_source_tag (task, document_file_cb);
  g_task_set_task_data (task, job, document_job_free);
  g_task_run_in_thread (task, document_thread);
  gtk_native_dialog_destroy (chooser);
}

static void
save_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PsrPersonEditor *self = PSR_PERSON_EDITOR (widget);
  const PsrDocumentInfo *info = psr_printing_get_document_info (widget);
  GtkFileChooserNative *chooser;
  DocumentJob *job;
  gint64 session_id;
  gint32 kind;

  g_variant_get (parameter, "(xi)", &session_id, &kind);
  if (kind != PSR_SESSION_DOCUMENT_CONVOCATIONS && kind != PSR_SESSION_DOCUMENT_CERTIFICATES)
    return;

  save_dirty (self);
  job = g_new0 (DocumentJob, 1);
  job->database_path = g_strdup (psr_database_get_path (self->database));
  job->session_id = session_id;
  job->person_id = self->id;
  job->kind = kind;
  job->organisation = g_strdup (info->organisation);
  job->referent_name = g_strdup (info->referent_name);
  job->referent_contact = g_strdup (info->referent_contact);

  chooser = gtk_file_chooser_native_new (kind == PSR_SESSION_DOCUMENT_CONVOCATIONS
                                           ? _("Save the Convocation")
                                           : _("Save the Certificate"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     kind == PSR_SESSION_DOCUMENT_CONVOCATIONS
                                       /* Translators: a file name. */
                                       ? _("convocation.pdf")
                                       /* Translators: a file name. */
                                       : _("certificate.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "editor", g_object_ref (self), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (document_file_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Erasing cleans the whole file of the person: seconds on a large
 * database, so a thread does it, on a connection of its own. */
static void
erase_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "person-id"));
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  if ((db = psr_database_open (task_data, &error)) != NULL
      && psr_privacy_erase_person (db, id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
erased_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PsrPersonEditor *self = PSR_PERSON_EDITOR (object);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      psr_show_error (GTK_WIDGET (self), error);
      /* Busy: erased, but the file is cleaned only once the other program
       * lets go of it. */
      if (!g_error_matches (error, PSR_ERROR, PSR_ERROR_BUSY))
        return;
    }

  self->id = 0;
  psr_toast (GTK_WIDGET (self), _("Personal data erased"));
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
erase_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PsrPersonEditor  *self)
{
  g_autoptr(GTask) task = NULL;

  if (g_strcmp0 (response, "erase") != 0)
    return;

  psr_autosave_discard (&self->autosave);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  task = g_task_new (self, NULL, erased_cb, NULL);
  g_task_set_task_data (task, g_strdup (psr_database_get_path (self->database)), g_free);
  g_object_set_data (G_OBJECT (task), "person-id", GSIZE_TO_POINTER (self->id));
  g_task_run_in_thread (task, erase_thread);
}

static void
erase_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsrPersonEditor *self = PSR_PERSON_EDITOR (widget);
  g_autofree char *heading = g_strdup_printf (_("Erase the Personal Data of %s?"),
                                              self->details->display_name);
  GtkWidget *dialog = adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (widget)), heading,
    _("Their record, enrollments, progress, positioning and files are erased, and the "
      "database file is cleaned of them. Only anonymous counts remain for the statistics, "
      "and their signatures without their drawing. Backups made before keep them until "
      "they are replaced. This cannot be undone."));

  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "erase", _("_Erase"),
                         ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (erase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PsrPersonEditor  *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (!psr_person_delete (self->database, self->id, &error))
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  psr_autosave_discard (&self->autosave);
  self->id = 0;
  psr_toast (GTK_WIDGET (self), _("Person deleted"));
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsrPersonEditor *self = PSR_PERSON_EDITOR (widget);
  GtkWidget *dialog = adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (widget)), _("Delete Person?"),
    _("For someone added by mistake. A trainer of a session, or someone who signed, cannot be "
      "deleted: erase their personal data instead."));

  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "delete", _("_Delete"),
                         ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Building the form ---------------------------------------------------------------- */

static void
add_text_row (PsrPersonEditor     *self,
              AdwPreferencesGroup *group,
              PsrPersonField       field,
              GtkInputPurpose      purpose)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), psr_person_field_label (field));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), purpose);
  adw_preferences_group_add (group, row);
  self->texts[field] = row;
  g_signal_connect_swapped (row, "changed", G_CALLBACK (text_changed_cb), self);
}

static GtkWidget *
create_button (const char *label,
               const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
build_form (PsrPersonEditor *self)
{
  g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);
  GtkWidget *trainer_row = adw_action_row_new ();

  GtkWidget *legend, *box;

  self->sessions_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->training_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->training_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->training_list), "boxed-list");
  gtk_list_box_append (self->training_list, GTK_WIDGET (self->sessions_row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->training_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Training"), -1);
  adw_preferences_group_add (self->summary_group, GTK_WIDGET (self->training_list));

  /* The chart, in a card, with what its bars mean. */
  self->chart_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->chart_group, _("Competencies Before and After"));
  adw_preferences_group_set_description (self->chart_group,
                                         _("The trainer’s rating when there is one, else the "
                                           "trainee’s own."));
  self->chart = PSR_COMPETENCY_CHART (psr_competency_chart_new ());
  legend = gtk_label_new (_("Upper bar: before the session. Lower bar: after."));
  gtk_label_set_xalign (GTK_LABEL (legend), 0);
  gtk_label_set_wrap (GTK_LABEL (legend), TRUE);
  gtk_widget_add_css_class (legend, "caption");
  gtk_widget_add_css_class (legend, "dim-label");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "chart-card");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->chart));
  gtk_box_append (GTK_BOX (box), legend);
  adw_preferences_group_add (self->chart_group, box);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->summary_group))),
                              GTK_WIDGET (self->chart_group), GTK_WIDGET (self->summary_group));

  add_text_row (self, self->identity_group, PSR_PERSON_FIELD_GIVEN_NAME, GTK_INPUT_PURPOSE_NAME);
  add_text_row (self, self->identity_group, PSR_PERSON_FIELD_FAMILY_NAME,
                GTK_INPUT_PURPOSE_NAME);
  add_text_row (self, self->identity_group, PSR_PERSON_FIELD_EMAIL, GTK_INPUT_PURPOSE_EMAIL);
  add_text_row (self, self->identity_group, PSR_PERSON_FIELD_PHONE, GTK_INPUT_PURPOSE_PHONE);

  for (const char * const *code = psr_languages (); *code != NULL; code++)
    gtk_string_list_append (languages, psr_language_label (*code));
  self->language_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->language_row),
                                 _("Preferred Language"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->language_row),
                               _("For their documents and the trainee space"));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (languages));
  g_signal_connect_swapped (self->language_row, "notify::selected",
                            G_CALLBACK (language_changed_cb), self);
  adw_preferences_group_add (self->identity_group, GTK_WIDGET (self->language_row));
  add_text_row (self, self->identity_group, PSR_PERSON_FIELD_NOTES, GTK_INPUT_PURPOSE_FREE_FORM);

  add_text_row (self, self->work_group, PSR_PERSON_FIELD_ORGANISATION,
                GTK_INPUT_PURPOSE_FREE_FORM);
  add_text_row (self, self->work_group, PSR_PERSON_FIELD_JOB, GTK_INPUT_PURPOSE_FREE_FORM);
  add_text_row (self, self->work_group, PSR_PERSON_FIELD_COUNTRY, GTK_INPUT_PURPOSE_FREE_FORM);

  self->trainer_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->trainer_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->trainer_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Trainer"), -1);
  g_signal_connect_swapped (self->trainer_switch, "notify::active",
                            G_CALLBACK (trainer_changed_cb), self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (trainer_row), _("Trainer"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (trainer_row),
                               _("Trains sessions and countersigns their attendance"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (trainer_row), GTK_WIDGET (self->trainer_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (trainer_row),
                                         GTK_WIDGET (self->trainer_switch));
  adw_preferences_group_add (self->work_group, trainer_row);

  self->needs_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->needs_row), FALSE);
  adw_action_row_set_title_lines (self->needs_row, 0);
  self->clear_needs_button = create_button (_("C_lear"), "person.clear-needs");
  adw_action_row_add_suffix (self->needs_row, self->clear_needs_button);
  adw_action_row_add_suffix (self->needs_row, create_button (_("_Record…"), "person.needs"));
  adw_preferences_group_add (self->accessibility_group, GTK_WIDGET (self->needs_row));
}

static void
psr_person_editor_dispose (GObject *object)
{
  PsrPersonEditor *self = (PsrPersonEditor *)object;

  if (psr_autosave_get_dirty (&self->autosave) != 0 && self->database != NULL && self->id != 0)
    save_dirty (self);
  psr_autosave_discard (&self->autosave);
  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_PERSON_EDITOR);
  g_clear_pointer (&self->details, psr_person_details_free);
  g_clear_pointer (&self->modules, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_person_editor_parent_class)->dispose (object);
}

static void
psr_person_editor_class_init (PsrPersonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct {
    const char *name;
    GtkWidgetActionActivateFunc activate;
  } actions[] = {
    { "person.close", close_action },
    { "person.needs", needs_action },
    { "person.clear-needs", clear_needs_action },
    { "person.export", export_action },
    { "person.erase", erase_action },
    { "person.delete", delete_action },
  };

  object_class->dispose = psr_person_editor_dispose;

  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-person-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrPersonEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsrPersonEditor, summary_group);
  gtk_widget_class_bind_template_child (widget_class, PsrPersonEditor, identity_group);
  gtk_widget_class_bind_template_child (widget_class, PsrPersonEditor, work_group);
  gtk_widget_class_bind_template_child (widget_class, PsrPersonEditor, accessibility_group);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, NULL, actions[i].activate);

  gtk_widget_class_install_action (widget_class, "person.save-document", "(xi)",
                                   save_document_action);
  gtk_widget_class_install_action (widget_class, "person.edit-module", "x", edit_module_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "person.close", NULL);
}

static void
psr_person_editor_init (PsrPersonEditor *self)
{
  psr_autosave_init (&self->autosave, SAVE_DELAY_MS, autosave_cb, self);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->modules = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                         (GDestroyNotify) psr_module_progress_free);
  self->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  build_form (self);
}
