/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-application.h"
#include "psr-kind.h"
#include "psr-sample.h"
#include "psr-record.h"
#include "psr-session-editor.h"
#include "psr-session.h"
#include "psr-sessions-page.h"
#include "psr-sessions.h"
#include "psr-signature-pad.h"
#include "psr-test-ui.h"
#include "psr-test-utils.h"
#include "psr-window.h"

static PsrApplication *app;
static char *dir;

typedef struct
{
  PsrDatabase *db;
  gint64       session;
  gint64       trainee;
  gint64       trainer;
  GDate        today;
} Planned;

/* A session of the sample's first curriculum with one half-day running
 * now, whatever the time of the test, one trainee and one trainer. */
static void
plan_session (Planned    *planned,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gint64 curriculum, slot;

  planned->db = psr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (psr_sample_load (planned->db, now, &error));
  g_assert_no_error (error);

  curriculum = psr_test_query_int (planned->db, "SELECT min(id) FROM curricula");
  planned->trainee = psr_test_query_int (planned->db,
                                         "SELECT min(id) FROM people WHERE is_trainer = 0");
  planned->trainer = psr_test_query_int (planned->db,
                                         "SELECT min(id) FROM people WHERE is_trainer = 1");
  planned->session = psr_session_create (planned->db, curriculum, 12, &error);
  g_assert_no_error (error);

  g_date_clear (&planned->today, 1);
  g_date_set_dmy (&planned->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  slot = psr_session_add_slot (planned->db, planned->session, &planned->today, PSR_PERIOD_MORNING, &error);
  g_assert_no_error (error);
  g_assert_true (psr_slot_set (planned->db, slot, &planned->today, PSR_PERIOD_MORNING, 0, 23 * 60 + 59,
                               &error));
  g_assert_no_error (error);
  g_assert_true (psr_session_set_trainers (planned->db, planned->session, &planned->trainer, 1,
                                           &error));
  g_assert_no_error (error);
  psr_session_enroll (planned->db, planned->session, planned->trainee, NULL, &error);
  g_assert_no_error (error);
}

static PsrSessionEditor *
open_session (PsrWindow *window,
              gint64     session)
{
  GtkWidget *page = psr_test_ui_find_descendant (GTK_WIDGET (window), PSR_TYPE_SESSIONS_PAGE);

  psr_window_show_page (window, "sessions");
  psr_sessions_page_open (PSR_SESSIONS_PAGE (page), session);
  psr_test_ui_iterate (200);
  return PSR_SESSION_EDITOR (psr_test_ui_find_descendant (page, PSR_TYPE_SESSION_EDITOR));
}

/* The trainee signs the running half-day on the pad: nothing can be
 * signed before something is drawn, and the signature is stored in the
 * session's chain. */
static void
test_sign_slot (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) strokes = psr_strokes_new ();
  g_autoptr(PsrChainReport) report = NULL;
  Planned planned;
  PsrWindow *window;
  PsrSessionEditor *editor;
  AdwMessageDialog *dialog;
  GtkWidget *button, *pad;

  plan_session (&planned, "sign.db");
  window = psr_window_new (app, planned.db);
  gtk_window_present (GTK_WINDOW (window));
  psr_test_ui_iterate (200);
  editor = open_session (window, planned.session);
  g_assert_nonnull (editor);

  /* The half-day runs: it is open, and its first row can be signed. */
  button = psr_test_ui_find_named (GTK_WIDGET (editor), "sign-button");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  psr_test_ui_iterate (200);

  dialog = psr_test_ui_find_dialog ("sign");
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "sign"));

  pad = psr_test_ui_find_descendant (GTK_WIDGET (dialog), PSR_TYPE_SIGNATURE_PAD);
  g_assert_nonnull (pad);
  psr_strokes_add_point (strokes, TRUE, 0.1, 0.6);
  psr_strokes_add_point (strokes, FALSE, 0.4, 0.3);
  psr_strokes_add_point (strokes, FALSE, 0.8, 0.7);
  psr_signature_pad_set_strokes (PSR_SIGNATURE_PAD (pad), strokes);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "sign"));

  adw_message_dialog_response (dialog, "sign");
  gtk_window_destroy (GTK_WINDOW (dialog));
  psr_test_ui_iterate (200);

  g_assert_cmpint (psr_test_query_int (planned.db,
                                       "SELECT count(*) FROM signatures g"
                                       " JOIN session_slots s ON s.id = g.slot_id"
                                       " WHERE g.role = 'trainee' AND s.session_id = (SELECT"
                                       " max(id) FROM sessions)"),
                   ==, 1);
  report = psr_session_verify_signatures (planned.db, planned.session, &error);
  g_assert_no_error (error);
  g_assert_true (report->intact);

  /* Signed once: the trainee has no button any more, the trainer has. */
  button = psr_test_ui_find_named (GTK_WIDGET (editor), "sign-button");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  psr_test_ui_iterate (200);
  dialog = psr_test_ui_find_dialog ("sign");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "sign"), ==, "C_ountersign");
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
  g_object_unref (planned.db);
}

/* The session shows in the upcoming list and the calendar, and its
 * conflicts at the top of its page. */
/* How many widgets named @name show under @widget, with a tooltip. */
static guint
count_shown (GtkWidget  *widget,
             const char *name)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0 && gtk_widget_get_visible (child)
          && gtk_widget_get_tooltip_text (child) != NULL)
        n++;
      n += count_shown (child, name);
    }

  return n;
}

static void
test_planning (void)
{
  g_autoptr(GError) error = NULL;
  Planned planned;
  PsrWindow *window;
  PsrSessionEditor *editor;
  GtkWidget *page, *list;
  GListModel *model;
  guint n_expected = 0;
  gint64 copy;

  plan_session (&planned, "planning.db");
  /* A copy on the same day: its trainer is booked twice. */
  copy = psr_session_duplicate (planned.db, planned.session, &planned.today, &error);
  g_assert_no_error (error);
  g_assert_cmpint (copy, >, 0);

  window = psr_window_new (app, planned.db);
  gtk_window_present (GTK_WINDOW (window));
  psr_test_ui_iterate (200);
  psr_window_show_page (window, "sessions");
  psr_test_ui_iterate (100);

  page = psr_test_ui_find_descendant (GTK_WIDGET (window), PSR_TYPE_SESSIONS_PAGE);
  list = psr_test_ui_find_descendant (page, GTK_TYPE_LIST_VIEW);
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);

  /* The rows say which sessions have conflicts, the two booked alike
   * among them. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PsrSession) session = g_list_model_get_item (model, i);
      g_autoptr(GPtrArray) conflicts = psr_session_list_conflicts (
        planned.db, psr_record_get_id (PSR_RECORD (session)), &error);

      g_assert_no_error (error);
      n_expected += conflicts->len > 0;
    }
  g_assert_cmpuint (n_expected, >=, 2);
  g_assert_cmpuint (count_shown (list, "conflicts"), ==, n_expected);

  editor = open_session (window, planned.session);
  g_assert_true (gtk_widget_get_visible (psr_test_ui_find_named (GTK_WIDGET (editor),
                                                                 "conflicts")));

  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
  g_object_unref (planned.db);
}

/* What is typed in the session's details is saved after a pause, and at
 * once when the page is left before the pause is over. */
static void
test_autosave (void)
{
  g_autofree char *saved = NULL;
  g_autofree char *flushed = NULL;
  Planned planned;
  PsrWindow *window;
  PsrSessionEditor *editor;
  GtkWidget *place = NULL;

  plan_session (&planned, "autosave.db");
  window = psr_window_new (app, planned.db);
  gtk_window_present (GTK_WINDOW (window));
  psr_test_ui_iterate (200);
  editor = open_session (window, planned.session);
  g_assert_nonnull (editor);

  for (GtkWidget *child = psr_test_ui_find_descendant (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW);
       child != NULL && place == NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), "Place") == 0)
      place = child;
  g_assert_nonnull (place);

  saved = g_strdup_printf ("SELECT count(*) FROM sessions WHERE place = 'Salle des fêtes'"
                           " AND id = %" G_GINT64_FORMAT, planned.session);
  gtk_editable_set_text (GTK_EDITABLE (place), "Salle des fêtes");
  /* Not before the pause. */
  g_assert_cmpint (psr_test_query_int (planned.db, saved), ==, 0);
  for (guint i = 0; i < 50 && psr_test_query_int (planned.db, saved) == 0; i++)
    psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (planned.db, saved), ==, 1);

  flushed = g_strdup_printf ("SELECT count(*) FROM sessions WHERE place = 'Médiathèque'"
                             " AND id = %" G_GINT64_FORMAT, planned.session);
  gtk_editable_set_text (GTK_EDITABLE (place), "Médiathèque");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "session.close", NULL));
  g_assert_cmpint (psr_test_query_int (planned.db, flushed), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
  g_object_unref (planned.db);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = psr_test_make_dir ();
  app = psr_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/sessions-ui/sign-slot", test_sign_slot);
  g_test_add_func ("/sessions-ui/planning", test_planning);
  g_test_add_func ("/sessions-ui/autosave", test_autosave);

  status = g_test_run ();
  psr_test_remove_dir (dir);
  return status;
}
