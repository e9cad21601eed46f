/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-format.h"
#include "psr-overview-page.h"
#include "psr-overview.h"
#include "psr-progress.h"
#include "psr-rows.h"
#include "psr-session.h"

struct _PsrOverviewPage
{
  AdwBin          parent_instance;

  PsrDatabase    *database;
  PsrOverview    *overview;

  AdwStatusPage  *welcome;
  GtkFlowBox     *statistics;
  GtkListBox     *upcoming_list;
  GtkListBox     *attention_list;
  AdwActionRow   *attention_row;
  GtkImage       *attention_icon;
  GtkListBox     *activity_list;
};

G_DEFINE_FINAL_TYPE (PsrOverviewPage, psr_overview_page, ADW_TYPE_BIN)

/* The bin's own child: not bound to the template, which would unparent it
 * a second time on dispose. */
static GtkStack *
get_stack (PsrOverviewPage *self)
{
  return GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}

static GtkWidget *
create_statistic (guint       count,
                  const char *caption)
{
  g_autofree char *number = psr_format_count (count);
  g_autofree char *description = g_strdup_printf ("%s %s", number, caption);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *value = gtk_label_new (number);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "statistic");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  /* Long captions (German) take a second line rather than being cut. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);

  /* Read as one phrase, "40 trainees", rather than two labels. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return box;
}

static void
fill_statistics (PsrOverviewPage *self)
{
  guint trainees = psr_overview_get_n_trainees (self->overview);
  guint curricula = psr_overview_get_n_curricula (self->overview);
  guint scenarios = psr_overview_get_n_scenarios (self->overview);
  guint sessions = psr_overview_get_n_sessions_ahead (self->overview);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->statistics))) != NULL)
    gtk_flow_box_remove (self->statistics, child);

  gtk_flow_box_append (self->statistics,
                       create_statistic (trainees, ngettext ("Trainee", "Trainees", trainees)));
  gtk_flow_box_append (self->statistics,
                       create_statistic (curricula,
                                         ngettext ("Curriculum", "Curricula", curricula)));
  gtk_flow_box_append (self->statistics,
                       create_statistic (scenarios, ngettext ("Scenario", "Scenarios", scenarios)));
  gtk_flow_box_append (self->statistics,
                       create_statistic (sessions,
                                         ngettext ("Upcoming Session", "Upcoming Sessions", sessions)));

  /* The cards are information, not buttons: keep them out of the Tab chain. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->statistics));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

static GtkWidget *
create_session_row (gpointer item,
                    gpointer user_data)
{
  PsrSession *session = item;
  g_autofree char *dates = psr_format_date_range (psr_session_get_starts_on (session),
                                                  psr_session_get_ends_on (session));
  g_autofree char *subtitle = NULL;
  g_autofree char *seats = NULL;
  const char *place = psr_session_get_place (session);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;

  if (place != NULL && *place != '\0')
    /* Translators: the dates of a session, then its place. */
    subtitle = g_strdup_printf (_("%s · %s"), dates, place);
  else
    subtitle = g_steal_pointer (&dates);

  /* Translators: trainees enrolled in a session out of its capacity. */
  seats = g_strdup_printf (_("%u/%u"), psr_session_get_n_enrolled (session),
                           psr_session_get_capacity (session));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 psr_record_get_title (PSR_RECORD (session)));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  label = gtk_label_new (seats);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_tooltip_text (label, _("Enrolled trainees out of the capacity"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));

  /* Opens the session on the Sessions page. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-session");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x",
                                    psr_record_get_id (PSR_RECORD (session)));
  return row;
}

static const struct
{
  const char *icon;
  const char *subtitle;
} needs[PSR_N_NEEDS] = {
  [PSR_NEED_UNSIGNED_SLOTS] = {
    "document-edit-symbolic",
    N_("A trainee neither signed nor was recorded absent, or no trainer countersigned."),
  },
  [PSR_NEED_POSITIONING_BEFORE] = {
    "view-list-bullet-symbolic",
    N_("They rate themselves on the curriculum’s competencies before it starts."),
  },
  [PSR_NEED_POSITIONING_AFTER] = {
    "view-list-bullet-symbolic",
    N_("Without it, the gain of the training cannot be shown."),
  },
  [PSR_NEED_SATISFACTION] = {
    "face-smile-symbolic",
    N_("Qualiopi asks for the satisfaction of every session."),
  },
};

static char *
describe_need (PsrNeedKind kind,
               guint       count)
{
  switch (kind)
    {
    case PSR_NEED_UNSIGNED_SLOTS:
      return g_strdup_printf (ngettext ("%u half-day over is not fully signed",
                                        "%u half-days over are not fully signed", count),
                              count);
    case PSR_NEED_POSITIONING_BEFORE:
      return g_strdup_printf (ngettext ("%u trainee not positioned before training",
                                        "%u trainees not positioned before training", count),
                              count);
    case PSR_NEED_POSITIONING_AFTER:
      return g_strdup_printf (ngettext ("%u trainee not positioned after training",
                                        "%u trainees not positioned after training", count),
                              count);
    case PSR_NEED_SATISFACTION:
    case PSR_N_NEEDS:
    default:
      return g_strdup_printf (ngettext ("%u trainee has not answered the satisfaction survey",
                                        "%u trainees have not answered the satisfaction survey",
                                        count),
                              count);
    }
}

/* The rows after the first, which says when all is well. */
static void
clear_attention (PsrOverviewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_next_sibling (GTK_WIDGET (self->attention_row))) != NULL)
    gtk_list_box_remove (self->attention_list, child);
}

static void
fill_attention (PsrOverviewPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrNeedsAction) actions = psr_needs_action_load (self->database, NULL, &error);
  gboolean any = FALSE;

  clear_attention (self);
  if (actions == NULL)
    {
      g_warning ("Could not list what needs attention: %s", error->message);
      return;
    }

  for (guint kind = 0; kind < PSR_N_NEEDS; kind++)
    {
      GArray *sessions = actions->session_ids[kind];
      g_autofree char *title = NULL;
      GtkWidget *row, *icon;

      if (actions->counts[kind] == 0)
        continue;

      any = TRUE;
      title = describe_need (kind, actions->counts[kind]);
      row = adw_action_row_new ();
      icon = gtk_image_new_from_icon_name (needs[kind].icon);
      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("To do"), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(needs[kind].subtitle));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      /* Opens the first session concerned. */
      if (sessions != NULL && sessions->len > 0)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-session");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x",
                                            g_array_index (sessions, gint64, 0));
        }
      gtk_list_box_append (self->attention_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->attention_row), !any);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->attention_row),
                                 _("Nothing needs your attention"));
  adw_action_row_set_subtitle (self->attention_row,
                               _("Every half-day over is signed, every trainee positioned, "
                                 "every survey collected."));
  gtk_image_set_from_icon_name (self->attention_icon, "emblem-ok-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->attention_icon), "success");
}

static const char * const activity_icons[PSR_N_ACTIVITIES] = {
  [PSR_ACTIVITY_SIGNED] = "document-edit-symbolic",
  [PSR_ACTIVITY_ENROLLED] = "contact-new-symbolic",
  [PSR_ACTIVITY_SURVEY_END] = "face-smile-symbolic",
  [PSR_ACTIVITY_SURVEY_FOLLOW_UP] = "face-smile-symbolic",
  [PSR_ACTIVITY_MODULE_COMPLETED] = "emblem-ok-symbolic",
  [PSR_ACTIVITY_REHEARSAL_PLAYED] = "media-playback-start-symbolic",
  [PSR_ACTIVITY_PEOPLE_ADDED] = "avatar-default-symbolic",
};

/* One person by name, or how many: an erased trainee is only counted. */
static char *
describe_activity (const PsrActivity *activity)
{
  const char *person = activity->person;
  guint count = activity->count;

  switch (activity->kind)
    {
    case PSR_ACTIVITY_SIGNED:
      if (person != NULL)
        /* Translators: %s is a trainee's name. */
        return g_strdup_printf (_("%s signed the attendance sheet"), person);
      return g_strdup_printf (ngettext ("%u trainee signed the attendance sheet",
                                        "%u trainees signed the attendance sheet", count),
                              count);
    case PSR_ACTIVITY_ENROLLED:
      if (person != NULL)
        /* Translators: %s is a trainee's name, enrolled in a session. */
        return g_strdup_printf (_("%s enrolled"), person);
      return g_strdup_printf (ngettext ("%u trainee enrolled", "%u trainees enrolled", count),
                              count);
    case PSR_ACTIVITY_SURVEY_END:
      if (person != NULL)
        /* Translators: %s is a trainee's name. */
        return g_strdup_printf (_("%s answered the satisfaction survey"), person);
      return g_strdup_printf (ngettext ("%u trainee answered the satisfaction survey",
                                        "%u trainees answered the satisfaction survey", count),
                              count);
    case PSR_ACTIVITY_SURVEY_FOLLOW_UP:
      if (person != NULL)
        /* Translators: %s is a trainee's name; the follow-up survey comes
         * weeks after the session. */
        return g_strdup_printf (_("%s answered the follow-up survey"), person);
      return g_strdup_printf (ngettext ("%u trainee answered the follow-up survey",
                                        "%u trainees answered the follow-up survey", count),
                              count);
    case PSR_ACTIVITY_MODULE_COMPLETED:
      if (person != NULL)
        /* Translators: %s is a trainee's name; the module's title follows
         * below. */
        return g_strdup_printf (_("%s completed a module"), person);
      return g_strdup_printf (ngettext ("%u trainee completed a module",
                                        "%u trainees completed a module", count),
                              count);
    case PSR_ACTIVITY_REHEARSAL_PLAYED:
      if (person != NULL)
        /* Translators: %s is a trainee's name; the scenario's title follows
         * below. */
        return g_strdup_printf (_("%s played a rehearsal"), person);
      return g_strdup_printf (ngettext ("%u trainee played a rehearsal",
                                        "%u trainees played a rehearsal", count),
                              count);
    case PSR_ACTIVITY_PEOPLE_ADDED:
    case PSR_N_ACTIVITIES:
    default:
      if (person != NULL)
        /* Translators: %s is the name of a trainee or a trainer just
         * added or imported. */
        return g_strdup_printf (_("%s was added"), person);
      return g_strdup_printf (ngettext ("%u person added", "%u people added", count), count);
    }
}

static GtkWidget *
create_activity_row (const PsrActivity *activity,
                     GDateTime         *now)
{
  g_autofree char *title = describe_activity (activity);
  g_autofree char *when = psr_format_instant (activity->when, now);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;

  if (activity->subject != NULL && *activity->subject != '\0')
    /* Translators: what an event of the recent activity concerns (a
     * session, a module, a scenario), then when it happened. */
    subtitle = g_strdup_printf (C_("activity", "%s · %s"), activity->subject, when);
  else
    subtitle = g_steal_pointer (&when);

  icon = g_object_new (GTK_TYPE_IMAGE,
                       "icon-name", activity_icons[MIN (activity->kind, PSR_N_ACTIVITIES - 1)],
                       "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                       NULL);
  gtk_widget_add_css_class (icon, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  /* Opens the session it happened in. */
  if (activity->session_id > 0)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-session");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", activity->session_id);
    }
  else
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    }

  return row;
}

static void
fill_activity (PsrOverviewPage *self,
               GDateTime       *now)
{
  GPtrArray *activities = psr_overview_get_activity (self->overview);

  psr_rows_clear (self->activity_list);

  for (guint i = 0; i < activities->len; i++)
    gtk_list_box_append (self->activity_list, create_activity_row (activities->pdata[i], now));
}

void
psr_overview_page_reload (PsrOverviewPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PsrOverview) overview = NULL;
  GDate today;

  g_return_if_fail (PSR_IS_OVERVIEW_PAGE (self));

  if (self->database == NULL)
    return;

  if (psr_database_is_empty (self->database))
    {
      gtk_stack_set_visible_child_name (get_stack (self), "empty");
      return;
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  overview = psr_overview_load (self->database, &today, &error);
  if (overview == NULL)
    {
      g_warning ("Could not load the overview: %s", error->message);
      adw_status_page_set_title (self->welcome, _("The Overview Could Not Be Loaded"));
      adw_status_page_set_description (self->welcome, error->message);
      gtk_stack_set_visible_child_name (get_stack (self), "empty");
      return;
    }

  g_set_object (&self->overview, overview);
  fill_statistics (self);
  gtk_list_box_bind_model (self->upcoming_list, psr_overview_get_upcoming (overview),
                           create_session_row, NULL, NULL);
  fill_attention (self);
  fill_activity (self, now);
  gtk_stack_set_visible_child_name (get_stack (self), "summary");
}

void
psr_overview_page_set_database (PsrOverviewPage *self,
                                PsrDatabase     *database)
{
  g_return_if_fail (PSR_IS_OVERVIEW_PAGE (self));

  /* Loaded when shown (psr_window_show_page()): a start loads only the
   * page it opens on. */
  if (g_set_object (&self->database, database) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    psr_overview_page_reload (self);
}

static void
psr_overview_page_dispose (GObject *object)
{
  PsrOverviewPage *self = (PsrOverviewPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->overview);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_overview_page_parent_class)->dispose (object);
}

static void
psr_overview_page_class_init (PsrOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psr_overview_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/psr-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrOverviewPage, welcome);
  gtk_widget_class_bind_template_child (widget_class, PsrOverviewPage, statistics);
  gtk_widget_class_bind_template_child (widget_class, PsrOverviewPage, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, PsrOverviewPage, attention_list);
  gtk_widget_class_bind_template_child (widget_class, PsrOverviewPage, attention_row);
  gtk_widget_class_bind_template_child (widget_class, PsrOverviewPage, attention_icon);
  gtk_widget_class_bind_template_child (widget_class, PsrOverviewPage, activity_list);
}

static void
psr_overview_page_init (PsrOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->welcome, BASE_APPLICATION_ID);
  psr_rows_set_placeholder (self->upcoming_list, _("No sessions planned"));
  psr_rows_set_placeholder (self->activity_list, _("Nothing happened yet"));
}
