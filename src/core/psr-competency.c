/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-competency.h"

/* A node of a competency framework: a field, a competency or an observable
 * indicator. */
struct _PsrCompetency
{
  PsrRecord          parent_instance;

  gint64             framework_id;
  gint64             parent_id;
  PsrCompetencyKind  kind;
  char              *code;
  char              *description;
  guint              position;
  gboolean           archived;
  guint              n_children;
};

G_DEFINE_FINAL_TYPE (PsrCompetency, psr_competency, PSR_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CODE,
  PROP_DESCRIPTION,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = { "field", "competency", "indicator" };

const char *
psr_competency_kind_to_string (PsrCompetencyKind kind)
{
  g_return_val_if_fail (kind <= PSR_COMPETENCY_INDICATOR, NULL);

  return kind_names[kind];
}

static PsrCompetencyKind
kind_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind_names[i], text) == 0)
      return i;

  g_return_val_if_reached (PSR_COMPETENCY_FIELD);
}

static void
psr_competency_load (PsrRecord    *record,
                     sqlite3_stmt *stmt)
{
  PsrCompetency *self = PSR_COMPETENCY (record);

  self->framework_id = sqlite3_column_int64 (stmt, 5);
  self->parent_id = sqlite3_column_int64 (stmt, 6);
  self->kind = kind_from_string ((const char *) sqlite3_column_text (stmt, 7));
  self->code = psr_record_column_text (stmt, 8);
  self->description = psr_record_column_text (stmt, 9);
  self->position = sqlite3_column_int (stmt, 10);
  self->archived = sqlite3_column_int (stmt, 11) != 0;
  self->n_children = sqlite3_column_int (stmt, 12);
}

static void
psr_competency_finalize (GObject *object)
{
  PsrCompetency *self = (PsrCompetency *)object;

  g_free (self->code);
  g_free (self->description);

  G_OBJECT_CLASS (psr_competency_parent_class)->finalize (object);
}

static void
psr_competency_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PsrCompetency *self = PSR_COMPETENCY (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psr_competency_class_init (PsrCompetencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsrRecordClass *record_class = PSR_RECORD_CLASS (klass);

  object_class->finalize = psr_competency_finalize;
  object_class->get_property = psr_competency_get_property;

  record_class->kind = "competency";
  record_class->select_sql =
    "SELECT id, uuid, created_at, updated_at, title, framework_id, parent_id, kind, code,"
    " description, position, archived,"
    " (SELECT count(*) FROM competencies c WHERE c.parent_id = competencies.id)"
    " FROM competencies WHERE id = ?1";
  record_class->list_sql =
    "SELECT id FROM competencies ORDER BY framework_id, kind, position, id";
  record_class->titles_sql =
    "SELECT uuid, trim(code || ' ' || title) FROM competencies"
    " ORDER BY framework_id, kind, position, id";
  record_class->load = psr_competency_load;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psr_competency_init (PsrCompetency *self)
{
}

gint64
psr_competency_get_framework_id (PsrCompetency *self)
{
  g_return_val_if_fail (PSR_IS_COMPETENCY (self), 0);
  return self->framework_id;
}

/* 0 for a field. */
gint64
psr_competency_get_parent_id (PsrCompetency *self)
{
  g_return_val_if_fail (PSR_IS_COMPETENCY (self), 0);
  return self->parent_id;
}

PsrCompetencyKind
psr_competency_get_kind (PsrCompetency *self)
{
  g_return_val_if_fail (PSR_IS_COMPETENCY (self), PSR_COMPETENCY_FIELD);
  return self->kind;
}

const char *
psr_competency_get_code (PsrCompetency *self)
{
  g_return_val_if_fail (PSR_IS_COMPETENCY (self), NULL);
  return self->code;
}

const char *
psr_competency_get_description (PsrCompetency *self)
{
  g_return_val_if_fail (PSR_IS_COMPETENCY (self), NULL);
  return self->description;
}

guint
psr_competency_get_position (PsrCompetency *self)
{
  g_return_val_if_fail (PSR_IS_COMPETENCY (self), 0);
  return self->position;
}

gboolean
psr_competency_get_archived (PsrCompetency *self)
{
  g_return_val_if_fail (PSR_IS_COMPETENCY (self), FALSE);
  return self->archived;
}

guint
psr_competency_get_n_children (PsrCompetency *self)
{
  g_return_val_if_fail (PSR_IS_COMPETENCY (self), 0);
  return self->n_children;
}
