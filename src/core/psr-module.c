/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-module.h"

/* An ordered unit of one version of a curriculum. */
struct _PsrModule
{
  PsrRecord parent_instance;

  gint64    curriculum_id;
  guint     position;
  double    duration_hours;
  char     *method;
  guint     n_competencies;
  guint     n_scenarios;
  /* By PsrModuleField; the title is the record's own. */
  char     *texts[PSR_MODULE_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PsrModule, psr_module, PSR_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CURRICULUM_ID,
  PROP_POSITION,
  PROP_DURATION_HOURS,
  PROP_METHOD,
  PROP_N_COMPETENCIES,
  PROP_N_SCENARIOS,
  /* Then one property per text field but the title, in the order of
   * PsrModuleField. */
  PROP_FIRST_TEXT,
  N_PROPS = PROP_FIRST_TEXT + PSR_MODULE_N_FIELDS - 1
};

#define TEXT_PROP(field) (PROP_FIRST_TEXT + (field) - 1)

static GParamSpec *properties[N_PROPS];

static const char * const text_properties[PSR_MODULE_N_FIELDS] = {
  [PSR_MODULE_FIELD_OBJECTIVES] = "objectives",
  [PSR_MODULE_FIELD_CONTENT] = "content",
};

/* The text columns of select_sql start here, in the order of PsrModuleField
 * from the objectives on. */
#define FIRST_TEXT_COLUMN 11

static void
psr_module_load (PsrRecord    *record,
                 sqlite3_stmt *stmt)
{
  PsrModule *self = PSR_MODULE (record);

  self->curriculum_id = sqlite3_column_int64 (stmt, 5);
  self->position = sqlite3_column_int (stmt, 6);
  self->duration_hours = sqlite3_column_double (stmt, 7);
  self->method = psr_record_column_text (stmt, 8);
  self->n_competencies = sqlite3_column_int (stmt, 9);
  self->n_scenarios = sqlite3_column_int (stmt, 10);

  for (guint field = PSR_MODULE_FIELD_OBJECTIVES; field < PSR_MODULE_N_FIELDS; field++)
    self->texts[field] = psr_record_column_text (stmt, FIRST_TEXT_COLUMN + field - 1);
}

static void
psr_module_finalize (GObject *object)
{
  PsrModule *self = (PsrModule *)object;

  g_free (self->method);
  for (guint field = 0; field < PSR_MODULE_N_FIELDS; field++)
    g_free (self->texts[field]);

  G_OBJECT_CLASS (psr_module_parent_class)->finalize (object);
}

static void
psr_module_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PsrModule *self = PSR_MODULE (object);

  switch (prop_id)
    {
    case PROP_CURRICULUM_ID:
      g_value_set_int64 (value, self->curriculum_id);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_DURATION_HOURS:
      g_value_set_double (value, self->duration_hours);
      break;

    case PROP_METHOD:
      g_value_set_string (value, self->method);
      break;

    case PROP_N_COMPETENCIES:
      g_value_set_uint (value, self->n_competencies);
      break;

    case PROP_N_SCENARIOS:
      g_value_set_uint (value, self->n_scenarios);
      break;

    default:
      if (prop_id >= PROP_FIRST_TEXT && prop_id < N_PROPS)
        g_value_set_string (value, self->texts[prop_id - PROP_FIRST_TEXT + 1]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psr_module_class_init (PsrModuleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsrRecordClass *record_class = PSR_RECORD_CLASS (klass);

  object_class->finalize = psr_module_finalize;
  object_class->get_property = psr_module_get_property;

  record_class->kind = "module";
  record_class->select_sql =
    "SELECT id, uuid, created_at, updated_at, title, curriculum_id, position, duration_hours,"
    " method,"
    " (SELECT count(*) FROM module_competencies mc WHERE mc.module_id = modules.id),"
    " (SELECT count(*) FROM module_scenarios ms WHERE ms.module_id = modules.id),"
    " objectives, content"
    " FROM modules WHERE id = ?1";
  record_class->list_sql =
    "SELECT id FROM modules ORDER BY curriculum_id, position, id";
  record_class->titles_sql =
    "SELECT uuid, title FROM modules ORDER BY curriculum_id, position, id";
  record_class->find_sql = "SELECT id FROM modules WHERE uuid = ?1";
  record_class->load = psr_module_load;

  properties[PROP_CURRICULUM_ID] =
    g_param_spec_int64 ("curriculum-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION_HOURS] =
    g_param_spec_double ("duration-hours", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_COMPETENCIES] =
    g_param_spec_uint ("n-competencies", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SCENARIOS] =
    g_param_spec_uint ("n-scenarios", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  for (guint field = PSR_MODULE_FIELD_OBJECTIVES; field < PSR_MODULE_N_FIELDS; field++)
    properties[TEXT_PROP (field)] =
      g_param_spec_string (text_properties[field], NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psr_module_init (PsrModule *self)
{
}

const char *
psr_module_get_text (PsrModule      *self,
                     PsrModuleField  field)
{
  g_return_val_if_fail (PSR_IS_MODULE (self), NULL);
  g_return_val_if_fail (field < PSR_MODULE_N_FIELDS, NULL);

  if (field == PSR_MODULE_FIELD_TITLE)
    return psr_record_get_title (PSR_RECORD (self));

  return self->texts[field];
}

gint64
psr_module_get_curriculum_id (PsrModule *self)
{
  g_return_val_if_fail (PSR_IS_MODULE (self), 0);
  return self->curriculum_id;
}

guint
psr_module_get_position (PsrModule *self)
{
  g_return_val_if_fail (PSR_IS_MODULE (self), 0);
  return self->position;
}

const char *
psr_module_get_objectives (PsrModule *self)
{
  return psr_module_get_text (self, PSR_MODULE_FIELD_OBJECTIVES);
}

double
psr_module_get_duration_hours (PsrModule *self)
{
  g_return_val_if_fail (PSR_IS_MODULE (self), 0);
  return self->duration_hours;
}

const char *
psr_module_get_method (PsrModule *self)
{
  g_return_val_if_fail (PSR_IS_MODULE (self), NULL);
  return self->method;
}

const char *
psr_module_get_content (PsrModule *self)
{
  return psr_module_get_text (self, PSR_MODULE_FIELD_CONTENT);
}

guint
psr_module_get_n_competencies (PsrModule *self)
{
  g_return_val_if_fail (PSR_IS_MODULE (self), 0);
  return self->n_competencies;
}

guint
psr_module_get_n_scenarios (PsrModule *self)
{
  g_return_val_if_fail (PSR_IS_MODULE (self), 0);
  return self->n_scenarios;
}
