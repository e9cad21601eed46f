/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-application.h"
#include "psr-lock-private.h"
#include "psr-locale.h"
#include "psr-lock.h"
#include "psr-preferences-window.h"
#include "psr-progress.h"
#include "psr-module.h"
#include "psr-record.h"
#include "psr-rehearsal-player.h"
#include "psr-rehearsals.h"
#include "psr-sample.h"
#include "psr-sessions.h"
#include "psr-signature-pad.h"
#include "psr-test-ui.h"
#include "psr-test-utils.h"
#include "psr-translations.h"
#include "psr-trainee-space.h"
#include "psr-window.h"

#define PASSPHRASE "the trainer's secret"
/* Cheap hashes: the cost is not what is tested here. */
#define TEST_COST  10

static PsrApplication *app;
static char *dir;

typedef struct
{
  PsrDatabase *db;
  PsrWindow   *window;
  gint64       session;
  gint64       slot;
  gint64       trainee;
} Room;

static void
set_language (Room       *room,
              const char *language)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE people SET language = '%s' WHERE id = %"
                                          G_GINT64_FORMAT, language, room->trainee);

  psr_test_exec (room->db, sql);
}

/* The sample, with the sessions of the sample cancelled so that the only
 * session of today is a new one of the first curriculum: one half-day
 * running now, whatever the time of the test, its last; one trainee and
 * one trainer; and the trainer's passphrase. */
static void
set_up_room (Room       *room,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gint64 curriculum, trainer;
  GDate today;

  room->db = psr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (psr_sample_load (room->db, now, &error));
  g_assert_no_error (error);
  psr_test_exec (room->db, "UPDATE sessions SET status = 'cancelled', cancel_reason = 'test'");

  curriculum = psr_test_query_int (room->db, "SELECT min(id) FROM curricula");
  room->trainee = psr_test_query_int (room->db, "SELECT min(id) FROM people WHERE is_trainer = 0");
  trainer = psr_test_query_int (room->db, "SELECT min(id) FROM people WHERE is_trainer = 1");
  /* The tests read the space in English: the interface's language too. */
  set_language (room, "en");
  room->session = psr_session_create (room->db, curriculum, 12, &error);
  g_assert_no_error (error);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  room->slot = psr_session_add_slot (room->db, room->session, &today, PSR_PERIOD_MORNING, &error);
  g_assert_no_error (error);
  g_assert_true (psr_slot_set (room->db, room->slot, &today, PSR_PERIOD_MORNING, 0, 23 * 60 + 59,
                               &error));
  g_assert_no_error (error);
  g_assert_true (psr_session_set_trainers (room->db, room->session, &trainer, 1, &error));
  g_assert_no_error (error);
  psr_session_enroll (room->db, room->session, room->trainee, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (psr_session_set_status (room->db, room->session, PSR_SESSION_RUNNING, NULL,
                                         &error));
  g_assert_no_error (error);

  g_assert_true (psr_lock_set_passphrase_with_cost (room->db, PASSPHRASE, TEST_COST, &error));
  g_assert_no_error (error);

  room->window = psr_window_new (app, room->db);
  gtk_window_present (GTK_WINDOW (room->window));
  psr_test_ui_iterate (100);
}

static void
tear_down_room (Room *room)
{
  gtk_window_destroy (GTK_WINDOW (room->window));
  psr_test_ui_iterate (100);
  g_object_unref (room->db);
}

static GtkWidget *
find_space (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PSR_IS_TRAINEE_SPACE (window))
        return window;
    }

  return NULL;
}

/* Opens the space from the main window's menu, as the trainer does. */
static GtkWidget *
open_space (Room *room)
{
  GtkWidget *space;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (room->window), "win.trainee-space",
                                             NULL));
  psr_test_ui_iterate (200);
  space = find_space ();
  g_assert_nonnull (space);
  g_assert_true (gtk_widget_get_visible (space));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (room->window)));
  return space;
}

static gboolean
quit_enabled (void)
{
  return g_action_get_enabled (g_action_map_lookup_action (G_ACTION_MAP (app), "quit"));
}

/* Types a passphrase and waits for the check, made in a thread. */
static void
try_passphrase (GtkWidget  *space,
                const char *passphrase)
{
  GtkWidget *entry = psr_test_ui_find_named (space, "passphrase");
  GtkWidget *unlock = psr_test_ui_find_named (space, "unlock");
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_nonnull (entry);
  g_assert_nonnull (unlock);
  gtk_editable_set_text (GTK_EDITABLE (entry), passphrase);
  g_signal_emit_by_name (unlock, "clicked");

  /* Checked when the entry is emptied again, or the space is gone. */
  while (g_get_monotonic_time () < end && find_space () == space
         && *gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    g_main_context_iteration (NULL, FALSE);
  psr_test_ui_iterate (50);
}

static const char *
lock_message (GtkWidget *space)
{
  GtkWidget *label = psr_test_ui_find_named (space, "lock-message");

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

/* Closing the window (Alt+F4) does not leave: it asks for the passphrase;
 * a wrong one is refused; the right one gives the main window back. */
static void
test_leave (void)
{
  Room room;
  GtkWidget *space;

  set_up_room (&room, "leave.db");
  space = open_space (&room);
  g_object_add_weak_pointer (G_OBJECT (space), (gpointer *) &space);
  g_assert_false (quit_enabled ());

  gtk_window_close (GTK_WINDOW (space));
  psr_test_ui_iterate (100);
  g_assert_nonnull (space);
  g_assert_true (gtk_widget_get_visible (space));
  g_assert_nonnull (psr_test_ui_find_named (space, "passphrase"));

  /* Escape goes back, and does not leave either. */
  gtk_widget_activate_action (space, "space.back", NULL);
  psr_test_ui_iterate (50);
  g_assert_nonnull (space);
  gtk_widget_activate_action (space, "space.leave", NULL);
  psr_test_ui_iterate (50);

  try_passphrase (space, "not the passphrase");
  g_assert_nonnull (space);
  g_assert_true (gtk_widget_get_visible (space));
  g_assert_nonnull (strstr (lock_message (space), "Wrong passphrase"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (room.window)));
  g_assert_false (quit_enabled ());

  try_passphrase (space, PASSPHRASE);
  g_assert_null (space);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (room.window)));
  g_assert_true (quit_enabled ());

  tear_down_room (&room);
}

/* After the free attempts, the entry is disabled with the wait shown, and
 * even the right passphrase is not checked. */
static void
test_slowed (void)
{
  Room room;
  GtkWidget *space, *entry;

  set_up_room (&room, "slowed.db");
  space = open_space (&room);
  g_object_add_weak_pointer (G_OBJECT (space), (gpointer *) &space);
  gtk_widget_activate_action (space, "space.leave", NULL);
  psr_test_ui_iterate (50);
  entry = psr_test_ui_find_named (space, "passphrase");

  for (guint i = 0; i < PSR_LOCK_FREE_ATTEMPTS; i++)
    {
      g_assert_true (gtk_widget_get_sensitive (entry));
      try_passphrase (space, "wrong guess");
    }

  g_assert_false (gtk_widget_get_sensitive (entry));
  g_assert_nonnull (strstr (lock_message (space), "Try again in 30 s"));
  g_assert_cmpint (psr_lock_get_wait (room.db, NULL, NULL), >, 0);

  /* Typed and pressed anyway: not checked, and the space stays. */
  gtk_editable_set_text (GTK_EDITABLE (entry), PASSPHRASE);
  g_signal_emit_by_name (psr_test_ui_find_named (space, "unlock"), "clicked");
  psr_test_ui_iterate (300);
  g_assert_nonnull (space);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (room.window)));

  /* The wait counts down on the main loop, however slow the machine. */
  for (guint i = 0; i < 100 && strstr (lock_message (space), "Try again in 30 s") != NULL; i++)
    psr_test_ui_iterate (100);
  g_assert_nonnull (strstr (lock_message (space), "Try again in 2"));

  gtk_window_destroy (GTK_WINDOW (space));
  psr_test_ui_iterate (50);
  g_assert_true (quit_enabled ());
  tear_down_room (&room);
}

static GtkWidget *
pick_trainee (GtkWidget *space,
              gint64     person_id)
{
  GtkWidget *row = psr_test_ui_find_named (space, "trainee");

  for (; row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      PsrEnrollment *enrollment = g_object_get_data (G_OBJECT (row), "enrollment");

      if (enrollment != NULL && enrollment->person_id == person_id)
        break;
    }
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  psr_test_ui_iterate (100);
  return row;
}

/* A trainee picks their name and signs the open half-day; then Done gives
 * the machine to the next trainee. */
static void
test_sign (void)
{
  g_autoptr(GPtrArray) strokes = psr_strokes_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrChainReport) report = NULL;
  g_autofree char *count_sql = NULL;
  Room room;
  GtkWidget *space, *row, *pad;
  AdwMessageDialog *dialog;

  set_up_room (&room, "sign.db");
  space = open_space (&room);
  pick_trainee (space, room.trainee);

  row = psr_test_ui_find_named (space, "sign-row");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  gtk_widget_activate (row);
  psr_test_ui_iterate (200);

  dialog = psr_test_ui_find_dialog ("sign");
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "sign"));
  pad = psr_test_ui_find_descendant (GTK_WIDGET (dialog), PSR_TYPE_SIGNATURE_PAD);
  g_assert_nonnull (pad);
  psr_strokes_add_point (strokes, TRUE, 0.1, 0.6);
  psr_strokes_add_point (strokes, FALSE, 0.5, 0.2);
  psr_strokes_add_point (strokes, FALSE, 0.9, 0.7);
  psr_signature_pad_set_strokes (PSR_SIGNATURE_PAD (pad), strokes);
  adw_message_dialog_response (dialog, "sign");
  gtk_window_destroy (GTK_WINDOW (dialog));
  psr_test_ui_iterate (200);

  count_sql = g_strdup_printf ("SELECT count(*) FROM signatures WHERE role = 'trainee'"
                               " AND slot_id = %" G_GINT64_FORMAT " AND person_id = %"
                               G_GINT64_FORMAT, room.slot, room.trainee);
  g_assert_cmpint (psr_test_query_int (room.db, count_sql), ==, 1);
  report = psr_session_verify_signatures (room.db, room.session, &error);
  g_assert_no_error (error);
  g_assert_true (report->intact);

  /* Signed: the row says when, and opens nothing any more. */
  row = psr_test_ui_find_named (space, "sign-row");
  g_assert_nonnull (row);
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Signed at "));

  /* Done: back to the names, nothing of this trainee left. */
  g_signal_emit_by_name (psr_test_ui_find_named (space, "done"), "clicked");
  psr_test_ui_iterate (100);
  g_assert_null (psr_test_ui_find_named (space, "sign-row"));
  g_assert_nonnull (psr_test_ui_find_named (space, "trainee"));

  gtk_window_destroy (GTK_WINDOW (space));
  psr_test_ui_iterate (50);
  tear_down_room (&room);
}

/* On the last day, the survey records the trainee's rating. */
static void
test_survey (void)
{
  g_autofree char *count_sql = NULL;
  Room room;
  GtkWidget *space, *row, *rating;

  set_up_room (&room, "survey.db");
  space = open_space (&room);
  pick_trainee (space, room.trainee);

  row = psr_test_ui_find_named (space, "survey-row");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  psr_test_ui_iterate (100);

  /* The first question's fourth button: "4 of 5". */
  rating = psr_test_ui_find_named (space, "rating");
  g_assert_nonnull (rating);
  for (guint i = 0; i < 3; i++)
    rating = gtk_widget_get_next_sibling (rating);
  g_signal_emit_by_name (rating, "clicked");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (rating)));
  g_signal_emit_by_name (psr_test_ui_find_named (space, "send-survey"), "clicked");
  psr_test_ui_iterate (100);

  count_sql = g_strdup_printf ("SELECT count(*) FROM satisfaction_answers a"
                               " JOIN satisfaction_responses r ON r.id = a.response_id"
                               " WHERE r.session_id = %" G_GINT64_FORMAT
                               " AND r.person_id = %" G_GINT64_FORMAT " AND a.rating = 4",
                               room.session, room.trainee);
  g_assert_cmpint (psr_test_query_int (room.db, count_sql), ==, 1);
  /* Back home, the survey says it was answered. */
  g_assert_nonnull (psr_test_ui_find_named (space, "survey-row"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
                              psr_test_ui_find_named (space, "survey-row"))),
                            "Answered"));

  gtk_window_destroy (GTK_WINDOW (space));
  psr_test_ui_iterate (50);
  tear_down_room (&room);
}

/* A session done 40 days ago offers its follow-up survey: the trainee
 * picks it, then their name, answers, and it is no longer offered. */
static void
test_follow_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *count_sql = NULL;
  Room room;
  GtkWidget *space, *row, *rating;
  gint64 curriculum, past, slot;
  GDate day;

  set_up_room (&room, "follow-up.db");

  curriculum = psr_test_query_int (room.db, "SELECT min(id) FROM curricula");
  past = psr_session_create (room.db, curriculum, 12, &error);
  g_assert_no_error (error);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_subtract_days (&day, 40);
  slot = psr_session_add_slot (room.db, past, &day, PSR_PERIOD_MORNING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (slot, >, 0);
  psr_session_enroll (room.db, past, room.trainee, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (psr_session_set_status (room.db, past, PSR_SESSION_DONE, NULL, &error));
  g_assert_no_error (error);

  space = open_space (&room);

  /* Today's session and the follow-up survey: the trainee chooses. */
  g_assert_nonnull (psr_test_ui_find_named (space, "session"));
  row = psr_test_ui_find_named (space, "follow-up");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  psr_test_ui_iterate (100);
  pick_trainee (space, room.trainee);

  /* Straight to the follow-up question: "5 of 5". */
  g_assert_null (psr_test_ui_find_named (space, "sign-row"));
  rating = psr_test_ui_find_named (space, "rating");
  g_assert_nonnull (rating);
  for (guint i = 0; i < 4; i++)
    rating = gtk_widget_get_next_sibling (rating);
  g_signal_emit_by_name (rating, "clicked");
  g_signal_emit_by_name (psr_test_ui_find_named (space, "send-survey"), "clicked");
  psr_test_ui_iterate (100);

  count_sql = g_strdup_printf ("SELECT count(*) FROM satisfaction_answers a"
                               " JOIN satisfaction_responses r ON r.id = a.response_id"
                               " WHERE r.session_id = %" G_GINT64_FORMAT
                               " AND r.person_id = %" G_GINT64_FORMAT
                               " AND r.kind = 'cold' AND a.question = 'used' AND a.rating = 5",
                               past, room.trainee);
  g_assert_cmpint (psr_test_query_int (room.db, count_sql), ==, 1);

  /* Answered: only today's session is left, and its names are shown. */
  g_assert_null (psr_test_ui_find_named (space, "follow-up"));
  g_assert_nonnull (psr_test_ui_find_named (space, "trainee"));

  gtk_window_destroy (GTK_WINDOW (space));
  psr_test_ui_iterate (50);
  tear_down_room (&room);
}

/* Fills the Preferences' passphrase dialog and waits for the change, made
 * in a thread, to be reported. */
static void
change_passphrase (PsrPreferencesWindow *preferences,
                   const char           *current,
                   const char           *passphrase,
                   const char           *again)
{
  AdwMessageDialog *dialog;
  GtkWidget *row;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  row = psr_test_ui_find_named (GTK_WIDGET (preferences), "passphrase-row");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_sensitive (row));
  gtk_widget_activate (row);
  psr_test_ui_iterate (50);
  dialog = psr_test_ui_find_dialog ("change");
  g_assert_nonnull (dialog);

  row = psr_test_ui_find_named (GTK_WIDGET (dialog), "current-passphrase");
  if (current != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), current);
  else
    g_assert_null (row);
  gtk_editable_set_text (GTK_EDITABLE (psr_test_ui_find_named (GTK_WIDGET (dialog),
                                                               "new-passphrase")),
                         passphrase);
  gtk_editable_set_text (GTK_EDITABLE (psr_test_ui_find_named (GTK_WIDGET (dialog),
                                                               "new-passphrase-again")),
                         again);
  if (!adw_message_dialog_get_response_enabled (dialog, "change"))
    {
      adw_message_dialog_response (dialog, "cancel");
      gtk_window_destroy (GTK_WINDOW (dialog));
      psr_test_ui_iterate (50);
      return;
    }
  /* As its button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "change");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The row is insensitive while the hashes are made. */
  row = psr_test_ui_find_named (GTK_WIDGET (preferences), "passphrase-row");
  while (g_get_monotonic_time () < end && !gtk_widget_get_sensitive (row))
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_sensitive (row));
  psr_test_ui_iterate (50);
}

/* The Preferences change the passphrase: only with the current one, and
 * the new one twice alike. */
static void
test_change_passphrase (void)
{
  g_autoptr(GError) error = NULL;
  PsrPreferencesWindow *preferences;
  AdwMessageDialog *message;
  Room room;

  set_up_room (&room, "change-passphrase.db");
  preferences = psr_preferences_window_new (psr_application_get_settings (app));
  psr_preferences_window_set_database (preferences, room.db);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (room.window));
  gtk_window_present (GTK_WINDOW (preferences));
  psr_test_ui_iterate (100);

  /* Two different new ones: the dialog does not let it through. */
  change_passphrase (preferences, PASSPHRASE, "a new secret", "a new secreT");
  g_assert_cmpint (psr_lock_verify (room.db, PASSPHRASE, NULL, NULL, &error), ==, PSR_LOCK_OPEN);
  g_assert_no_error (error);

  /* A wrong current one: refused, and said so. */
  change_passphrase (preferences, "not the secret", "a new secret", "a new secret");
  message = psr_test_ui_find_dialog ("close");
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Passphrase Not Changed");
  gtk_window_destroy (GTK_WINDOW (message));
  psr_test_ui_iterate (50);
  g_assert_cmpint (psr_lock_verify (room.db, "a new secret", NULL, NULL, &error), ==,
                   PSR_LOCK_WRONG);
  g_assert_no_error (error);

  /* The right one: changed. */
  change_passphrase (preferences, PASSPHRASE, "a new secret", "a new secret");
  g_assert_null (psr_test_ui_find_dialog ("close"));
  g_assert_cmpint (psr_lock_verify (room.db, "a new secret", NULL, NULL, &error), ==,
                   PSR_LOCK_OPEN);
  g_assert_no_error (error);
  g_assert_cmpint (psr_lock_verify (room.db, PASSPHRASE, NULL, NULL, &error), ==,
                   PSR_LOCK_WRONG);
  g_assert_no_error (error);

  /* Without a passphrase set, none is asked for. */
  g_assert_true (psr_lock_clear_passphrase (room.db, &error));
  g_assert_no_error (error);
  change_passphrase (preferences, NULL, "another secret", "another secret");
  g_assert_cmpint (psr_lock_verify (room.db, "another secret", NULL, NULL, &error), ==,
                   PSR_LOCK_OPEN);
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (preferences));
  psr_test_ui_iterate (50);
  tear_down_room (&room);
}

/* A rehearsal played to an ending is recorded with its path. */
static void
test_rehearsal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrRehearsalNode) start = NULL;
  g_autofree char *path = NULL;
  g_autofree char *count_sql = NULL;
  Room room;
  GtkWidget *space, *row, *player = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  set_up_room (&room, "rehearsal.db");
  space = open_space (&room);
  pick_trainee (space, room.trainee);

  row = psr_test_ui_find_named (space, "rehearsals-row");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  psr_test_ui_iterate (100);
  row = psr_test_ui_find_named (space, "rehearsal");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  psr_test_ui_iterate (200);

  for (guint i = 0; player == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PSR_IS_REHEARSAL_PLAYER (window))
        player = window;
    }
  g_assert_nonnull (player);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (player)) == GTK_WINDOW (space));

  /* The player says the trainee reached an ending, with the path taken. */
  start = psr_rehearsal_get_start (room.db, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (player),
                                                                                  "scenario")),
                                   &error);
  g_assert_no_error (error);
  path = g_strdup_printf ("[{\"node\":\"%s\",\"choice\":null}]", start->uuid);
  g_signal_emit_by_name (player, "finished", path);

  count_sql = g_strdup_printf ("SELECT count(*) FROM rehearsal_runs WHERE person_id = %"
                               G_GINT64_FORMAT " AND finished_at IS NOT NULL", room.trainee);
  g_assert_cmpint (psr_test_query_int (room.db, count_sql), ==, 1);

  gtk_window_destroy (GTK_WINDOW (player));
  psr_test_ui_iterate (100);
  row = psr_test_ui_find_named (space, "rehearsal");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "played 1 time"));

  gtk_window_destroy (GTK_WINDOW (space));
  psr_test_ui_iterate (50);
  tear_down_room (&room);
}

/* Without a passphrase, the trainer sets one first: it is refused while
 * too short or not typed the same twice; then the space opens. */
static void
test_set_passphrase (void)
{
  g_autoptr(GError) error = NULL;
  Room room;
  AdwMessageDialog *dialog;
  GtkWidget *first, *second;
  GtkWidget *space = NULL;
  gint64 end;

  set_up_room (&room, "set.db");
  g_assert_true (psr_lock_clear_passphrase (room.db, &error));
  g_assert_no_error (error);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (room.window), "win.trainee-space",
                                             NULL));
  psr_test_ui_iterate (100);
  g_assert_null (find_space ());
  dialog = psr_test_ui_find_dialog ("set");
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));

  first = psr_test_ui_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_assert_nonnull (first);
  second = gtk_widget_get_next_sibling (first);
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (second));

  gtk_editable_set_text (GTK_EDITABLE (first), "short");
  gtk_editable_set_text (GTK_EDITABLE (second), "short");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));
  gtk_editable_set_text (GTK_EDITABLE (first), PASSPHRASE);
  gtk_editable_set_text (GTK_EDITABLE (second), "the trainer's secreT");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "set"));
  gtk_editable_set_text (GTK_EDITABLE (second), PASSPHRASE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "set"));

  adw_message_dialog_response (dialog, "set");
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* The hash is made in a thread, at its full cost. */
  for (end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       space == NULL && g_get_monotonic_time () < end;
       space = find_space ())
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (space);
  g_assert_true (psr_lock_has_passphrase (room.db, NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (room.window)));

  gtk_window_destroy (GTK_WINDOW (space));
  psr_test_ui_iterate (50);
  tear_down_room (&room);
}

/* Whether a label that shows under @widget reads @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), text))
        return TRUE;
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

/* A module is shown in the trainee's language when translated, else in
 * its original language, and the page says so once. */
static void
test_translated_module (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrRecord) module = NULL;
  g_autofree char *sql = NULL;
  const char *fields[] = { "title", "objectives", "content" };
  Room room;
  GtkWidget *space, *row, *note;
  gint64 module_id;

  set_up_room (&room, "translated.db");
  psr_test_exec (room.db, "UPDATE curricula SET language = 'fr'");
  sql = g_strdup_printf ("UPDATE people SET language = 'en' WHERE id = %" G_GINT64_FORMAT,
                         room.trainee);
  psr_test_exec (room.db, sql);
  module_id = psr_test_query_int (room.db,
                                  "SELECT id FROM modules WHERE curriculum_id ="
                                  " (SELECT min(id) FROM curricula) ORDER BY position, id LIMIT 1");
  module = psr_record_load (room.db, PSR_TYPE_MODULE, module_id, &error);
  g_assert_no_error (error);
  g_assert_true (psr_translation_set (room.db, "module", psr_record_get_uuid (module), "en",
                                      "title", "Welcoming a group", &error));
  g_assert_no_error (error);

  space = open_space (&room);
  pick_trainee (space, room.trainee);
  row = psr_test_ui_find_named (space, "modules-row");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  psr_test_ui_iterate (100);
  row = psr_test_ui_find_named (space, "module");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "1. Welcoming a group");

  /* Its objectives and content are not translated. */
  gtk_widget_activate (row);
  psr_test_ui_iterate (100);
  g_assert_true (shows_label (space, "Welcoming a group"));
  note = psr_test_ui_find_named (space, "translation-note");
  g_assert_nonnull (note);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), ==,
                   "Not translated into English yet: shown in French");

  /* Wholly translated: no note. */
  for (guint i = 1; i < G_N_ELEMENTS (fields); i++)
    {
      g_assert_true (psr_translation_set (room.db, "module", psr_record_get_uuid (module), "en",
                                          fields[i], "In English", &error));
      g_assert_no_error (error);
    }
  gtk_widget_activate_action (space, "space.open-module", "x", module_id);
  psr_test_ui_iterate (100);
  g_assert_true (shows_label (space, "Welcoming a group"));
  g_assert_null (psr_test_ui_find_named (space, "translation-note"));

  gtk_window_destroy (GTK_WINDOW (space));
  psr_test_ui_iterate (50);
  tear_down_room (&room);
}

/* The competencies to position oneself on are shown in the trainee's
 * language when translated, else in the framework's, and the page says
 * so. */
static void
test_translated_competency (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) competencies = NULL;
  PsrPositioningCompetency *first;
  g_autofree char *expected = NULL;
  Room room;
  GtkWidget *space, *row;

  set_up_room (&room, "competency.db");
  competencies = psr_session_list_positioning_competencies (room.db, room.session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (competencies->len, >, 1);
  first = g_ptr_array_index (competencies, 0);
  g_assert_true (psr_translation_set (room.db, "competency", first->uuid, "en", "title",
                                      "Welcoming every visitor", &error));
  g_assert_no_error (error);

  space = open_space (&room);
  pick_trainee (space, room.trainee);
  gtk_widget_activate_action (space, "space.positioning", NULL);
  psr_test_ui_iterate (100);
  row = psr_test_ui_find_named (space, "competency");
  g_assert_nonnull (row);
  expected = *first->code != '\0' ? g_strdup_printf ("%s Welcoming every visitor", first->code)
                                  : g_strdup ("Welcoming every visitor");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, expected);
  /* The others are in French. */
  g_assert_nonnull (psr_test_ui_find_named (space, "translation-note"));

  gtk_window_destroy (GTK_WINDOW (space));
  psr_test_ui_iterate (50);
  tear_down_room (&room);
}

/* @msgid in @language, from this build's catalogue; the test fails when
 * the catalogue leaves it in English, which would prove nothing. */
static char *
translate (const char *language,
           const char *msgid)
{
  g_autoptr(PsrLocale) locale = psr_locale_new (language);
  char *translation;

  psr_locale_push (locale);
  translation = g_strdup (psr_locale_gettext (msgid));
  psr_locale_pop (locale);
  g_assert_cmpstr (translation, !=, msgid);
  return translation;
}

/* Whatever the interface's language (English here), a trainee reads the
 * space in their own from their name on, laid out right to left in
 * Arabic, and so does the rehearsal player it opens; the next trainee
 * picks their name in the interface's again. */
static void
test_trainee_language (void)
{
  g_autofree char *modules = translate ("fr", "My Modules");
  g_autofree char *done = translate ("fr", "_Done");
  g_autofree char *back = translate ("fr", "Back");
  g_autofree char *rehearsal = translate ("fr", "Rehearsal");
  g_autofree char *modules_ar = translate ("ar", "My Modules");
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *space, *row, *button, *player = NULL;
  Room room;

  set_up_room (&room, "language.db");
  set_language (&room, "fr");
  space = open_space (&room);
  pick_trainee (space, room.trainee);

  row = psr_test_ui_find_named (space, "modules-row");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, modules);
  button = psr_test_ui_find_named (space, "done");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, done);
  g_assert_cmpint (gtk_widget_get_direction (row), ==, GTK_TEXT_DIR_LTR);

  /* The player of a rehearsal carries on in French. */
  row = psr_test_ui_find_named (space, "rehearsals-row");
  g_assert_nonnull (row);
  gtk_widget_activate (row);
  psr_test_ui_iterate (100);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (psr_test_ui_find_named (space, "back")), ==, back);
  gtk_widget_activate (psr_test_ui_find_named (space, "rehearsal"));
  psr_test_ui_iterate (200);
  for (guint i = 0; player == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PSR_IS_REHEARSAL_PLAYER (window))
        player = window;
    }
  g_assert_nonnull (player);
  g_assert_true (shows_label (player, rehearsal));
  gtk_window_destroy (GTK_WINDOW (player));
  psr_test_ui_iterate (100);

  /* The next trainee, in the interface's language. */
  gtk_widget_activate_action (space, "space.done", NULL);
  psr_test_ui_iterate (100);
  row = psr_test_ui_find_named (space, "trainee");
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_widget_get_direction (row), ==, gtk_widget_get_default_direction ());
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Done");

  /* Arabic: right to left, header bar included. */
  set_language (&room, "ar");
  pick_trainee (space, room.trainee);
  row = psr_test_ui_find_named (space, "modules-row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, modules_ar);
  g_assert_cmpint (gtk_widget_get_direction (row), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (button), ==, GTK_TEXT_DIR_RTL);

  /* The trainer's passphrase page is the interface's. */
  gtk_widget_activate_action (space, "space.leave", NULL);
  psr_test_ui_iterate (50);
  g_assert_cmpint (gtk_widget_get_direction (psr_test_ui_find_named (space, "passphrase")), ==,
                   gtk_widget_get_default_direction ());

  gtk_window_destroy (GTK_WINDOW (space));
  psr_test_ui_iterate (50);
  tear_down_room (&room);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_autofree char *locale_dir = NULL;

  g_test_init (&argc, &argv, NULL);

  /* The catalogues this build compiled, for the trainees' languages. */
  locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  dir = psr_test_make_dir ();
  app = psr_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/trainee-space/leave", test_leave);
  g_test_add_func ("/trainee-space/slowed", test_slowed);
  g_test_add_func ("/trainee-space/sign", test_sign);
  g_test_add_func ("/trainee-space/survey", test_survey);
  g_test_add_func ("/trainee-space/follow-up", test_follow_up);
  g_test_add_func ("/trainee-space/rehearsal", test_rehearsal);
  g_test_add_func ("/trainee-space/trainee-language", test_trainee_language);
  g_test_add_func ("/trainee-space/translated-competency", test_translated_competency);
  g_test_add_func ("/trainee-space/translated-module", test_translated_module);
  g_test_add_func ("/trainee-space/set-passphrase", test_set_passphrase);
  g_test_add_func ("/trainee-space/change-passphrase", test_change_passphrase);

  status = g_test_run ();
  psr_test_remove_dir (dir);
  return status;
}
