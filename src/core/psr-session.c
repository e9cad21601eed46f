/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdio.h>

#include "psr-session.h"

/* One run of a curriculum version, over half-day slots. Its title is the
 * curriculum's unless the session has one of its own. */
struct _PsrSession
{
  PsrRecord parent_instance;

  char     *place;
  char     *room;
  char     *status;
  GDate     starts_on;
  GDate     ends_on;
  guint     capacity;
  guint     n_enrolled;
};

G_DEFINE_FINAL_TYPE (PsrSession, psr_session, PSR_TYPE_RECORD)

enum {
  PROP_0,
  PROP_PLACE,
  PROP_ROOM,
  PROP_STATUS,
  PROP_CAPACITY,
  PROP_N_ENROLLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
parse_day (GDate        *date,
           sqlite3_stmt *stmt,
           int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  guint year, month, day;

  g_date_clear (date, 1);
  /* Stored as YYYY-MM-DD; g_date_set_parse () would read it by the locale. */
  if (text != NULL && sscanf (text, "%4u-%2u-%2u", &year, &month, &day) == 3
      && g_date_valid_dmy (day, month, year))
    g_date_set_dmy (date, day, month, year);
}

static void
psr_session_load (PsrRecord    *record,
                  sqlite3_stmt *stmt)
{
  PsrSession *self = PSR_SESSION (record);

  self->place = psr_record_column_text (stmt, 5);
  self->room = psr_record_column_text (stmt, 6);
  self->status = psr_record_column_text (stmt, 7);
  parse_day (&self->starts_on, stmt, 8);
  parse_day (&self->ends_on, stmt, 9);
  self->capacity = sqlite3_column_int (stmt, 10);
  self->n_enrolled = sqlite3_column_int (stmt, 11);
}

static void
psr_session_finalize (GObject *object)
{
  PsrSession *self = (PsrSession *)object;

  g_free (self->place);
  g_free (self->room);
  g_free (self->status);

  G_OBJECT_CLASS (psr_session_parent_class)->finalize (object);
}

static void
psr_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PsrSession *self = PSR_SESSION (object);

  switch (prop_id)
    {
    case PROP_PLACE:
      g_value_set_string (value, self->place);
      break;

    case PROP_ROOM:
      g_value_set_string (value, self->room);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_CAPACITY:
      g_value_set_uint (value, self->capacity);
      break;

    case PROP_N_ENROLLED:
      g_value_set_uint (value, self->n_enrolled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psr_session_class_init (PsrSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsrRecordClass *record_class = PSR_RECORD_CLASS (klass);

  object_class->finalize = psr_session_finalize;
  object_class->get_property = psr_session_get_property;

  record_class->kind = "session";
  record_class->select_sql =
    "SELECT s.id, s.uuid, s.created_at, s.updated_at, coalesce(nullif(s.title, ''), c.title),"
    " s.place, s.room, s.status, s.starts_on, s.ends_on, s.capacity,"
    " (SELECT count(*) FROM enrollments e WHERE e.session_id = s.id"
    "  AND e.status IN ('enrolled', 'no-show'))"
    " FROM sessions s JOIN curricula c ON c.id = s.curriculum_id WHERE s.id = ?1";
  record_class->list_sql =
    "SELECT id FROM sessions ORDER BY starts_on DESC, id DESC";
  record_class->titles_sql =
    "SELECT s.uuid, coalesce(nullif(s.title, ''), c.title) || coalesce(' (' || s.starts_on || ')', '')"
    " FROM sessions s JOIN curricula c ON c.id = s.curriculum_id"
    " ORDER BY s.starts_on DESC, s.id DESC";
  record_class->find_sql = "SELECT id FROM sessions WHERE uuid = ?1";
  record_class->load = psr_session_load;

  properties[PROP_PLACE] =
    g_param_spec_string ("place", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROOM] =
    g_param_spec_string ("room", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPACITY] =
    g_param_spec_uint ("capacity", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ENROLLED] =
    g_param_spec_uint ("n-enrolled", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psr_session_init (PsrSession *self)
{
  g_date_clear (&self->starts_on, 1);
  g_date_clear (&self->ends_on, 1);
}

const char *
psr_session_get_place (PsrSession *self)
{
  g_return_val_if_fail (PSR_IS_SESSION (self), NULL);
  return self->place;
}

const char *
psr_session_get_room (PsrSession *self)
{
  g_return_val_if_fail (PSR_IS_SESSION (self), NULL);
  return self->room;
}

const char *
psr_session_get_status (PsrSession *self)
{
  g_return_val_if_fail (PSR_IS_SESSION (self), NULL);
  return self->status;
}

/* Invalid (g_date_valid () is FALSE) while the session has no slot. */
GDate *
psr_session_get_starts_on (PsrSession *self)
{
  g_return_val_if_fail (PSR_IS_SESSION (self), NULL);
  return &self->starts_on;
}

GDate *
psr_session_get_ends_on (PsrSession *self)
{
  g_return_val_if_fail (PSR_IS_SESSION (self), NULL);
  return &self->ends_on;
}

guint
psr_session_get_capacity (PsrSession *self)
{
  g_return_val_if_fail (PSR_IS_SESSION (self), 0);
  return self->capacity;
}

guint
psr_session_get_n_enrolled (PsrSession *self)
{
  g_return_val_if_fail (PSR_IS_SESSION (self), 0);
  return self->n_enrolled;
}
