/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-competencies.h"
#include "psr-format.h"
#include "psr-package.h"
#include "psr-scenario-editor.h"
#include "psr-scenario-search.h"
#include "psr-scenario.h"
#include "psr-scenarios.h"
#include "psr-scenarios-page.h"
#include "psr-window.h"

/* The scenario library: search as you type over every text field, filters
 * and sort. One indexed query per change, and a list that builds only the
 * rows it shows, so 10,000 scenarios cost what 10 do. */

typedef enum
{
  FILTER_FORMAT,
  FILTER_AUDIENCE,
  FILTER_VENUE,
  FILTER_LENGTH,
  FILTER_LANGUAGE,
  FILTER_COMPETENCY,
  FILTER_SORT,
  N_FILTERS
} Filter;

/* Durations in minutes, bounds included: any, under 30, 30 to 60, over 60;
 * 0 is no bound. */
static const guint length_bounds[][2] = { { 0, 0 }, { 0, 29 }, { 30, 60 }, { 61, 0 } };

struct _PsrScenariosPage
{
  AdwBin          parent_instance;

  PsrDatabase    *database;
  GtkDropDown    *filters[N_FILTERS];
  /* The competency of each choice of its filter, after "any". */
  GArray         *competency_ids;

  GtkSearchEntry *search_entry;
  GtkGrid        *filter_grid;
  GtkStack       *list_stack;
  GtkListView    *list_view;
  GtkLabel       *count_label;
  PsrScenarioEditor *editor;
};

G_DEFINE_FINAL_TYPE (PsrScenariosPage, psr_scenarios_page, ADW_TYPE_BIN)

/* The code chosen in a filter whose first choice is "any", or NULL. */
static const char *
chosen_code (PsrScenariosPage   *self,
             Filter              filter,
             const char * const *codes)
{
  guint selected = gtk_drop_down_get_selected (self->filters[filter]);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? NULL : codes[selected - 1];
}

static void
run_query (PsrScenariosPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autofree char *count = NULL;
  g_autofree char *number = NULL;
  PsrScenarioQuery query = { 0 };
  guint length, n_results;

  if (self->database == NULL)
    return;

  length = MIN (gtk_drop_down_get_selected (self->filters[FILTER_LENGTH]),
                G_N_ELEMENTS (length_bounds) - 1);
  query.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  query.format = chosen_code (self, FILTER_FORMAT, psr_scenario_formats ());
  query.audience = chosen_code (self, FILTER_AUDIENCE, psr_scenario_audiences ());
  query.venue = chosen_code (self, FILTER_VENUE, psr_scenario_venues ());
  query.language = chosen_code (self, FILTER_LANGUAGE, psr_languages ());
  {
    guint competency = gtk_drop_down_get_selected (self->filters[FILTER_COMPETENCY]);

    if (competency > 0 && competency <= self->competency_ids->len)
      query.competency_id = g_array_index (self->competency_ids, gint64, competency - 1);
  }
  query.min_minutes = length_bounds[length][0];
  query.max_minutes = length_bounds[length][1];
  query.sort = gtk_drop_down_get_selected (self->filters[FILTER_SORT]);

  results = psr_scenario_search (self->database, &query, &error);
  if (results == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  n_results = g_list_model_get_n_items (results);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (results))));

  if (n_results > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (*query.text == '\0' && query.format == NULL && query.audience == NULL
           && query.venue == NULL && query.language == NULL && query.competency_id == 0
           && length == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");

  number = psr_format_count (n_results);
  count = g_strdup_printf (ngettext ("%s scenario", "%s scenarios", n_results), number);
  gtk_label_set_text (self->count_label, count);
}


/* The competencies and indicators of every framework, in their order, as
 * the choices of the competency filter; the chosen one stays chosen. */
static void
fill_competencies (PsrScenariosPage *self)
{
  guint previous = gtk_drop_down_get_selected (self->filters[FILTER_COMPETENCY]);
  gint64 chosen = previous > 0 && previous <= self->competency_ids->len
                    ? g_array_index (self->competency_ids, gint64, previous - 1)
                    : 0;
  guint selected = 0;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) frameworks = psr_framework_list (self->database, NULL);
  GtkDropDown *filter = self->filters[FILTER_COMPETENCY];

  g_array_set_size (self->competency_ids, 0);
  gtk_string_list_append (names, _("Any competency"));

  for (guint i = 0; frameworks != NULL && i < g_list_model_get_n_items (frameworks); i++)
    {
      g_autoptr(PsrRecord) framework = g_list_model_get_item (frameworks, i);
      g_autoptr(GListModel) nodes = psr_competency_search (self->database,
                                                           psr_record_get_id (framework), "",
                                                           NULL);

      for (guint j = 0; nodes != NULL && j < g_list_model_get_n_items (nodes); j++)
        {
          g_autoptr(PsrCompetency) node = g_list_model_get_item (nodes, j);
          g_autofree char *name = NULL;
          gint64 id;

          if (psr_competency_get_kind (node) == PSR_COMPETENCY_FIELD)
            continue;

          id = psr_record_get_id (PSR_RECORD (node));
          name = g_strdup_printf ("%s %s", psr_competency_get_code (node),
                                  psr_record_get_title (PSR_RECORD (node)));
          gtk_string_list_append (names, name);
          g_array_append_val (self->competency_ids, id);
          if (id == chosen)
            selected = self->competency_ids->len;
        }
    }

  g_signal_handlers_block_matched (filter, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (filter, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (filter, selected);
  g_signal_handlers_unblock_matched (filter, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

/* Everything again: the frameworks may have changed on another page. */
void
psr_scenarios_page_reload (PsrScenariosPage *self)
{
  g_return_if_fail (PSR_IS_SCENARIOS_PAGE (self));

  if (self->database == NULL)
    return;

  fill_competencies (self);
  run_query (self);
}

void
psr_scenarios_page_set_database (PsrScenariosPage *self,
                                 PsrDatabase      *database)
{
  g_return_if_fail (PSR_IS_SCENARIOS_PAGE (self));

  if (g_set_object (&self->database, database))
    {
      psr_scenario_editor_set_database (self->editor, database);
      /* Loaded when shown (psr_window_show_page()): a start loads only the
       * page it opens on. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        psr_scenarios_page_reload (self);
    }
}

static GtkStack *
get_stack (PsrScenariosPage *self)
{
  return GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}

static void
open_scenario (PsrScenariosPage *self,
               gint64            id)
{
  psr_scenario_editor_load (self->editor, id);
  gtk_stack_set_visible_child_name (get_stack (self), "editor");
}

static void
scenario_activated_cb (PsrScenariosPage *self,
                       guint             position)
{
  GListModel *results = G_LIST_MODEL (gtk_list_view_get_model (self->list_view));
  g_autoptr(PsrRecord) scenario = results != NULL ? g_list_model_get_item (results, position)
                                                  : NULL;

  if (scenario != NULL)
    open_scenario (self, psr_record_get_id (scenario));
}

static void
editor_closed_cb (PsrScenariosPage *self)
{
  /* The list keeps its search and filters; the edited row shows anew. */
  run_query (self);
  gtk_stack_set_visible_child_name (get_stack (self), "list");
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PsrScenariosPage *self = PSR_SCENARIOS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = psr_scenario_create (self->database, _("New scenario"), &error);

  if (id == 0)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  open_scenario (self, id);
}

static void
query_changed_cb (PsrScenariosPage *self)
{
  run_query (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  PsrScenario *scenario = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (title);
  g_autofree char *text = NULL;
  const char *theme = psr_scenario_get_theme (scenario);

  if (scenario == NULL)
    return;

  /* Translators: a scenario's format, duration in minutes and venue, as in
   * "Workshop · 45 min · Exhibition floor"; its theme follows when it has one. */
  text = g_strdup_printf (_("%s · %u min · %s"),
                          psr_scenario_format_label (psr_scenario_get_format (scenario)),
                          psr_scenario_get_duration_minutes (scenario),
                          psr_scenario_venue_label (psr_scenario_get_venue (scenario)));
  if (theme != NULL && *theme != '\0')
    {
      /* The facts first: on a narrow window the theme is what gets cut. */
      g_autofree char *with_theme = g_strdup_printf (_("%s · %s"), text, theme);

      g_free (text);
      text = g_steal_pointer (&with_theme);
    }

  gtk_label_set_text (GTK_LABEL (title), psr_record_get_title (PSR_RECORD (scenario)));
  gtk_label_set_text (GTK_LABEL (details), text);
}

static void
add_filter (PsrScenariosPage   *self,
            Filter              filter,
            const char         *label,
            const char         *any,
            const char * const *codes,
            const char       *(*name) (const char *))
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *drop_down;

  if (any != NULL)
    gtk_string_list_append (names, any);
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (names, name != NULL ? name (codes[i]) : _(codes[i]));

  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_widget_set_hexpand (drop_down, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), drop_down);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  title, NULL, -1);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_grid_attach (self->filter_grid, title, 0, filter, 1, 1);
  gtk_grid_attach (self->filter_grid, drop_down, 1, filter, 1, 1);
  g_signal_connect_swapped (drop_down, "notify::selected", G_CALLBACK (query_changed_cb), self);
  self->filters[filter] = GTK_DROP_DOWN (drop_down);
}

static void
build_filters (PsrScenariosPage *self)
{
  const char *lengths[] = {
    N_("Under 30 minutes"), N_("30 to 60 minutes"), N_("Over an hour"), NULL,
  };
  const char *sorts[] = {
    N_("Relevance"), N_("Title"), N_("Duration"), N_("Last changed"), NULL,
  };

  add_filter (self, FILTER_FORMAT, _("_Format"), _("Any format"), psr_scenario_formats (),
              psr_scenario_format_label);
  add_filter (self, FILTER_AUDIENCE, _("_Audience"), _("Any audience"),
              psr_scenario_audiences (), psr_scenario_audience_label);
  add_filter (self, FILTER_VENUE, _("_Venue"), _("Any venue"), psr_scenario_venues (),
              psr_scenario_venue_label);
  add_filter (self, FILTER_LENGTH, _("_Length"), _("Any length"), lengths, NULL);
  add_filter (self, FILTER_LANGUAGE, _("La_nguage"), _("Any language"), psr_languages (),
              psr_language_label);
  {
    const char *none[] = { NULL };
    g_autoptr(GtkExpression) name = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                                 "string");

    /* Filled from the database; a framework has dozens: searchable. */
    add_filter (self, FILTER_COMPETENCY, _("_Competency"), _("Any competency"), none, NULL);
    gtk_drop_down_set_expression (self->filters[FILTER_COMPETENCY], name);
    gtk_drop_down_set_enable_search (self->filters[FILTER_COMPETENCY], TRUE);
  }
  add_filter (self, FILTER_SORT, _("_Sort by"), NULL, sorts, NULL);
}

/* Exchange packages ----------------------------------------------------------- */

static GtkWindow *
get_window (PsrScenariosPage *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static void
plan_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  PsrScenariosPage *self)
{
  PsrPackagePlan *plan = g_object_get_data (G_OBJECT (dialog), "plan");
  g_autoptr(GError) error = NULL;
  PsrPackageChoice choice;

  if (g_strcmp0 (response, "keep") == 0 || g_strcmp0 (response, "import") == 0)
    choice = PSR_PACKAGE_KEEP_LOCAL;
  else if (g_strcmp0 (response, "take") == 0)
    choice = PSR_PACKAGE_TAKE_INCOMING;
  else
    return;

  if (!psr_package_apply (self->database, plan, choice, &error))
    {
      psr_show_message (GTK_WIDGET (self), _("The Package Could Not Be Imported"), error->message);
      return;
    }

  psr_scenarios_page_reload (self);
  psr_toast (GTK_WIDGET (self), _("Package imported"));
}

static void
attach_cell (GtkGrid    *grid,
             const char *text,
             int         column,
             int         row,
             gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_hexpand (label, TRUE);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/* A scenario changed on both sides, as its two versions read. */
static char *
describe_version (const char *title,
                  const char *updated_at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (updated_at, NULL);
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;
  g_autofree char *date = NULL;

  if (local == NULL)
    return g_strdup (title);

  {
    GDate day;

    g_date_clear (&day, 1);
    g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                    g_date_time_get_year (local));
    date = psr_format_date (&day);
  }

  /* Translators: a scenario's title, then the day it was last changed. */
  return g_strdup_printf (_("%s\nChanged on %s"), title, date);
}

/* What the package would do, before anything is written: the user sees the
 * conflicts side by side and chooses which side wins. */
static void
show_plan (PsrScenariosPage *self,
           PsrPackagePlan   *plan)
{
  guint n_new = psr_package_plan_get_n_new (plan);
  guint n_updates = psr_package_plan_get_n_updates (plan);
  guint n_unchanged = psr_package_plan_get_n_unchanged (plan);
  guint n_conflicts = psr_package_plan_get_n_conflicts (plan);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: how many scenarios of a package are new, updated and
   * already here; the three numbers always come together. */
  body = g_strdup_printf (_("New: %u. Updated: %u. Already here: %u."), n_new, n_updates,
                          n_unchanged);
  dialog = adw_message_dialog_new (get_window (self), _("Import the Package?"), body);

  if (n_conflicts > 0)
    {
      GPtrArray *conflicts = psr_package_plan_get_conflicts (plan);
      GtkWidget *grid = gtk_grid_new ();
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      g_autofree char *more = g_strdup_printf (
        ngettext ("%u scenario was changed both here and in the package.",
                  "%u scenarios were changed both here and in the package.", n_conflicts),
        n_conflicts);
      g_autofree char *full = g_strconcat (body, "\n", more, NULL);

      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), full);
      gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
      attach_cell (GTK_GRID (grid), _("Here"), 0, 0, TRUE);
      attach_cell (GTK_GRID (grid), _("In the package"), 1, 0, TRUE);
      for (guint i = 0; i < conflicts->len; i++)
        {
          PsrPackageConflict *conflict = g_ptr_array_index (conflicts, i);
          g_autofree char *here = describe_version (conflict->local_title,
                                                    conflict->local_updated_at);
          g_autofree char *there = describe_version (conflict->incoming_title,
                                                     conflict->incoming_updated_at);

          attach_cell (GTK_GRID (grid), here, 0, i + 1, FALSE);
          attach_cell (GTK_GRID (grid), there, 1, i + 1, FALSE);
        }
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "take", _("Take _Theirs"),
                                        "keep", _("_Keep Mine"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    }
  else
    {
      psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "import", _("_Import"),
                             ADW_RESPONSE_SUGGESTED);
    }

  g_object_set_data_full (G_OBJECT (dialog), "plan", psr_package_plan_ref (plan),
                          (GDestroyNotify) psr_package_plan_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (plan_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
package_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PsrScenariosPage *self = PSR_SCENARIOS_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPackagePlan) plan = g_task_propagate_pointer (G_TASK (result), &error);

  if (plan == NULL)
    psr_show_message (GTK_WIDGET (self), _("The Package Could Not Be Imported"), error->message);
  else
    show_plan (self, plan);
}

/* Loading, parsing and checking a package of up to 100 MiB is slow work:
 * a thread does it, on a connection of its own, and writes nothing. */
static void
read_package_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GFile *file = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "database");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = psr_package_load_file (file, &error);
  g_autoptr(PsrDatabase) db = NULL;
  PsrPackagePlan *plan = NULL;

  if (contents != NULL && (db = psr_database_open (path, &error)) != NULL)
    plan = psr_package_read (db, contents, &error);

  if (plan != NULL)
    g_task_return_pointer (task, plan, (GDestroyNotify) psr_package_plan_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static GtkFileFilter *
package_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Passerelle packages"));
  gtk_file_filter_add_suffix (filter, "passerelle");
  return filter;
}

/* Reads the package off the main loop, then shows what it would do;
 * nothing is written before the user answers. */
void
psr_scenarios_page_import_file (PsrScenariosPage *self,
                                GFile            *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PSR_IS_SCENARIOS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, package_read_cb, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "database",
                          g_strdup (psr_database_get_path (self->database)), g_free);
  g_task_run_in_thread (task, read_package_thread);
}

static void
import_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    PsrScenariosPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      psr_scenarios_page_import_file (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsrScenariosPage *self = PSR_SCENARIOS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = package_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import a Package of Scenarios"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
package_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PsrScenariosPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    psr_show_message (GTK_WIDGET (self), _("The Package Could Not Be Saved"), error->message);
  else
    psr_toast (GTK_WIDGET (self), _("Package saved"));
}

static void
export_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    PsrScenariosPage *self)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (!psr_package_export (self->database, NULL, 0, output, &error)
          || !g_output_stream_close (output, NULL, &error))
        {
          psr_show_message (GTK_WIDGET (self), _("The Package Could Not Be Saved"), error->message);
        }
      else
        {
          g_autoptr(GBytes) bytes = g_memory_output_stream_steal_as_bytes (
            G_MEMORY_OUTPUT_STREAM (output));

          g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                               package_written_cb, g_object_ref (self));
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsrScenariosPage *self = PSR_SCENARIOS_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = package_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export All Scenarios"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the file name of a package of every scenario. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("scenarios.passerelle"));
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
psr_scenarios_page_dispose (GObject *object)
{
  PsrScenariosPage *self = (PsrScenariosPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_SCENARIOS_PAGE);
  g_clear_object (&self->database);
  g_clear_pointer (&self->competency_ids, g_array_unref);

  G_OBJECT_CLASS (psr_scenarios_page_parent_class)->dispose (object);
}

static void
psr_scenarios_page_class_init (PsrScenariosPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psr_scenarios_page_dispose;

  g_type_ensure (PSR_TYPE_SCENARIO_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-scenarios-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrScenariosPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PsrScenariosPage, filter_grid);
  gtk_widget_class_bind_template_child (widget_class, PsrScenariosPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PsrScenariosPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PsrScenariosPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PsrScenariosPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, query_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scenario_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_closed_cb);

  gtk_widget_class_install_action (widget_class, "scenarios.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "scenarios.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "scenarios.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "scenarios.new",
                                       NULL);
}

static void
psr_scenarios_page_init (PsrScenariosPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->competency_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  build_filters (self);
}
